/** Piscina worker body: one crypto task per call, result moved (not copied) back. */
import { move } from 'piscina';
import { runCryptoTask, type CryptoTask } from './pool.ts';

export default function cryptoTask(task: CryptoTask): Uint8Array {
  const out = runCryptoTask(task);
  return move(out) as unknown as Uint8Array;
}
