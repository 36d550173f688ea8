/**
 * The step loop: one object that owns a run. Each step advances simulated time by
 * scenario.stepSeconds and runs the stages in the order data flows:
 * radio and finders (who hears what, reports made and queued, batches uploaded) ->
 * mobility -> [at the owner's fetch times: encryption, server, owner fetch, decryption,
 * estimates] -> metrics.
 *
 * step() is synchronous (everything up to the finders' uploads); advance() also runs the
 * network at fetch times, awaiting the crypto pool there, so a run's results depend only
 * on its scenario and seed, never on which thread did the cryptography.
 */
import type { CryptoPool } from '../protocol/pool.ts';
import { InThreadCryptoPool } from '../protocol/pool.ts';
import { makeProjection, type Projection } from '../world/projection.ts';
import type { World } from '../world/types.ts';
import { FinderStage } from './finder-stage.ts';
import { Metrics } from './metrics.ts';
import type { RunSummary } from './metrics-types.ts';
import { Mobility } from './mobility.ts';
import { MODE_DRIVE, MODE_STILL, MODE_WALK, Movers } from './movers.ts';
import { OwnerStage } from './owner-stage.ts';
import { ReportLog } from './report-log.ts';
import { Rng, STREAM } from './rng.ts';
import { finderCount, type Scenario } from './scenario.ts';
import { TagKeys } from './tag-keys.ts';
import { UploadStage } from './upload-stage.ts';

export interface SimulationOptions {
  /** where report cryptography runs; defaults to this thread */
  pool?: CryptoPool;
  /** replace the path-loss radio by a disk of this radius (theory tests) */
  diskRangeM?: number;
}

/** Tags' kinds as the UI names them (movers' modes are walk/drive/still). */
export const TAG_REST = 0;
export const TAG_CARRIED = 1;
export const TAG_VEHICLE = 2;

export class Simulation {
  /** simulated seconds since the start */
  t = 0;
  steps = 0;
  readonly finders = new Movers();
  readonly tags = new Movers();
  readonly tagKind: Uint8Array;
  readonly mobility: Mobility;
  readonly projection: Projection;
  readonly keys: TagKeys;
  readonly log = new ReportLog();
  readonly finderStage: FinderStage;
  readonly uploads: UploadStage;
  readonly owner: OwnerStage;
  readonly metrics: Metrics;
  readonly pool: CryptoPool;
  private readonly placeRng: Rng;

  constructor(
    readonly world: World,
    readonly scenario: Scenario,
    options: SimulationOptions = {},
  ) {
    const seed = scenario.seed;
    this.pool = options.pool ?? new InThreadCryptoPool(scenario.crypto);
    if (this.pool.mode !== scenario.crypto) throw new Error(`crypto pool runs in ${this.pool.mode} mode but the scenario asks for ${scenario.crypto}`);
    this.placeRng = new Rng(seed, STREAM.placement);
    this.projection = makeProjection(world.center[0], world.center[1]);
    this.mobility = new Mobility(world, scenario.mobility, new Rng(seed, STREAM.mobility), new Rng(seed, STREAM.routing));
    this.tagKind = new Uint8Array(scenario.tags.count);
    this.placeTags();
    const n = this.tags.count;
    this.keys = new TagKeys(n, scenario.owner.rotation, new Rng(seed, STREAM.crypto));
    this.finderStage = new FinderStage(world, scenario, this.keys, this.log, new Rng(seed, STREAM.radio), new Rng(seed, STREAM.gps), new Rng(seed, STREAM.upload), n, new Rng(seed, STREAM.participation), options.diskRangeM);
    this.uploads = new UploadStage(this.keys, this.log, this.projection);
    this.owner = new OwnerStage(scenario, this.keys, this.uploads, this.log, this.projection, n, this.finderSpread());
    this.metrics = new Metrics(n);
    this.setFinderCount(finderCount(scenario, world.areaKm2));
  }

  /** typical finder-to-tag distance when a report is made: the estimators' extra noise */
  private finderSpread(): number {
    return this.finderStage?.radio.medianRange() ?? 25;
  }

  private placeTags(): void {
    const { count, mix } = this.scenario.tags;
    const m = this.tags;
    m.ensureCapacity(count);
    m.count = count;
    const w = mix.rest + mix.carried + mix.vehicle || 1;
    for (let i = 0; i < count; i++) {
      const r = this.placeRng.next() * w;
      const kind = r < mix.rest ? TAG_REST : r < mix.rest + mix.carried ? TAG_CARRIED : TAG_VEHICLE;
      this.tagKind[i] = kind;
      const mode = kind === TAG_REST ? MODE_STILL : kind === TAG_CARRIED ? MODE_WALK : MODE_DRIVE;
      this.mobility.place(m, i, mode, false, this.placeRng, this.t);
      // a tag at rest lies on a street, not at a node or in a building
      if (mode === MODE_STILL && this.world.topology !== 'open') this.mobility.streetPoint(m, i, this.placeRng);
    }
  }

  /** Adds or removes finders so that `n` remain; existing finders keep their state. */
  setFinderCount(n: number): void {
    const m = this.finders;
    if (n <= m.count) {
      m.count = n;
      this.finderStage.dropFinders(n);
      return;
    }
    const { mix, indoorShare } = this.scenario.finders;
    const w = mix.walk + mix.drive + mix.still || 1;
    m.ensureCapacity(n);
    for (let i = m.count; i < n; i++) {
      const r = this.placeRng.next() * w;
      const mode = r < mix.walk ? MODE_WALK : r < mix.walk + mix.drive ? MODE_DRIVE : MODE_STILL;
      const indoor = mode === MODE_STILL && this.placeRng.next() < indoorShare;
      m.count = i + 1;
      this.mobility.place(m, i, mode, indoor, this.placeRng, this.t);
    }
  }

  /**
   * Brings the finders' kinds in line with the scenario's mix after it changed: surplus
   * finders of one kind leave and reappear as a kind in deficit (their queued reports go).
   */
  remix(): void {
    const m = this.finders;
    const { mix, indoorShare } = this.scenario.finders;
    const weights = [mix.walk, mix.drive, mix.still];
    const total = weights[0] + weights[1] + weights[2] || 1;
    const target = weights.map((w) => Math.floor((w / total) * m.count));
    for (let k = 0; target[0] + target[1] + target[2] < m.count; k++) target[k % 3]++;
    const have = [0, 0, 0];
    for (let i = 0; i < m.count; i++) have[m.mode[i]]++;
    for (let i = 0; i < m.count; i++) {
      const from = m.mode[i];
      if (have[from] <= target[from]) continue;
      const to = have.findIndex((h, k) => h < target[k]);
      if (to < 0) break;
      have[from]--;
      have[to]++;
      this.finderStage.dropFinders(i, i + 1);
      this.mobility.place(m, i, to, to === MODE_STILL && this.placeRng.next() < indoorShare, this.placeRng, this.t);
    }
  }

  /** re-reads knobs that may change while running (radio, upload, owner) */
  reconfigure(): void {
    this.finderStage.configure();
    this.owner.setFinderSpread(this.finderSpread());
  }

  /** Radio, finders and movement for one step of scenario.stepSeconds (no network). */
  step(): void {
    const dt = this.scenario.stepSeconds;
    this.finderStage.step(this.finders, this.tags, this.t, dt);
    this.mobility.step(this.finders, this.t, dt);
    this.mobility.step(this.tags, this.t, dt);
    this.t += dt;
    this.steps++;
    this.metrics.scanReports(this.log);
  }

  /** One full step: step(), then at fetch times the network (awaiting the crypto pool), then metrics. */
  async advance(): Promise<void> {
    this.step();
    if (this.owner.due(this.t)) await this.fetchNow();
    if (this.t >= this.metrics.nextSample) this.metrics.sample(this.t, this.tags, this.owner, this.log, this.counters());
  }

  private async fetchNow(): Promise<void> {
    const f = this.finderStage;
    await this.uploads.store(f.outbox, f.outboxLength, this.pool);
    f.outboxLength = 0;
    await this.owner.fetch(this.t, this.pool);
  }

  /** Runs until simulated time reaches `until` seconds. */
  async runUntil(until: number, onProgress?: (t: number) => void): Promise<void> {
    let lastReport = this.t;
    while (this.t + 1e-9 < until) {
      await this.advance();
      if (onProgress && this.t - lastReport >= 600) {
        onProgress(this.t);
        lastReport = this.t;
      }
    }
  }

  counters() {
    return { reportsUploaded: this.finderStage.uploadedCount, bytesUploaded: this.finderStage.uploadedCount * 88 };
  }

  participating(): number {
    let n = 0;
    const p = this.scenario.finders.participation;
    for (let i = 0; i < this.finders.count; i++) if (this.finders.u[i] < p) n++;
    return n;
  }

  summary(): RunSummary {
    return this.metrics.summary(this.t, this.finders, this.participating(), this.owner, this.log, this.counters());
  }
}
