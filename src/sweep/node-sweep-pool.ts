/**
 * Sweep runs on Node worker threads (piscina). Node only; the runtime-neutral parts of
 * src/sweep never import it.
 *
 *   const pool = createNodeSweepPool({ threads: 4 });
 *   const row = await pool.run(definition, 7, signal);   // aborting terminates that thread
 *   await pool.close();                                  // no threads left afterwards
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { SweepDefinition } from './definition.ts';
import type { RunRow } from './run-row.ts';
import type { SweepTask } from './node-sweep-worker.ts';

export interface NodeSweepPool {
  readonly threads: number;
  /** runs one run in a worker; aborting the signal terminates the worker running it */
  run(definition: SweepDefinition, runIndex: number, signal?: AbortSignal): Promise<RunRow>;
  /** worker threads alive now (0 after close) */
  liveThreads(): number;
  /** terminates every worker, including ones busy with a run */
  close(): Promise<void>;
}

export function createNodeSweepPool(options: { threads?: number } = {}): NodeSweepPool {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const piscina = new Piscina<SweepTask, RunRow>({
    filename: new URL('./node-sweep-worker.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    // a run takes seconds to minutes: keep threads (and their loaded worlds) between runs
    idleTimeout: 10 * 60_000,
  });
  return {
    threads,
    run: (definition, runIndex, signal) => piscina.run({ definition, runIndex }, signal ? { signal } : {}),
    liveThreads: () => piscina.threads.length,
    close: () => piscina.destroy(),
  };
}
