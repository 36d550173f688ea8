/**
 * Sweeps on the Node worker pool: results do not depend on the thread, cancelling leaves
 * no worker threads, and on Monaco error and time to first fix fall as density rises.
 */
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../src/sim/scenario.ts';
import { aggregate } from '../../src/sweep/aggregate.ts';
import { makeDefinition, runCount, type SweepDefinition } from '../../src/sweep/definition.ts';
import { createNodeSweepPool } from '../../src/sweep/node-sweep-pool.ts';
import { runOne } from '../../src/sweep/run-one.ts';
import { scheduleRuns } from '../../src/sweep/scheduler.ts';
import { loadWorldFromDisk } from '../../src/world/node-loader.ts';

function definition(world: string, values: string, seeds: number, durationS: number, tags: number): SweepDefinition {
  const base = defaultScenario();
  base.world = world;
  base.crypto = 'modeled';
  base.tags.count = tags;
  return makeDefinition({ param: 'density', values, seeds, durationS, base });
}

describe('sweep pool', () => {
  it('gives the same row in a worker as in this thread, and cancelling leaves no threads', async () => {
    const def = definition('tiergarten', 'lin:500:3000:4', 2, 1200, 5);
    const pool = createNodeSweepPool({ threads: 2 });
    const controller = new AbortController();
    let abortedAt = 0;
    const result = await scheduleRuns({
      indices: Array.from({ length: runCount(def) }, (_, i) => i),
      concurrency: pool.threads,
      execute: (i, signal) => pool.run(def, i, signal),
      signal: controller.signal,
      onResult: () => {
        if (!abortedAt) {
          abortedAt = performance.now();
          controller.abort();
        }
      },
    });
    // the run in flight is terminated, not awaited: back well before it could finish
    expect(performance.now() - abortedAt).toBeLessThan(1500);
    expect(result.cancelled).toBe(true);
    expect(result.rows.length).toBeGreaterThanOrEqual(1);
    expect(result.rows.length).toBeLessThan(runCount(def));
    await pool.close();
    expect(pool.liveThreads()).toBe(0);

    const row = result.rows[0];
    const here = await runOne(def, row.runIndex, await loadWorldFromDisk('tiergarten'));
    expect(here.metrics).toEqual(row.metrics);
    expect([here.value, here.seed]).toEqual([row.value, row.seed]);
  }, 60_000);

  it('on Monaco, error and time to first fix fall and the located share rises with density', async () => {
    const def = definition('monaco', '3,30,300', 2, 2400, 30);
    const pool = createNodeSweepPool({ threads: 2 });
    try {
      const { rows } = await scheduleRuns({ indices: Array.from({ length: runCount(def) }, (_, i) => i), concurrency: pool.threads, execute: (i, s) => pool.run(def, i, s) });
      expect(rows.map((r) => r.runIndex)).toEqual([0, 1, 2, 3, 4, 5]);
      const [lo, mid, hi] = aggregate(def, rows).map((a) => a.metrics);
      const mean = (m: typeof lo, k: keyof typeof lo) => m[k].mean;
      expect(mean(lo, 'ttffMedianS')).toBeGreaterThan(mean(mid, 'ttffMedianS'));
      expect(mean(mid, 'ttffMedianS')).toBeGreaterThan(mean(hi, 'ttffMedianS'));
      expect(mean(lo, 'locatedShareEnd')).toBeLessThan(mean(mid, 'locatedShareEnd'));
      expect(mean(mid, 'locatedShareEnd')).toBeLessThanOrEqual(mean(hi, 'locatedShareEnd'));
      for (const k of ['errLatestMedianM', 'errCentroidMedianM', 'errFilterMedianM'] as const) {
        expect(mean(lo, k), k).toBeGreaterThan(mean(mid, k));
        // from 30 to 300 per km² the gain is smaller (GPS and radio range dominate): allow 10%
        expect(mean(hi, k), k).toBeLessThan(mean(mid, k) * 1.1);
      }
    } finally {
      await pool.close();
    }
  }, 120_000);
});
