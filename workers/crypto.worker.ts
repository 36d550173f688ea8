/**
 * Browser crypto worker: exposes the protocol's batch API (encrypt/decrypt packed batches)
 * through comlink. Each worker keeps its own finder-key cache, so a key's precomputed table is
 * reused by every batch this worker gets while the key is live. Results are transferred back.
 */
import * as Comlink from 'comlink';
import { runCryptoTask, type CryptoTask } from '../src/protocol/pool.ts';
import type { CryptoService } from '../src/protocol/crypto-service.ts';

const service: CryptoService = {
  run(task: CryptoTask): Uint8Array {
    const out = runCryptoTask(task);
    return Comlink.transfer(out, [out.buffer as ArrayBuffer]);
  },
};

Comlink.expose(service);
