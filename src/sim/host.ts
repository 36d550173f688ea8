/**
 * The simulation's API toward the UI: what workers/sim.worker.ts exposes through
 * comlink. Pure TypeScript (no worker globals), so tests drive it directly.
 */
import type { CryptoPool } from '../protocol/pool.ts';
import { InThreadCryptoPool } from '../protocol/pool.ts';
import { APP_VERSION } from '../version.ts';
import type { World } from '../world/types.ts';
import { SimClock } from './clock.ts';
import { buildFrame, type Frame } from './frame.ts';
import { KNOBS } from './knobs.ts';
import { ESTIMATORS, type MetricsSeries, type RunSummary, type TagDetails } from './metrics-types.ts';
import { getPath, finderCount, parseScenario, setPath, type CryptoMode, type Scenario } from './scenario.ts';
import { Simulation } from './simulation.ts';
import { tagDetails } from './tag-details.ts';

export interface LoadedInfo {
  worldId: string;
  worldName: string;
  areaKm2: number;
  finderCount: number;
  tagCount: number;
  crypto: CryptoMode;
  /** threads doing report cryptography (0: none, modeled) */
  cryptoThreads: number;
}

export interface MetricsUpdate {
  /** rows from the requested index on */
  from: number;
  series: MetricsSeries;
  summary: RunSummary;
  /** per tag: time to first fix, s (NaN: not yet) */
  ttff: number[];
  scenario: Scenario;
  worldId: string;
  version: string;
}

export type PoolFactory = (mode: CryptoMode) => CryptoPool;

export class SimHost {
  private sim: Simulation | undefined;
  private readonly clock: SimClock;
  private pool: CryptoPool | undefined;

  constructor(private readonly makePool: PoolFactory = (mode) => new InThreadCryptoPool(mode)) {
    this.clock = new SimClock({ advance() {}, t: 0 }, () => this.sim?.scenario.stepSeconds ?? 1);
  }

  /** Starts a new run of `scenario` on `world` (keeps playing if it was). A bad scenario throws and leaves the current run as it was. */
  async start(world: World, scenario: Scenario): Promise<LoadedInfo> {
    const s = parseScenario(scenario);
    let pool = this.pool;
    if (!pool || pool.mode !== s.crypto) pool = this.makePool(s.crypto);
    const sim = new Simulation(world, s, { pool });
    const wasPlaying = await this.clock.idle();
    if (this.pool && this.pool !== pool) await this.pool.close();
    this.pool = pool;
    this.sim = sim;
    this.clock.setSim(sim);
    if (wasPlaying) this.clock.play();
    return this.info();
  }

  info(): LoadedInfo {
    const sim = this.need();
    return {
      worldId: sim.world.id,
      worldName: sim.world.name,
      areaKm2: sim.world.areaKm2,
      finderCount: sim.finders.count,
      tagCount: sim.tags.count,
      crypto: sim.scenario.crypto,
      cryptoThreads: sim.scenario.crypto === 'modeled' ? 0 : sim.pool.threads,
    };
  }

  /**
   * Applies every knob that needs no reset (density, participation, mix, radio, finder and
   * owner settings) to the running simulation; finders join, leave or change kind.
   */
  async updateLive(scenario: Scenario): Promise<LoadedInfo> {
    const sim = this.need();
    const s = parseScenario(scenario);
    const wasPlaying = await this.clock.idle();
    for (const k of KNOBS) if (!k.needsReset) setPath(sim.scenario, k.path, getPath(s, k.path));
    sim.reconfigure();
    sim.setFinderCount(finderCount(sim.scenario, sim.world.areaKm2));
    sim.remix();
    if (wasPlaying) this.clock.play();
    return this.info();
  }

  play(): void {
    this.need();
    this.clock.play();
  }

  pause(): void {
    this.clock.pause();
  }

  setSpeed(speed: number): void {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`speed must be a positive number, got ${speed}`);
    this.clock.speed = speed;
  }

  /** Advances n full steps at once (the step button; tests). Pauses a playing clock meanwhile. */
  async step(n = 1): Promise<void> {
    const sim = this.need();
    const wasPlaying = await this.clock.idle();
    for (let i = 0; i < n; i++) await sim.advance();
    if (wasPlaying) this.clock.play();
  }

  frame(): Frame {
    return buildFrame(this.need(), this.clock.achievedSpeed());
  }

  /** The metrics series from row `from` on, with the summary so far. */
  metricsSince(from: number): MetricsUpdate {
    const sim = this.need();
    const src = sim.metrics.series;
    const cut = (a: number[]) => a.slice(from);
    const per = (r: Record<string, number[]>) => Object.fromEntries(ESTIMATORS.map((e) => [e, cut(r[e])])) as MetricsSeries['errMedian'];
    const series: MetricsSeries = {
      t: cut(src.t), locatedEver: cut(src.locatedEver), located30: cut(src.located30),
      errMedian: per(src.errMedian), errP90: per(src.errP90), stalenessMedian: cut(src.stalenessMedian),
      reportsMade: cut(src.reportsMade), reportsUploaded: cut(src.reportsUploaded), reportsFetched: cut(src.reportsFetched),
      reportsDecrypted: cut(src.reportsDecrypted), bytesUploaded: cut(src.bytesUploaded), decryptFailures: cut(src.decryptFailures),
    };
    return {
      from, series, summary: sim.summary(), ttff: Array.from(sim.owner.firstFix), scenario: structuredClone(sim.scenario),
      worldId: sim.world.id, version: APP_VERSION,
    };
  }

  tagDetails(i: number): TagDetails {
    const sim = this.need();
    if (!Number.isInteger(i) || i < 0 || i >= sim.tags.count) throw new Error(`no tag ${i}`);
    return tagDetails(sim, i);
  }

  private need(): Simulation {
    if (!this.sim) throw new Error('no simulation loaded');
    return this.sim;
  }
}
