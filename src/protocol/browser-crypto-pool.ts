/**
 * CryptoPool on browser Web Workers (comlink). Browser only (uses the Worker global): import
 * this file directly, it is not re-exported from index.ts.
 *
 *   const pool = createBrowserCryptoPool({ threads: navigator.hardwareConcurrency });
 *   const reports = await pool.encrypt(requests);
 *   await pool.close();
 */
import * as Comlink from 'comlink';
import type { DecryptRequest, EncryptRequest } from './batch.ts';
import type { CryptoService } from './crypto-service.ts';
import type { CryptoMode } from './modeled.ts';
import { runSplit, toPackedDecrypt, toPackedEncrypt, type CryptoPool, type CryptoTask } from './pool.ts';

export interface BrowserCryptoPoolOptions {
  threads?: number;
  mode?: CryptoMode;
}

export function createBrowserCryptoPool(options: BrowserCryptoPoolOptions = {}): CryptoPool {
  const threads = Math.max(1, options.threads ?? (globalThis.navigator?.hardwareConcurrency || 2));
  const mode = options.mode ?? 'real';
  const workers = Array.from({ length: threads }, () => new Worker(new URL('../../workers/crypto.worker.ts', import.meta.url), { type: 'module' }));
  const services = workers.map((w) => Comlink.wrap<CryptoService>(w));
  let next = 0;
  const run = (op: CryptoTask['op']) => (chunk: Uint8Array) => {
    const service = services[next++ % services.length];
    return service.run(Comlink.transfer({ op, mode, batch: chunk }, [chunk.buffer as ArrayBuffer])) as Promise<Uint8Array>;
  };
  return {
    mode,
    threads,
    encrypt: (batch: Uint8Array | readonly EncryptRequest[]) => runSplit('encrypt', toPackedEncrypt(batch), threads, run('encrypt')),
    decrypt: (batch: Uint8Array | readonly DecryptRequest[]) => runSplit('decrypt', toPackedDecrypt(batch), threads, run('decrypt')),
    close: async () => {
      for (const s of services) s[Comlink.releaseProxy]();
      for (const w of workers) w.terminate();
    },
  };
}
