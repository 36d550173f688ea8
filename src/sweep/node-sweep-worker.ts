/**
 * Piscina worker body (Node only): runs one sweep run per task with in-thread
 * cryptography (parallelism comes from running runs side by side, one per thread).
 * Worlds are loaded from disk once per thread and kept for later runs.
 */
import type { World } from '../world/types.ts';
import { loadWorldFromDisk } from '../world/node-loader.ts';
import type { SweepDefinition } from './definition.ts';
import { runOne } from './run-one.ts';
import type { RunRow } from './run-row.ts';

export interface SweepTask {
  definition: SweepDefinition;
  runIndex: number;
}

const worlds = new Map<string, Promise<World>>();

export default async function sweepTask(task: SweepTask): Promise<RunRow> {
  const id = task.definition.base.world;
  let world = worlds.get(id);
  if (!world) worlds.set(id, (world = loadWorldFromDisk(id)));
  return runOne(task.definition, task.runIndex, await world);
}
