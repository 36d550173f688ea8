/**
 * A sweep as a user would run one: 10 densities (lin 1,500..2,500 finders/km²) x 5 seeds
 * = 50 runs of 2 simulated hours on Monaco with 50 tags, modeled crypto, one run per
 * worker thread on all cores. Reports the wall time and the throughput in runs/minute.
 */
import os from 'node:os';
import { defaultScenario } from '../src/sim/scenario.ts';
import { makeDefinition, runCount } from '../src/sweep/definition.ts';
import { createNodeSweepPool } from '../src/sweep/node-sweep-pool.ts';
import { scheduleRuns } from '../src/sweep/scheduler.ts';
import type { Bench } from './types.ts';

export const sweepBench: Bench = async () => {
  const base = defaultScenario();
  base.world = 'monaco';
  base.crypto = 'modeled';
  base.tags.count = 50;
  const def = makeDefinition({ param: 'density', values: 'lin:1500:2500:10', seeds: 5, durationS: 7200, base });
  const threads = os.availableParallelism();
  const pool = createNodeSweepPool({ threads });
  const t0 = performance.now();
  let rows;
  try {
    ({ rows } = await scheduleRuns({
      indices: Array.from({ length: runCount(def) }, (_, i) => i),
      concurrency: threads,
      execute: (i, signal) => pool.run(def, i, signal),
      onResult: (_r, done, total) => process.stderr.write(`\r  sweep bench: ${done}/${total} runs`),
    }));
  } finally {
    await pool.close();
  }
  process.stderr.write('\n');
  const wall = (performance.now() - t0) / 1000;
  const perRun = rows.reduce((a, r) => a + r.wallSeconds, 0) / rows.length;
  const note = `${rows.length} runs (10 densities 1,500..2,500/km² x 5 seeds), 2 h simulated each, Monaco, 50 tags, crypto modeled, ${threads} worker threads; ${perRun.toFixed(1)} s per run inside a worker`;
  return [
    { name: 'sweep wall time, 50 runs x 2 h, monaco', value: wall, unit: 's', note },
    { name: 'sweep throughput, monaco 2 h runs', value: (rows.length / wall) * 60, unit: 'runs/min', note },
  ];
};
