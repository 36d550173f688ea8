/**
 * Runtime-neutral batch API: many encryptions or decryptions in one call, on packed byte
 * arrays so a batch crosses a worker boundary as one transferable buffer.
 *
 *   encrypt request (43 B): advertised key (28) | plaintext (10) | timestamp s since 2001 (4 BE) | confidence (1)
 *   encrypt result  (88 B): the report
 *   decrypt request (116 B): private key d_i (28) | report (88)
 *   decrypt result  (11 B): outcome (0 ok, 1 failed authentication, 2 malformed) | plaintext (10)
 */
import { equalBytes } from './bytes.ts';
import { ReportAuthError } from './errors.ts';
import { FinderKeyCache } from './finder-key-cache.ts';
import { PLAINTEXT_BYTES, appleSecondsFromMs, readLocation, writeLocation, type Location } from './location.ts';
import { openModeledInto, sealModeledInto, type CryptoMode } from './modeled.ts';
import { P224_BYTES, type P224Point } from './p224.ts';
import { REPORT_BYTES, SEAL_CHUNK, openManyInto, privateScalarFromBytes, readReportHeader, sealManyInto, type DecryptedReport } from './report.ts';

export const ENCRYPT_REQUEST_BYTES = 43;
export const DECRYPT_REQUEST_BYTES = P224_BYTES + REPORT_BYTES;
export const DECRYPT_RESULT_BYTES = 1 + PLAINTEXT_BYTES;
export const DECRYPT_OK = 0;
export const DECRYPT_AUTH_FAILED = 1;
export const DECRYPT_MALFORMED = 2;

export interface EncryptRequest {
  advertisedKey: Uint8Array;
  location: Location;
  timestampMs: number;
  confidence?: number;
}

export interface DecryptRequest {
  privateKey: Uint8Array;
  report: Uint8Array;
}

export type DecryptItem = { ok: true; report: DecryptedReport } | { ok: false; reason: 'auth' | 'malformed' };

export function packEncryptRequests(requests: readonly EncryptRequest[]): Uint8Array {
  const out = new Uint8Array(requests.length * ENCRYPT_REQUEST_BYTES);
  const view = new DataView(out.buffer);
  requests.forEach((r, i) => {
    const o = i * ENCRYPT_REQUEST_BYTES;
    if (r.advertisedKey.length !== P224_BYTES) throw new RangeError(`request ${i}: advertised key must be ${P224_BYTES} bytes`);
    const confidence = r.confidence ?? 0;
    if (!Number.isInteger(confidence) || confidence < 0 || confidence > 255) throw new RangeError(`request ${i}: confidence must be a byte`);
    out.set(r.advertisedKey, o);
    writeLocation(r.location, out, o + 28);
    view.setUint32(o + 38, appleSecondsFromMs(r.timestampMs), false);
    out[o + 42] = confidence;
  });
  return out;
}

export function packDecryptRequests(requests: readonly DecryptRequest[]): Uint8Array {
  const out = new Uint8Array(requests.length * DECRYPT_REQUEST_BYTES);
  requests.forEach((r, i) => {
    if (r.privateKey.length !== P224_BYTES) throw new RangeError(`request ${i}: private key must be ${P224_BYTES} bytes`);
    if (r.report.length !== REPORT_BYTES) throw new RangeError(`request ${i}: report must be ${REPORT_BYTES} bytes`);
    out.set(r.privateKey, i * DECRYPT_REQUEST_BYTES);
    out.set(r.report, i * DECRYPT_REQUEST_BYTES + P224_BYTES);
  });
  return out;
}

function recordCount(batch: Uint8Array, recordBytes: number, what: string): number {
  if (batch.length % recordBytes !== 0) throw new RangeError(`${what} batch length ${batch.length} is not a multiple of ${recordBytes}`);
  return batch.length / recordBytes;
}

/** Requests from `o` on (stepping `step` bytes) that share the 28-byte key at batch[o..]. */
function runLength(batch: Uint8Array, o: number, step: number): number {
  let n = 1;
  outer: for (let q = o + step; q + P224_BYTES <= batch.length; q += step, n++) {
    for (let b = 0; b < P224_BYTES; b++) if (batch[q + b] !== batch[o + b]) break outer;
  }
  return n;
}

/**
 * Encrypts a packed batch; returns n packed 88-byte reports. Throws on a key not on the curve.
 * Requests for one key should be contiguous (as the pools keep them): a run of two or more
 * gets the key's precomputed table before its first encryption. Reports are sealed SEAL_CHUNK
 * at a time so their points share one field inversion.
 */
export function encryptBatch(batch: Uint8Array, mode: CryptoMode = 'real', cache: FinderKeyCache = sharedFinderCache): Uint8Array {
  const n = recordCount(batch, ENCRYPT_REQUEST_BYTES, 'encrypt');
  const out = new Uint8Array(n * REPORT_BYTES);
  let points: P224Point[] = [];
  let pOffs: number[] = [];
  let offsets: number[] = [];
  const flush = () => {
    sealManyInto(points, batch, pOffs, out, offsets);
    points = [];
    pOffs = [];
    offsets = [];
  };
  let runLeft = 0;
  for (let i = 0; i < n; i++) {
    const o = i * ENCRYPT_REQUEST_BYTES;
    const r = i * REPORT_BYTES;
    out.set(batch.subarray(o + 38, o + 43), r); // timestamp + confidence: same layout as the report header
    if (mode === 'modeled') {
      sealModeledInto(batch, o + 28, out, r);
      continue;
    }
    let point;
    try {
      // At the first request of a run, tell the cache how many uses are coming.
      const upcoming = runLeft > 0 ? 1 : runLength(batch, o, ENCRYPT_REQUEST_BYTES);
      if (runLeft === 0) runLeft = upcoming;
      runLeft--;
      point = cache.point(batch, o, upcoming);
    } catch (err) {
      throw new RangeError(`encrypt request ${i}: ${(err as Error).message}`);
    }
    points.push(point);
    pOffs.push(o + 28);
    offsets.push(r);
    if (points.length === SEAL_CHUNK) flush();
  }
  if (points.length) flush();
  return out;
}

/** Decrypts a packed batch; never throws for a bad report (its outcome byte says why). */
export function decryptBatch(batch: Uint8Array, mode: CryptoMode = 'real'): Uint8Array {
  const n = recordCount(batch, DECRYPT_REQUEST_BYTES, 'decrypt');
  const out = new Uint8Array(n * DECRYPT_RESULT_BYTES);
  if (mode === 'modeled') {
    for (let i = 0; i < n; i++) {
      const r = i * DECRYPT_RESULT_BYTES;
      try {
        openModeledInto(batch, i * DECRYPT_REQUEST_BYTES + P224_BYTES, out, r + 1);
        out[r] = DECRYPT_OK;
      } catch {
        out[r] = DECRYPT_MALFORMED;
      }
    }
    return out;
  }
  let lastKey: Uint8Array | undefined;
  let d = 0n;
  for (let start = 0; start < n; start += SEAL_CHUNK) {
    const end = Math.min(n, start + SEAL_CHUNK);
    const scalars: bigint[] = [];
    const offsets: number[] = [];
    const pOffs: number[] = [];
    const slots: number[] = []; // result offset of each report handed to openManyInto
    for (let i = start; i < end; i++) {
      const o = i * DECRYPT_REQUEST_BYTES;
      const r = i * DECRYPT_RESULT_BYTES;
      const key = batch.subarray(o, o + P224_BYTES);
      // Batches usually hold many reports per key: parse the scalar once per run of a key.
      if (!lastKey || !equalBytes(key, lastKey)) {
        lastKey = key;
        try {
          d = privateScalarFromBytes(key);
        } catch {
          d = 0n; // an invalid private key: every report under it is malformed
        }
      }
      if (d === 0n) {
        out[r] = DECRYPT_MALFORMED;
        continue;
      }
      scalars.push(d);
      offsets.push(o + P224_BYTES);
      pOffs.push(r + 1);
      slots.push(r);
    }
    const failures = openManyInto(scalars, batch, offsets, out, pOffs);
    for (let j = 0; j < slots.length; j++) {
      const failure = failures[j];
      out[slots[j]] = failure === undefined ? DECRYPT_OK : failure instanceof ReportAuthError ? DECRYPT_AUTH_FAILED : DECRYPT_MALFORMED;
    }
  }
  return out;
}

/** Turns a decrypt result back into objects (header fields come from the request's report). */
export function unpackDecryptResults(requests: Uint8Array, results: Uint8Array): DecryptItem[] {
  const n = recordCount(results, DECRYPT_RESULT_BYTES, 'decrypt result');
  const items: DecryptItem[] = [];
  for (let i = 0; i < n; i++) {
    const r = i * DECRYPT_RESULT_BYTES;
    const outcome = results[r];
    if (outcome === DECRYPT_OK) {
      const header = readReportHeader(requests, i * DECRYPT_REQUEST_BYTES + P224_BYTES);
      items.push({ ok: true, report: { ...readLocation(results, r + 1), ...header } });
    } else {
      items.push({ ok: false, reason: outcome === DECRYPT_AUTH_FAILED ? 'auth' : 'malformed' });
    }
  }
  return items;
}

/** Splits a packed batch into at most `parts` contiguous copies (each transferable). */
export function splitBatch(batch: Uint8Array, recordBytes: number, parts: number, minRecords = 8): Uint8Array[] {
  const n = batch.length / recordBytes;
  const count = Math.max(1, Math.min(parts, Math.ceil(n / minRecords)));
  const per = Math.ceil(n / count);
  const chunks: Uint8Array[] = [];
  for (let start = 0; start < n; start += per) chunks.push(batch.slice(start * recordBytes, Math.min(n, start + per) * recordBytes));
  return chunks;
}

export function concatChunks(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** One finder-key cache per thread: per-key tables are reused across batches while keys are live. */
const sharedFinderCache = new FinderKeyCache();
