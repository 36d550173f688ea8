/**
 * CryptoPool on Node worker threads (piscina). Node only: import this file directly, it is
 * not re-exported from index.ts (which must stay runtime-neutral).
 *
 *   const pool = createNodeCryptoPool({ threads: 4 });
 *   const reports = await pool.encrypt(requests);   // packed 88-byte reports
 *   await pool.close();
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { DecryptRequest, EncryptRequest } from './batch.ts';
import type { CryptoMode } from './modeled.ts';
import { runSplit, toPackedDecrypt, toPackedEncrypt, type CryptoPool, type CryptoTask } from './pool.ts';

export interface NodeCryptoPoolOptions {
  /** worker threads (default: available cores) */
  threads?: number;
  mode?: CryptoMode;
}

export function createNodeCryptoPool(options: NodeCryptoPoolOptions = {}): CryptoPool {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const mode = options.mode ?? 'real';
  const piscina = new Piscina<CryptoTask, Uint8Array>({
    filename: new URL('./node-crypto-worker.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
  });
  const run = (op: CryptoTask['op']) => (chunk: Uint8Array) =>
    piscina.run({ op, mode, batch: chunk }, { transferList: [chunk.buffer as ArrayBuffer] });
  return {
    mode,
    threads,
    encrypt: (batch: Uint8Array | readonly EncryptRequest[]) => runSplit('encrypt', toPackedEncrypt(batch), threads, run('encrypt')),
    decrypt: (batch: Uint8Array | readonly DecryptRequest[]) => runSplit('decrypt', toPackedDecrypt(batch), threads, run('decrypt')),
    close: () => piscina.destroy(),
  };
}
