/**
 * One run of a sweep: build the run's scenario, simulate for the definition's duration,
 * reduce the summary to a flat row. Pure apart from the wall clock: the row's metrics
 * depend only on the definition and the run index, never on the thread that ran it or
 * the order runs finish in. Runtime-neutral (the app calls it in a web worker).
 */
import type { CryptoPool } from '../protocol/pool.ts';
import { Simulation } from '../sim/simulation.ts';
import type { World } from '../world/types.ts';
import { runScenario, runSpec, type SweepDefinition } from './definition.ts';
import { metricsFromSummary, type RunRow } from './run-row.ts';

/**
 * Runs run `runIndex` of `def` on `world` (which must be the base scenario's world).
 * `pool` defaults to in-thread cryptography in the scenario's mode.
 */
export async function runOne(def: SweepDefinition, runIndex: number, world: World, pool?: CryptoPool): Promise<RunRow> {
  if (world.id !== def.base.world && def.base.world !== 'custom') throw new Error(`run ${runIndex}: the sweep is on world "${def.base.world}" but was given "${world.id}"`);
  const spec = runSpec(def, runIndex);
  const started = performance.now();
  const sim = new Simulation(world, runScenario(def, runIndex), { pool });
  await sim.runUntil(def.durationS);
  const metrics = metricsFromSummary(sim.summary());
  return { runIndex, value: spec.value, seed: spec.seed, metrics, wallSeconds: (performance.now() - started) / 1000 };
}
