import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorldFromDisk } from '../../src/world/node-loader.ts';
import { makeOpenWorld } from '../../src/world/synthetic.ts';
import { defaultScenario, type Scenario } from '../../src/sim/scenario.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { SimHost } from '../../src/sim/host.ts';
import { Radio } from '../../src/sim/radio.ts';
import { MODE_STILL } from '../../src/sim/movers.ts';
import { createNodeCryptoPool } from '../../src/protocol/node-crypto-pool.ts';

function monacoScenario(over: (s: Scenario) => void = () => {}): Scenario {
  const s = defaultScenario();
  s.crypto = 'modeled';
  s.finders.densityPerKm2 = 1000;
  s.tags.count = 20;
  over(s);
  return s;
}

describe('determinism', () => {
  it('gives identical metrics for the same scenario and seed in the CLI and through the worker host', async () => {
    const scenario = monacoScenario((s) => (s.seed = 7));
    const host = new SimHost();
    const world = await loadWorldFromDisk('monaco');
    await host.start(world, scenario);
    await host.step(1800);
    const viaHost = host.metricsSince(0);

    const dir = mkdtempSync(join(tmpdir(), 'crowdfind-'));
    const file = join(dir, 'scenario.json');
    writeFileSync(file, JSON.stringify(scenario));
    execFileSync('node', ['bin/crowdfind.mjs', 'sim', '--scenario', file, '--duration', '30m', '--quiet', '--json', join(dir, 'run.json')], { encoding: 'utf8' });
    const viaCli = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    expect(viaCli.series).toEqual(JSON.parse(JSON.stringify(viaHost.series)));
    expect(viaCli.summary.reportsMade).toBe(viaHost.summary.reportsMade);
    expect(viaCli.summary.reportsMade).toBeGreaterThan(100);
    expect(viaCli.summary.timeToFirstFix).toEqual(JSON.parse(JSON.stringify(viaHost.summary.timeToFirstFix)));
  }, 120_000);

  it('gives the same results whether real cryptography runs in this thread or in a pool of worker threads', async () => {
    const world = await loadWorldFromDisk('tiergarten');
    const scenario = (() => {
      const s = defaultScenario();
      s.world = 'tiergarten';
      s.crypto = 'real';
      s.finders.densityPerKm2 = 150;
      s.tags.count = 5;
      s.finder.uploadMedianS = 120;
      s.finder.uploadP90S = 300;
      return s;
    })();
    const a = new Simulation(world, structuredClone(scenario));
    const pool = createNodeCryptoPool({ threads: 2, mode: 'real' });
    try {
      const b = new Simulation(world, structuredClone(scenario), { pool });
      await a.runUntil(1200);
      await b.runUntil(1200);
      expect(a.summary().reportsDecrypted).toBeGreaterThan(0);
      expect(b.metrics.series).toEqual(a.metrics.series);
      expect(b.summary()).toEqual(a.summary());
    } finally {
      await pool.close();
    }
  }, 120_000);
});

describe('encounter theory on the open world', () => {
  // Finders at density rho moving isotropically at speed v meet a resting tag (disk of
  // radius r) at rate 2 r v rho, so P(located by t) = 1 - exp(-rho pi r^2) exp(-2 r v rho t)
  // with perfect detection, no upload delay and instant fetch.
  for (const perKm2 of [150, 400]) {
    it(`matches 1 - exp(-rho pi r^2 - 2 r v rho t) within 5 points at ${perKm2} finders/km²`, async () => {
      const r = 20, v = 1.2;
      const world = makeOpenWorld({ sizeMetres: 1000 });
      const s = defaultScenario();
      s.world = 'open';
      s.crypto = 'modeled';
      s.seed = perKm2;
      s.finders.densityPerKm2 = perKm2;
      s.finders.mix = { walk: 1, drive: 0, still: 0 };
      s.mobility.walkSpeedMin = s.mobility.walkSpeedMax = v;
      s.tags.count = 1000;
      s.tags.mix = { rest: 1, carried: 0, vehicle: 0 };
      s.radio.scanDuty = 1;
      s.finder.uploadDelay = 'none';
      s.owner.fetchIntervalS = 0;
      const sim = new Simulation(world, s, { diskRangeM: r });
      await sim.runUntil(600);
      const rho = perKm2 / 1e6;
      const series = sim.metrics.series;
      let worst = 0, compared = 0;
      for (let k = 0; k < series.t.length; k++) {
        const t = series.t[k];
        // every tag must have advertised once (every 2 s) before the formula's t = 0 term applies
        if (t < 2 * s.radio.advIntervalS) continue;
        const theory = 1 - Math.exp(-rho * Math.PI * r * r) * Math.exp(-2 * r * v * rho * t);
        worst = Math.max(worst, Math.abs(series.locatedEver[k] - theory));
        compared++;
      }
      expect(compared).toBeGreaterThanOrEqual(9);
      expect(worst).toBeLessThan(0.05);
    }, 120_000);
  }
});

describe('radio', () => {
  it('hears advertisements at each distance as often as Phi((RSSI(d) - sensitivity) / sigma) times the duty cycle', async () => {
    const distances = [3, 10, 20, 25, 35, 50, 70];
    const world = makeOpenWorld({ sizeMetres: 1000 });
    const s = defaultScenario();
    s.world = 'open';
    s.crypto = 'modeled';
    s.finders.densityPerKm2 = distances.length; // area 1 km²: one finder per distance
    s.finders.mix = { walk: 0, drive: 0, still: 1 };
    s.finders.participation = 1;
    s.tags.count = 1;
    s.tags.mix = { rest: 1, carried: 0, vehicle: 0 };
    s.finder.rateLimitS = 0; // every advertisement heard becomes a report: countable
    s.owner.fetchIntervalS = 3600;
    const sim = new Simulation(world, s);
    expect(sim.finders.count).toBe(distances.length);
    sim.tags.x[0] = 0;
    sim.tags.y[0] = 0;
    distances.forEach((d, i) => {
      expect(sim.finders.mode[i]).toBe(MODE_STILL);
      const a = (i / distances.length) * 2 * Math.PI; // spread around so finders are not in line
      sim.finders.x[i] = d * Math.cos(a);
      sim.finders.y[i] = d * Math.sin(a);
    });
    const seconds = 40_000;
    for (let k = 0; k < seconds; k++) sim.step();
    const heard = new Array(distances.length).fill(0);
    for (let id = 0; id < sim.log.count; id++) heard[sim.log.finder[id]]++;
    const adverts = seconds / s.radio.advIntervalS;
    const radio = new Radio(s.radio);
    distances.forEach((d, i) => {
      const p = s.radio.scanDuty * radio.hearProbabilityExact(d);
      const expected = adverts * p;
      const sd = Math.sqrt(adverts * p * (1 - p));
      expect(Math.abs(heard[i] - expected), `at ${d} m: heard ${heard[i]}, expected ${expected.toFixed(0)} ± ${sd.toFixed(0)}`).toBeLessThan(4.5 * sd + 1);
    });
    // and the model itself: half the advertisements heard at the median range
    expect(radio.hearProbabilityExact(radio.medianRange())).toBeCloseTo(0.5, 6);
    expect(radio.medianRange()).toBeCloseTo(10 ** (35 / 25), 6); // about 25 m with the defaults
  }, 120_000);
});

describe('density drives finding on Monaco', () => {
  it('with ten times the finders, tags are found sooner and more of them are located', async () => {
    const world = await loadWorldFromDisk('monaco');
    const run = async (density: number) => {
      const sim = new Simulation(world, monacoScenario((s) => {
        s.seed = 3;
        s.finders.densityPerKm2 = density;
        s.tags.count = 40;
        s.tags.mix = { rest: 1, carried: 0, vehicle: 0 };
      }));
      await sim.runUntil(3600);
      return sim.summary();
    };
    const sparse = await run(20);
    const dense = await run(200);
    expect(dense.locatedShareEnd).toBeGreaterThan(sparse.locatedShareEnd);
    const ttff = (s: typeof sparse) => (s.timeToFirstFix.n >= s.tags / 2 ? s.timeToFirstFix.median : Infinity);
    expect(ttff(dense)).toBeLessThan(ttff(sparse));
  }, 120_000);
});
