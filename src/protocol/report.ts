/**
 * Location reports, byte-compatible with Apple's offline finding (OpenHaystack DecryptReports):
 *
 *   88 bytes: timestamp uint32 BE (s since 2001) | confidence uint8 | ephemeral key (57, 04||x||y)
 *             | ciphertext (10) | GCM tag (16)
 *
 * Finder (ECIES): ephemeral e, E = e*G; S = e*P_i; K = SHA-256(x(S) || 00000001 || E), which is
 * one block of X9.63-KDF(x(S), info = E); AES-128-GCM with key K[0:16] and 16-byte IV K[16:32].
 * Timestamp and confidence are outside the AEAD (no associated data), exactly as in the real
 * network: they can be changed without breaking decryption.
 *
 * Scalar multiplications use noble's multiplyUnsafe (variable time): the simulator has no
 * timing adversary and the constant-time path is 1.5-2x slower (see docs/protocol.md).
 */
import { gcm } from '@noble/ciphers/aes.js';
import { normalizeZ } from '@noble/curves/abstract/curve.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { ReportAuthError, ReportFormatError } from './errors.ts';
import { FinderKeyCache } from './finder-key-cache.ts';
import { x963KdfSha256 } from './kdf.ts';
import { PLAINTEXT_BYTES, appleSecondsFromMs, msFromAppleSeconds, readLocation, writeLocation, type Location } from './location.ts';
import { isModeledReport } from './modeled.ts';
import { P224, P224_BYTES, P224_N, P224_UNCOMPRESSED_BYTES, assertPrivateScalar, bigintFromBytes, bytesFromScalar, pointFromUncompressed, type P224Point } from './p224.ts';

export const REPORT_BYTES = 88;
export const REPORT_OFFSETS = { timestamp: 0, confidence: 4, ephemeralKey: 5, ciphertext: 62, tag: 72 } as const;
const TAG_BYTES = 16;

export interface DecryptedReport extends Location {
  /** Unix ms (second resolution), from the unauthenticated header */
  timestampMs: number;
  /** from the unauthenticated header */
  confidence: number;
}

export interface ReportHeader {
  timestampMs: number;
  confidence: number;
}

/** Writes the clear header (timestamp, confidence). */
export function writeReportHeader(out: Uint8Array, offset: number, timestampMs: number, confidence: number): void {
  if (!Number.isInteger(confidence) || confidence < 0 || confidence > 255) throw new RangeError(`confidence must be a byte, got ${confidence}`);
  new DataView(out.buffer, out.byteOffset + offset, 5).setUint32(0, appleSecondsFromMs(timestampMs), false);
  out[offset + 4] = confidence;
}

export function readReportHeader(report: Uint8Array, offset = 0): ReportHeader {
  const view = new DataView(report.buffer, report.byteOffset + offset, 5);
  return { timestampMs: msFromAppleSeconds(view.getUint32(0, false)), confidence: view.getUint8(4) };
}

/** A uniform ephemeral scalar in [1, n-1] (36 random bytes reduced, negligible bias). */
function randomScalar(): bigint {
  return (bigintFromBytes(randomBytes(36)) % (P224_N - 1n)) + 1n;
}

function gcmKeyAndIv(sharedX: Uint8Array, ephemeralPublic: Uint8Array): Uint8Array {
  return x963KdfSha256(sharedX, ephemeralPublic, 32);
}

/**
 * Encrypts a 10-byte plaintext (at plaintext[pOff..]) to `point` and writes the last 83 bytes
 * of a report (ephemeral key, ciphertext, tag) at out[offset + 5..]. Low level: the batch API
 * and encryptReport build on it. `ephemeral` is for tests only.
 */
export function sealInto(point: P224Point, plaintext: Uint8Array, pOff: number, out: Uint8Array, offset: number, ephemeral?: bigint): void {
  const e = ephemeral ?? randomScalar();
  // One field inversion for both points (Montgomery's trick inside normalizeZ) instead of two.
  const [ephemeralPoint, shared] = normalizeZ(P224, [P224.BASE.multiplyUnsafe(e), point.multiplyUnsafe(e)]);
  const ephemeralPublic = ephemeralPoint.toBytes(false);
  const sharedX = bytesFromScalar(shared.toAffine().x);
  const k = gcmKeyAndIv(sharedX, ephemeralPublic);
  const sealed = gcm(k.subarray(0, 16), k.subarray(16, 32)).encrypt(plaintext.subarray(pOff, pOff + PLAINTEXT_BYTES));
  out.set(ephemeralPublic, offset + REPORT_OFFSETS.ephemeralKey);
  out.set(sealed, offset + REPORT_OFFSETS.ciphertext); // ciphertext (10) then tag (16)
}

/**
 * Opens the report at report[offset..offset+88) with private scalar d and writes the 10-byte
 * plaintext at plaintextOut[pOff..]. Throws ReportFormatError / ReportAuthError.
 */
export function openInto(d: bigint, report: Uint8Array, offset: number, plaintextOut: Uint8Array, pOff: number): void {
  if (report.length - offset < REPORT_BYTES) throw new ReportFormatError(`report must be ${REPORT_BYTES} bytes, got ${report.length - offset}`);
  if (isModeledReport(report, offset)) throw new ReportFormatError('this is a modeled (unencrypted) report, not a real one');
  const ephemeralPublic = report.subarray(offset + REPORT_OFFSETS.ephemeralKey, offset + REPORT_OFFSETS.ephemeralKey + P224_UNCOMPRESSED_BYTES);
  let ephemeral: P224Point;
  try {
    ephemeral = pointFromUncompressed(ephemeralPublic);
  } catch (err) {
    // An altered ephemeral key almost never lands on the curve: that is tampering too.
    throw new ReportAuthError(`report failed authentication: ${(err as Error).message}`);
  }
  const sharedX = bytesFromScalar(ephemeral.multiplyUnsafe(d).toAffine().x);
  const k = gcmKeyAndIv(sharedX, ephemeralPublic);
  let plain: Uint8Array;
  try {
    plain = gcm(k.subarray(0, 16), k.subarray(16, 32)).decrypt(report.subarray(offset + REPORT_OFFSETS.ciphertext, offset + REPORT_OFFSETS.tag + TAG_BYTES));
  } catch {
    throw new ReportAuthError();
  }
  plaintextOut.set(plain, pOff);
}

const defaultCache = new FinderKeyCache();

/** A finder's whole job for one sighting: the 88-byte report for `advertisedKey`. */
export function encryptReport(
  advertisedKey: Uint8Array,
  location: Location,
  timestampMs: number,
  confidence = 0,
  options: { cache?: FinderKeyCache; ephemeral?: bigint } = {},
): Uint8Array {
  if (advertisedKey.length !== P224_BYTES) throw new RangeError(`advertised key must be ${P224_BYTES} bytes, got ${advertisedKey.length}`);
  const out = new Uint8Array(REPORT_BYTES);
  writeReportHeader(out, 0, timestampMs, confidence);
  const plaintext = new Uint8Array(PLAINTEXT_BYTES);
  writeLocation(location, plaintext);
  sealInto((options.cache ?? defaultCache).point(advertisedKey), plaintext, 0, out, 0, options.ephemeral);
  return out;
}

/** Parses a 28-byte private key (d_i). */
export function privateScalarFromBytes(privateKey: Uint8Array): bigint {
  if (privateKey.length !== P224_BYTES) throw new RangeError(`private key must be ${P224_BYTES} bytes, got ${privateKey.length}`);
  const d = bigintFromBytes(privateKey);
  assertPrivateScalar(d);
  return d;
}

/** The owner's side: decrypts one report with the period's private key. */
export function decryptReport(privateKey: Uint8Array | bigint, report: Uint8Array): DecryptedReport {
  if (report.length !== REPORT_BYTES) throw new ReportFormatError(`report must be ${REPORT_BYTES} bytes, got ${report.length}`);
  const d = typeof privateKey === 'bigint' ? privateKey : privateScalarFromBytes(privateKey);
  const plain = new Uint8Array(PLAINTEXT_BYTES);
  openInto(d, report, 0, plain, 0);
  return { ...readLocation(plain), ...readReportHeader(report) };
}
