/** Mobility steps per second on Monaco for 10k and 100k finders, on one core (this thread). */
import type { Bench, BenchRow } from './types.ts';
import { loadWorldFromDisk } from '../src/world/node-loader.ts';
import { defaultScenario } from '../src/sim/scenario.ts';
import { Simulation } from '../src/sim/simulation.ts';

export const mobilityBench: Bench = async () => {
  const world = await loadWorldFromDisk('monaco');
  const rows: BenchRow[] = [];
  for (const finders of [10_000, 100_000]) {
    const s = defaultScenario();
    s.finders.densityPerKm2 = finders / world.areaKm2;
    s.tags.count = 50;
    const sim = new Simulation(world, s);
    // warm up: JIT, and the lazily built shortest-path trees
    for (let i = 0; i < 200; i++) sim.step();
    const t0 = performance.now();
    let steps = 0;
    while (performance.now() - t0 < 3000) {
      sim.step();
      steps++;
    }
    const secs = (performance.now() - t0) / 1000;
    rows.push({ name: `mobility steps/s, ${finders / 1000}k finders, monaco`, value: steps / secs, unit: 'steps/s', note: `1 core, ${steps} steps in ${secs.toFixed(1)} s` });
  }
  return rows;
};
