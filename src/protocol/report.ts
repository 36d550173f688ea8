/**
 * Location reports, byte-compatible with Apple's offline finding (OpenHaystack DecryptReports):
 *
 *   88 bytes: timestamp uint32 BE (s since 2001) | confidence uint8 | ephemeral key (57, 04||x||y)
 *             | ciphertext (10) | GCM tag (16)
 *
 * Finder (ECIES): ephemeral e, E = e*G; S = e*P_i; K = SHA-256(x(S) || 00000001 || E), which is
 * one block of X9.63-KDF(x(S), info = E); AES-128-GCM with key K[0:16] and 16-byte IV K[16:32]
 * (aead.ts: node:crypto in Node, @noble/ciphers elsewhere). Timestamp and confidence are outside
 * the AEAD (no associated data), exactly as in the real network: they can be changed without
 * breaking decryption.
 *
 * Scalar multiplications use noble's multiplyUnsafe, not its blinded constant-time multiply:
 * the simulator has no timing adversary and the blinded path is ~1.5x slower. For points with
 * a precomputed table (G, and advertised keys once cached) noble runs its fixed-window kernel,
 * whose sequence of point operations does not depend on the scalar; unprepared points (the
 * ephemeral key when decrypting, a key's first use) take the variable-time wNAF path. BigInt
 * arithmetic is not constant-time in any case (see docs/protocol.md).
 */
import { normalizeZ } from '@noble/curves/abstract/curve.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { aesGcmOpen, aesGcmSealInto } from './aead.ts';
import { ReportAuthError, ReportFormatError } from './errors.ts';
import { FinderKeyCache } from './finder-key-cache.ts';
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

/** Bytes hashed into K: x(S) (28) || 00000001 || E (57). */
const KDF_INPUT_BYTES = P224_BYTES + 4 + P224_UNCOMPRESSED_BYTES;
const RANDOM_SCALAR_BYTES = 36;

/** `count` uniform ephemeral scalars in [1, n-1] (36 random bytes each, reduced: negligible bias). */
function randomScalars(count: number): bigint[] {
  const bytes = randomBytes(RANDOM_SCALAR_BYTES * count);
  const out = new Array<bigint>(count);
  for (let i = 0; i < count; i++) out[i] = (bigintFromBytes(bytes.subarray(i * RANDOM_SCALAR_BYTES, (i + 1) * RANDOM_SCALAR_BYTES)) % (P224_N - 1n)) + 1n;
  return out;
}

/**
 * Scratch for K = SHA-256(x(S) || 00000001 || E): one block of X9.63-KDF(x(S), info = E), the
 * same bytes x963KdfSha256 hashes, laid out once so each report is a single sha256 call.
 */
function kdfScratch(): Uint8Array {
  const buf = new Uint8Array(KDF_INPUT_BYTES);
  buf[P224_BYTES + 3] = 1;
  return buf;
}

/** Writes a 28-byte big-endian field element or scalar at out[offset..]. */
function writeScalar(value: bigint, out: Uint8Array, offset: number): void {
  out.set(bytesFromScalar(value), offset);
}

/** Points per normalizeZ call: one field inversion is shared by this many points (Montgomery's trick). */
export const SEAL_CHUNK = 32;

/**
 * Encrypts plaintexts[i] (10 bytes at plaintext[pOffs[i]..]) to points[i] and writes the last
 * 83 bytes of each report (ephemeral key, ciphertext, tag) at out[offsets[i] + 5..]. All the
 * ephemeral and shared points of the call share one field inversion (pass up to a few dozen:
 * the batch API calls it per SEAL_CHUNK reports). `ephemerals` is for tests only.
 */
export function sealManyInto(
  points: readonly P224Point[],
  plaintext: Uint8Array,
  pOffs: readonly number[],
  out: Uint8Array,
  offsets: readonly number[],
  ephemerals?: readonly bigint[],
): void {
  const n = points.length;
  if (n === 0) return;
  const scalars = ephemerals ?? randomScalars(n);
  const projective = new Array<P224Point>(2 * n);
  for (let i = 0; i < n; i++) {
    projective[2 * i] = P224.BASE.multiplyUnsafe(scalars[i]);
    projective[2 * i + 1] = points[i].multiplyUnsafe(scalars[i]);
  }
  const affine = normalizeZ(P224, projective); // Z = 1: X, Y are the affine coordinates
  const kdfIn = kdfScratch();
  const E = P224_BYTES + 4; // ephemeral key's offset in kdfIn
  kdfIn[E] = 0x04;
  for (let i = 0; i < n; i++) {
    const ephemeral = affine[2 * i];
    writeScalar(affine[2 * i + 1].X, kdfIn, 0);
    writeScalar(ephemeral.X, kdfIn, E + 1);
    writeScalar(ephemeral.Y, kdfIn, E + 1 + P224_BYTES);
    const k = sha256(kdfIn);
    const o = offsets[i];
    out.set(kdfIn.subarray(E), o + REPORT_OFFSETS.ephemeralKey);
    // ciphertext (10) then tag (16)
    aesGcmSealInto(k.subarray(0, 16), k.subarray(16, 32), plaintext.subarray(pOffs[i], pOffs[i] + PLAINTEXT_BYTES), out, o + REPORT_OFFSETS.ciphertext);
  }
}

/**
 * Encrypts a 10-byte plaintext (at plaintext[pOff..]) to `point` and writes the last 83 bytes
 * of a report (ephemeral key, ciphertext, tag) at out[offset + 5..]. Low level: encryptReport
 * builds on it (the batch API uses sealManyInto). `ephemeral` is for tests only.
 */
export function sealInto(point: P224Point, plaintext: Uint8Array, pOff: number, out: Uint8Array, offset: number, ephemeral?: bigint): void {
  sealManyInto([point], plaintext, [pOff], out, [offset], ephemeral === undefined ? undefined : [ephemeral]);
}

/** Why a report in openManyInto could not be opened (undefined: opened). */
export type OpenFailure = ReportFormatError | ReportAuthError;

/**
 * Opens reports[i] (88 bytes at report[offsets[i]..]) with private scalar scalars[i] and writes
 * each 10-byte plaintext at plaintextOut[pOffs[i]..]. Never throws for a bad report: returns,
 * per report, undefined (opened) or the error it would have thrown. The shared points of the
 * call share one field inversion.
 */
export function openManyInto(
  scalars: readonly bigint[],
  report: Uint8Array,
  offsets: readonly number[],
  plaintextOut: Uint8Array,
  pOffs: readonly number[],
): (OpenFailure | undefined)[] {
  const n = offsets.length;
  const failures = new Array<OpenFailure | undefined>(n);
  const shared: P224Point[] = [];
  const which: number[] = [];
  for (let i = 0; i < n; i++) {
    const offset = offsets[i];
    if (report.length - offset < REPORT_BYTES) {
      failures[i] = new ReportFormatError(`report must be ${REPORT_BYTES} bytes, got ${report.length - offset}`);
      continue;
    }
    if (isModeledReport(report, offset)) {
      failures[i] = new ReportFormatError('this is a modeled (unencrypted) report, not a real one');
      continue;
    }
    const e = offset + REPORT_OFFSETS.ephemeralKey;
    let ephemeral: P224Point;
    try {
      ephemeral = pointFromUncompressed(report.subarray(e, e + P224_UNCOMPRESSED_BYTES));
    } catch (err) {
      // An altered ephemeral key almost never lands on the curve: that is tampering too.
      failures[i] = new ReportAuthError(`report failed authentication: ${(err as Error).message}`);
      continue;
    }
    shared.push(ephemeral.multiplyUnsafe(scalars[i]));
    which.push(i);
  }
  if (shared.length === 0) return failures;
  const affine = normalizeZ(P224, shared);
  const kdfIn = kdfScratch();
  for (let j = 0; j < which.length; j++) {
    const i = which[j];
    const offset = offsets[i];
    writeScalar(affine[j].X, kdfIn, 0);
    kdfIn.set(report.subarray(offset + REPORT_OFFSETS.ephemeralKey, offset + REPORT_OFFSETS.ciphertext), P224_BYTES + 4);
    const k = sha256(kdfIn);
    const plain = aesGcmOpen(k.subarray(0, 16), k.subarray(16, 32), report.subarray(offset + REPORT_OFFSETS.ciphertext, offset + REPORT_OFFSETS.tag + TAG_BYTES));
    if (plain === undefined) failures[i] = new ReportAuthError();
    else plaintextOut.set(plain, pOffs[i]);
  }
  return failures;
}

/**
 * Opens the report at report[offset..offset+88) with private scalar d and writes the 10-byte
 * plaintext at plaintextOut[pOff..]. Throws ReportFormatError / ReportAuthError.
 */
export function openInto(d: bigint, report: Uint8Array, offset: number, plaintextOut: Uint8Array, pOff: number): void {
  const failure = openManyInto([d], report, [offset], plaintextOut, [pOff])[0];
  if (failure) throw failure;
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
