/**
 * Runs a sweep in the page: a pool of web workers (workers/sweep.worker.ts) sized to the
 * machine, fed by the runtime-neutral scheduler of src/sweep. Results arrive as runs
 * finish; cancelling terminates every worker at once, so nothing keeps running.
 */
import * as Comlink from 'comlink';
import type { SweepWorkerApi } from '../../workers/sweep.worker.ts';
import { runCount, type SweepDefinition } from '../sweep/definition.ts';
import type { RunRow } from '../sweep/run-row.ts';
import { scheduleRuns } from '../sweep/scheduler.ts';

export interface SweepProgress {
  done: number;
  total: number;
  /** seconds left, estimated from the mean wall time per finished run and the pool size */
  etaS: number;
  row: RunRow;
}

export interface RunningSweep {
  /** resolves with every finished row (sorted by run index) and whether it was cancelled */
  result: Promise<{ rows: RunRow[]; cancelled: boolean }>;
  cancel(): void;
  /** workers alive right now (0 once finished or cancelled) */
  liveWorkers(): number;
}

export function defaultSweepThreads(): number {
  return Math.max(1, navigator.hardwareConcurrency || 2);
}

export function runSweepInPage(
  def: SweepDefinition,
  source: { worldId: string; baseUrl: string } | { worldText: string },
  onProgress: (p: SweepProgress) => void,
  threads = defaultSweepThreads(),
): RunningSweep {
  const total = runCount(def);
  const size = Math.max(1, Math.min(threads, total));
  const workers: Worker[] = [];
  const apis: Comlink.Remote<SweepWorkerApi>[] = [];
  const ready: Promise<void>[] = [];
  for (let i = 0; i < size; i++) {
    const w = new Worker(new URL('../../workers/sweep.worker.ts', import.meta.url), { type: 'module', name: `crowdfind-sweep-${i}` });
    workers.push(w);
    const api = Comlink.wrap<SweepWorkerApi>(w);
    apis.push(api);
    ready.push(api.load(source));
  }
  const free = [...apis.keys()];
  const controller = new AbortController();
  const started = performance.now();
  let alive = size;
  const stopAll = () => {
    for (const w of workers) w.terminate();
    alive = 0;
  };
  const result = (async () => {
    try {
      await Promise.all(ready);
      return await scheduleRuns({
        indices: Array.from({ length: total }, (_, i) => i),
        concurrency: size,
        signal: controller.signal,
        execute: async (runIndex, signal) => {
          const slot = free.pop()!;
          try {
            return await new Promise<RunRow>((resolve, reject) => {
              signal.addEventListener('abort', () => reject(new Error('cancelled')), { once: true });
              apis[slot].run(def, runIndex).then(resolve, reject);
            });
          } finally {
            free.push(slot);
          }
        },
        onResult: (row, done) => {
          const elapsed = (performance.now() - started) / 1000;
          onProgress({ done, total, etaS: (elapsed / done) * (total - done), row });
        },
      });
    } finally {
      stopAll();
    }
  })();
  return {
    result,
    cancel: () => {
      controller.abort();
      stopAll();
    },
    liveWorkers: () => alive,
  };
}
