/** What a browser crypto worker exposes through comlink (see workers/crypto.worker.ts). */
import { runCryptoTask, type CryptoTask } from './pool.ts';

export interface CryptoService {
  run(task: CryptoTask): Uint8Array;
}

export const cryptoService: CryptoService = {
  run: (task) => runCryptoTask(task),
};
