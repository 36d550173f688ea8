/**
 * Runs a list of sweep runs with at most `concurrency` in flight, on any executor (Node
 * worker threads, web workers, or in-thread). Results are reported as they arrive and
 * returned sorted by run index, so completion order never shows in the output.
 * Cancelling (the signal) stops scheduling and aborts the runs in flight; the runs that
 * finished are returned. Runtime-neutral.
 */
import type { RunRow } from './run-row.ts';

export type RunExecutor = (runIndex: number, signal: AbortSignal) => Promise<RunRow>;

export interface ScheduleOptions {
  indices: readonly number[];
  concurrency: number;
  execute: RunExecutor;
  onResult?: (row: RunRow, done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface ScheduleResult {
  rows: RunRow[];
  cancelled: boolean;
}

export async function scheduleRuns(opts: ScheduleOptions): Promise<ScheduleResult> {
  const inner = new AbortController();
  const outer = opts.signal;
  const onAbort = () => inner.abort(outer?.reason);
  if (outer?.aborted) onAbort();
  else outer?.addEventListener('abort', onAbort, { once: true });
  const rows: RunRow[] = [];
  let next = 0;
  let failure: unknown = null;
  const lane = async () => {
    while (!inner.signal.aborted && next < opts.indices.length) {
      const index = opts.indices[next++];
      try {
        const row = await opts.execute(index, inner.signal);
        rows.push(row); // a run that completed as we cancelled is still a valid result
        opts.onResult?.(row, rows.length, opts.indices.length);
      } catch (err) {
        if (inner.signal.aborted) return;
        failure ??= err;
        inner.abort(err); // one broken run stops the sweep: its other runs would be suspect too
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, opts.indices.length)) }, lane));
  } finally {
    outer?.removeEventListener('abort', onAbort);
  }
  if (failure !== null) throw failure;
  rows.sort((a, b) => a.runIndex - b.runIndex);
  return { rows, cancelled: inner.signal.aborted };
}
