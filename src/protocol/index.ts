/**
 * Crowdfind's Find My protocol: pure TypeScript, no DOM or worker globals (runs in a Web
 * Worker, in Node and in tests). Thread pools live in node-crypto-pool.ts (Node, piscina) and
 * browser-crypto-pool.ts (browser, comlink) and are imported directly.
 */
export { P224, P224_N, P224_BYTES, P224_UNCOMPRESSED_BYTES, liftX, pointFromUncompressed, type P224Point } from './p224.ts';
export { x963KdfSha256 } from './kdf.ts';
export { aeadBackend, availableAeadBackends, setAeadBackend, type AeadBackend } from './aead.ts';
export { toBase64, fromBase64, equalBytes } from './bytes.ts';
export {
  KeyChain,
  derivePeriodKey,
  generateMasterKey,
  hashedIdOf,
  nextSecret,
  periodKeyFromSecret,
  periodPrivateScalar,
  SECRET_BYTES,
  type KeyChainOptions,
  type MasterBeaconKey,
  type PeriodKey,
} from './keys.ts';
export {
  DAY_MS,
  NEAR_OWNER_ROTATION_MS,
  SEPARATED_AFTER_MS,
  lastDailyChangeMs,
  liveKeyAt,
  periodAt,
  periodStartMs,
  periodsLiveBetween,
  type KeySchedule,
  type LiveKey,
} from './schedule.ts';
export {
  ADDRESS_BYTES,
  ADVERTISEMENT_BYTES,
  batteryFromStatus,
  buildAdvertisement,
  parseAdvertisement,
  statusByte,
  type Advertisement,
  type BatteryLevel,
  type ParsedAdvertisement,
} from './beacon.ts';
export { APPLE_EPOCH_MS, PLAINTEXT_BYTES, appleSecondsFromMs, encodeLocation, msFromAppleSeconds, readLocation, type Location } from './location.ts';
export {
  REPORT_BYTES,
  REPORT_OFFSETS,
  decryptReport,
  encryptReport,
  privateScalarFromBytes,
  readReportHeader,
  type DecryptedReport,
  type ReportHeader,
} from './report.ts';
export { ReportAuthError, ReportFormatError } from './errors.ts';
export { isModeledReport, type CryptoMode } from './modeled.ts';
export { FinderKeyCache, type FinderKeyCacheOptions } from './finder-key-cache.ts';
export {
  DECRYPT_AUTH_FAILED,
  DECRYPT_MALFORMED,
  DECRYPT_OK,
  DECRYPT_REQUEST_BYTES,
  DECRYPT_RESULT_BYTES,
  ENCRYPT_REQUEST_BYTES,
  decryptBatch,
  encryptBatch,
  packDecryptRequests,
  packEncryptRequests,
  unpackDecryptResults,
  type DecryptItem,
  type DecryptRequest,
  type EncryptRequest,
} from './batch.ts';
export { InThreadCryptoPool, runCryptoTask, type CryptoPool, type CryptoTask } from './pool.ts';
export { RETENTION_MS, ReportServer, type ReportQuery, type StoredReport } from './server.ts';
export { Owner, type FetchOptions, type FetchResult, type OwnerLocation } from './owner.ts';
