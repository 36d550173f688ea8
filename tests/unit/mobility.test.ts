import { beforeAll, describe, expect, it } from 'vitest';
import { DRIVE, WALK, type World } from '../../src/world/types.ts';
import { loadWorldFromDisk } from '../../src/world/node-loader.ts';
import { makeOpenWorld } from '../../src/world/synthetic.ts';
import { MODE_DRIVE, MODE_STILL, MODE_WALK, type Movers } from '../../src/sim/movers.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { defaultScenario, type Scenario } from '../../src/sim/scenario.ts';

let monaco: World;
beforeAll(async () => {
  monaco = await loadWorldFromDisk('monaco');
});

function scenario(over: (s: Scenario) => void = () => {}): Scenario {
  const s = defaultScenario();
  s.finders.densityPerKm2 = 300;
  s.tags.count = 30;
  over(s);
  return s;
}

/** distance from (x, y) to the nearest edge of the world graph carrying `flag` */
function distanceToEdges(world: World, flag: number, x: number, y: number): number {
  const g = world.graph;
  let best = Infinity;
  for (let e = 0; e < g.edgeA.length; e++) {
    if (!(g.edgeFlags[e] & flag)) continue;
    const ax = g.nodeX[g.edgeA[e]], ay = g.nodeY[g.edgeA[e]];
    const bx = g.nodeX[g.edgeB[e]], by = g.nodeY[g.edgeB[e]];
    const dx = bx - ax, dy = by - ay;
    const l2 = dx * dx + dy * dy;
    const t = l2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / l2)) : 0;
    best = Math.min(best, Math.hypot(ax + t * dx - x, ay + t * dy - y));
  }
  return best;
}

function positions(m: Movers): number[] {
  return Array.from(m.x.subarray(0, m.count)).concat(Array.from(m.y.subarray(0, m.count)));
}

describe('mobility on Monaco', () => {
  it('places the scenario\'s number of finders and tags, in the requested mix', () => {
    const sim = new Simulation(monaco, scenario());
    expect(sim.finders.count).toBe(Math.round(300 * monaco.areaKm2));
    expect(sim.tags.count).toBe(30);
    const counts = [0, 0, 0];
    for (let i = 0; i < sim.finders.count; i++) counts[sim.finders.mode[i]]++;
    const n = sim.finders.count;
    expect(counts[MODE_WALK] / n).toBeCloseTo(0.6, 1);
    expect(counts[MODE_DRIVE] / n).toBeCloseTo(0.25, 1);
    expect(counts[MODE_STILL] / n).toBeCloseTo(0.15, 1);
  });

  it('keeps walkers on walkable and drivers on drivable edges, at speeds within bounds', () => {
    const sim = new Simulation(monaco, scenario());
    const f = sim.finders;
    const px = Float64Array.from(f.x.subarray(0, f.count));
    const py = Float64Array.from(f.y.subarray(0, f.count));
    let checked = 0;
    for (let step = 0; step < 300; step++) {
      sim.step();
      if (step % 60 !== 59) continue;
      for (let i = 0; i < f.count; i += 7) {
        const mode = f.mode[i];
        if (mode === MODE_STILL) continue;
        const d = distanceToEdges(monaco, mode === MODE_WALK ? WALK : DRIVE, f.x[i], f.y[i]);
        expect(d, `finder ${i} (mode ${mode}) is ${d.toFixed(2)} m off its streets`).toBeLessThan(0.01);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    // per-step displacement never exceeds the mode's top speed (straight-line <= path length)
    sim.step();
    for (let i = 0; i < f.count; i++) px[i] = f.x[i], py[i] = f.y[i];
    let fastestWalk = 0, fastestDrive = 0, moving = 0;
    for (let step = 0; step < 30; step++) {
      sim.step();
      for (let i = 0; i < f.count; i++) {
        const v = Math.hypot(f.x[i] - px[i], f.y[i] - py[i]) / sim.scenario.stepSeconds;
        if (v > 0) moving++;
        if (f.mode[i] === MODE_WALK) fastestWalk = Math.max(fastestWalk, v);
        if (f.mode[i] === MODE_DRIVE) fastestDrive = Math.max(fastestDrive, v);
        if (f.mode[i] === MODE_STILL) expect(v).toBe(0);
        px[i] = f.x[i];
        py[i] = f.y[i];
      }
    }
    expect(moving).toBeGreaterThan(f.count * 10);
    expect(fastestWalk).toBeLessThanOrEqual(1.6 + 1e-9);
    expect(fastestWalk).toBeGreaterThan(0.8);
    expect(fastestDrive).toBeLessThanOrEqual(14 + 1e-9);
    expect(fastestDrive).toBeGreaterThan(5);
  });

  it('gives identical positions after 1,000 steps for the same seed, and different ones for another seed', () => {
    const a = new Simulation(monaco, scenario());
    const b = new Simulation(monaco, scenario());
    const c = new Simulation(monaco, scenario((s) => (s.seed = 2)));
    for (let i = 0; i < 1000; i++) {
      a.step();
      b.step();
      c.step();
    }
    expect(positions(a.finders)).toEqual(positions(b.finders));
    expect(positions(a.tags)).toEqual(positions(b.tags));
    expect(positions(a.finders)).not.toEqual(positions(c.finders));
  });

  it('pauses movers on arrival for at most pauseMaxS', () => {
    const sim = new Simulation(monaco, scenario((s) => (s.mobility.pauseMaxS = 30)));
    const f = sim.finders;
    let paused = 0;
    for (let step = 0; step < 1200; step++) {
      sim.step();
      for (let i = 0; i < f.count; i++) {
        if (f.mode[i] === MODE_STILL) continue;
        if (f.pauseUntil[i] > sim.t) {
          paused++;
          expect(f.pauseUntil[i] - sim.t).toBeLessThanOrEqual(30 + 1e-9);
        }
      }
    }
    expect(paused).toBeGreaterThan(0);
  });

  it('adds and removes finders live without disturbing the others', () => {
    const sim = new Simulation(monaco, scenario());
    for (let i = 0; i < 50; i++) sim.step();
    const n = sim.finders.count;
    const before = positions(sim.finders).slice(0, 10);
    sim.setFinderCount(n * 2);
    expect(sim.finders.count).toBe(n * 2);
    expect(positions(sim.finders).slice(0, 10)).toEqual(before);
    sim.setFinderCount(n / 2);
    expect(sim.finders.count).toBe(n / 2);
    for (let i = 0; i < 10; i++) sim.step();
  });
});

describe('mobility on the open world', () => {
  it('moves finders in straight lines at constant speed and wraps them around the square', () => {
    const world = makeOpenWorld({ sizeMetres: 500 });
    const s = scenario((s) => {
      s.world = 'open';
      s.finders.densityPerKm2 = 400;
      s.finders.mix = { walk: 1, drive: 0, still: 0 };
    });
    const sim = new Simulation(world, s);
    const f = sim.finders;
    const [x0, y0, x1, y1] = world.extent;
    let outside = 0;
    let jumps = 0; // wraps: a step that moves a finder by more than half the square
    const px = Float64Array.from(f.x.subarray(0, f.count));
    for (let step = 0; step < 2000; step++) {
      sim.step();
      for (let i = 0; i < f.count; i++) {
        if (f.x[i] < x0 || f.x[i] >= x1 || f.y[i] < y0 || f.y[i] >= y1) outside++;
        if (Math.abs(f.x[i] - px[i]) > 250) jumps++;
        px[i] = f.x[i];
      }
    }
    expect(outside).toBe(0);
    expect(jumps).toBeGreaterThan(f.count / 2);
    // after 2000 s at >= 0.8 m/s every walker has crossed an edge at least once
    for (let i = 0; i < f.count; i++) expect(Math.hypot(f.vx[i], f.vy[i])).toBeGreaterThanOrEqual(0.8);
  });
});
