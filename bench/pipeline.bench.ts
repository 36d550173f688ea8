/**
 * The finding pipeline at scale: steps per second with radio and reporting on, for 10k,
 * 50k and 100k finders and 1,000 tags on a grid world at about 1,000 finders per km².
 * The step loop (movement, neighbour search, radio, reports, queues) runs on this thread,
 * one core; cryptography is measured separately: reports per second through encryption,
 * upload, fetch and decryption with the real ECIES in a pool of worker threads.
 */
import os from 'node:os';
import type { Bench, BenchRow } from './types.ts';
import { makeGridWorld } from '../src/world/synthetic.ts';
import { defaultScenario } from '../src/sim/scenario.ts';
import { Simulation } from '../src/sim/simulation.ts';
import { createNodeCryptoPool } from '../src/protocol/node-crypto-pool.ts';

const DENSITY = 1000;

function scenario() {
  const s = defaultScenario();
  s.world = 'grid';
  s.crypto = 'modeled';
  s.finders.densityPerKm2 = DENSITY;
  s.tags.count = 1000;
  return s;
}

export const pipelineBench: Bench = async () => {
  const rows: BenchRow[] = [];
  for (const finders of [10_000, 50_000, 100_000]) {
    // blocks of 100 m: a grid of b x b blocks covers (b * 0.1 km)^2
    const blocks = Math.round(Math.sqrt(finders / DENSITY) * 10);
    const world = makeGridWorld({ blocks, blockMetres: 100 });
    const sim = new Simulation(world, scenario());
    for (let i = 0; i < 60; i++) sim.step(); // warm up the JIT and the routing trees
    const t0 = performance.now();
    let steps = 0;
    while (performance.now() - t0 < 4000) {
      sim.step();
      steps++;
    }
    const secs = (performance.now() - t0) / 1000;
    rows.push({
      name: `pipeline steps/s, ${finders / 1000}k finders, 1,000 tags, grid`,
      value: steps / secs,
      unit: 'steps/s',
      note: `movement + grid + radio + reports, 1 core; ${sim.finders.count.toLocaleString('en-US')} finders on ${world.areaKm2.toFixed(0)} km²; ${sim.log.count.toLocaleString('en-US')} reports made in ${steps} steps`,
    });
  }

  // reports through the network with real cryptography: encrypt -> server -> fetch -> decrypt
  const threads = os.availableParallelism();
  const pool = createNodeCryptoPool({ threads, mode: 'real' });
  try {
    const world = makeGridWorld({ blocks: 20, blockMetres: 100 });
    const s = defaultScenario();
    s.world = 'grid';
    s.crypto = 'real';
    s.finders.densityPerKm2 = 1500;
    s.tags.count = 200;
    s.finder.uploadMedianS = 60;
    s.finder.uploadP90S = 180;
    const sim = new Simulation(world, s, { pool });
    await sim.runUntil(300); // warm up: the first uploads and fetches
    const t0 = performance.now();
    const u0 = sim.uploads.reportsUploaded, d0 = sim.owner.reportsDecrypted;
    await sim.runUntil(1500);
    const secs = (performance.now() - t0) / 1000;
    const enc = sim.uploads.reportsUploaded - u0, dec = sim.owner.reportsDecrypted - d0;
    rows.push({
      name: 'reports through encrypt+upload+fetch+decrypt',
      value: enc / secs,
      unit: 'reports/s',
      note: `real crypto, ${threads}-thread pool; ${enc.toLocaleString('en-US')} encrypted and ${dec.toLocaleString('en-US')} decrypted (the owner decrypts only what its estimators use) in ${secs.toFixed(1)} s wall, step loop included`,
    });
  } finally {
    await pool.close();
  }
  return rows;
};
