/**
 * The crypto pool interface shared by the in-thread, browser (comlink) and Node (piscina)
 * implementations: same calls, same packed formats (see batch.ts), different threads.
 */
import {
  DECRYPT_REQUEST_BYTES,
  ENCRYPT_REQUEST_BYTES,
  concatChunks,
  decryptBatch,
  encryptBatch,
  packDecryptRequests,
  packEncryptRequests,
  splitBatch,
  type DecryptRequest,
  type EncryptRequest,
} from './batch.ts';
import type { CryptoMode } from './modeled.ts';

export interface CryptoPool {
  readonly mode: CryptoMode;
  readonly threads: number;
  /** Encrypts requests (objects or packed 43-byte records) -> packed 88-byte reports, in order. */
  encrypt(batch: Uint8Array | readonly EncryptRequest[]): Promise<Uint8Array>;
  /** Decrypts (objects or packed 116-byte records) -> packed 11-byte results, in order (see unpackDecryptResults). */
  decrypt(batch: Uint8Array | readonly DecryptRequest[]): Promise<Uint8Array>;
  close(): Promise<void>;
}

export function toPackedEncrypt(batch: Uint8Array | readonly EncryptRequest[]): Uint8Array {
  return batch instanceof Uint8Array ? batch : packEncryptRequests(batch);
}

export function toPackedDecrypt(batch: Uint8Array | readonly DecryptRequest[]): Uint8Array {
  return batch instanceof Uint8Array ? batch : packDecryptRequests(batch);
}

/** The work a pool thread does for one chunk (what crypto.worker.ts and the piscina worker expose). */
export interface CryptoTask {
  op: 'encrypt' | 'decrypt';
  mode: CryptoMode;
  batch: Uint8Array;
}

export function runCryptoTask(task: CryptoTask): Uint8Array {
  return task.op === 'encrypt' ? encryptBatch(task.batch, task.mode) : decryptBatch(task.batch, task.mode);
}

/**
 * Splits a batch over `threads` chunks, runs them with `run` and joins the results in order.
 * Chunks are contiguous, so callers that group requests by key keep each key's requests on
 * one thread (where its precomputed table lives).
 */
export async function runSplit(
  op: CryptoTask['op'],
  batch: Uint8Array,
  threads: number,
  run: (chunk: Uint8Array) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const recordBytes = op === 'encrypt' ? ENCRYPT_REQUEST_BYTES : DECRYPT_REQUEST_BYTES;
  if (batch.length % recordBytes !== 0) throw new RangeError(`${op} batch length ${batch.length} is not a multiple of ${recordBytes}`);
  if (batch.length === 0) return new Uint8Array(0);
  return concatChunks(await Promise.all(splitBatch(batch, recordBytes, threads).map(run)));
}

/** Same interface, no threads: for tests, the CLI and single-threaded runs. */
export class InThreadCryptoPool implements CryptoPool {
  readonly threads = 1;
  constructor(readonly mode: CryptoMode = 'real') {}

  async encrypt(batch: Uint8Array | readonly EncryptRequest[]): Promise<Uint8Array> {
    return encryptBatch(toPackedEncrypt(batch), this.mode);
  }

  async decrypt(batch: Uint8Array | readonly DecryptRequest[]): Promise<Uint8Array> {
    return decryptBatch(toPackedDecrypt(batch), this.mode);
  }

  async close(): Promise<void> {}
}
