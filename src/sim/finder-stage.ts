/**
 * Radio and finders: which finders hear which tags' advertisements, the reports they make
 * (their own GPS fix, rate-limited per key), and when their queued reports upload.
 *
 * A finder holds its reports and uploads them together when its batch timer fires; the
 * timer starts with its first queued report and its delay is drawn from the upload-delay
 * distribution (log-normal by default, median 25 min, 90th percentile 60 min: Heinrich et
 * al. 2021 measured a median publish delay of about 26 min, and reports that share a
 * publish time). Uploaded report ids go to `outbox`, for encryption and the server.
 */
import { MODE_STILL, type Movers } from './movers.ts';
import { MinHeap } from './min-heap.ts';
import { Radio } from './radio.ts';
import type { ReportLog } from './report-log.ts';
import type { Rng } from './rng.ts';
import type { Scenario } from './scenario.ts';
import { SpatialGrid } from './spatial-grid.ts';
import type { TagKeys } from './tag-keys.ts';
import type { World } from '../world/types.ts';
import { grow } from './growable.ts';

/** BLE adds a random 0-10 ms delay to each advertising event */
const ADV_JITTER_S = 0.01;
/** 2-D 68% radius of a circular Gaussian with per-axis sigma is 1.515 sigma: what the accuracy byte reports */
const ACCURACY_PER_SIGMA = 1.515;

export class FinderStage {
  radio!: Radio;
  readonly grid = new SpatialGrid();
  /** 1 for finders taking part in the network (their fixed draw u < participation) */
  participates = new Uint8Array(0);
  /** simulated time each finder last heard any advertisement */
  heardAt = new Float64Array(0);
  /** head of each finder's queue of reports waiting for upload (-1 = none), and its batch time */
  queueHead = new Int32Array(0);
  queueTail = new Int32Array(0);
  batchAt = new Float64Array(0);
  private readonly batches = new MinHeap(1024);
  /** next advertisement time of each tag */
  private nextAdv: Float64Array;
  /**
   * finder * 1024 + tag -> that finder's last report of the tag: period * 1e9 + time.
   * A small-integer key keeps the map on V8's fast path; a report of a new period (a new
   * key) is never rate-limited by the old one.
   */
  private readonly lastReport = new Map<number, number>();
  private lastPrune = 0;
  /** report ids uploaded and not yet handed to the server */
  outbox = new Int32Array(1024);
  outboxLength = 0;
  /** reports uploaded so far (all finders) */
  uploadedCount = 0;
  private logNormalSigma = 0;
  /** neighbour cells of the current advertisement */
  private readonly cells = new Int32Array(9);

  constructor(
    private readonly world: World,
    private readonly scenario: Scenario,
    private readonly keys: TagKeys,
    private readonly log: ReportLog,
    private readonly radioRng: Rng,
    private readonly gpsRng: Rng,
    private readonly uploadRng: Rng,
    tagCount: number,
    advPhase: Rng,
    /** a disk radio of this radius instead of path loss (theory tests) */
    private readonly diskRangeM?: number,
  ) {
    this.nextAdv = new Float64Array(tagCount);
    for (let j = 0; j < tagCount; j++) this.nextAdv[j] = advPhase.next() * scenario.radio.advIntervalS;
    this.configure();
  }

  /** (re)reads the radio and upload knobs: they may change while running */
  configure(): void {
    const r = this.scenario.radio;
    this.radio = new Radio({ ...r, diskRangeM: this.diskRangeM });
    this.grid.configure(this.world.extent, this.radio.maxRange, this.world.topology === 'open');
    const f = this.scenario.finder;
    this.logNormalSigma = f.uploadP90S > f.uploadMedianS && f.uploadMedianS > 0 ? Math.log(f.uploadP90S / f.uploadMedianS) / 1.2815515655446004 : 0;
  }

  private ensureFinders(n: number): void {
    if (this.participates.length >= n) return;
    const old = this.queueHead.length;
    this.participates = grow(this.participates, n);
    this.heardAt = grow(this.heardAt, n);
    this.queueHead = grow(this.queueHead, n);
    this.queueTail = grow(this.queueTail, n);
    this.batchAt = grow(this.batchAt, n);
    this.queueHead.fill(-1, old);
    this.queueTail.fill(-1, old);
    this.batchAt.fill(Infinity, old);
    this.heardAt.fill(-Infinity, old);
  }

  uploadDelay(): number {
    const f = this.scenario.finder;
    if (f.uploadDelay === 'none' || f.uploadMedianS === 0) return 0;
    return f.uploadMedianS * Math.exp(this.logNormalSigma * this.uploadRng.normal());
  }

  /** Runs radio, reporting and uploads for the step [t, t + dt). */
  step(finders: Movers, tags: Movers, t: number, dt: number): void {
    const n = finders.count;
    this.ensureFinders(n);
    this.grid.build(n, finders.x, finders.y, finders.u, this.scenario.finders.participation, this.participates);

    const { advIntervalS, scanDuty } = this.scenario.radio;
    const { rateLimitS, gpsSigmaIndoorM, gpsSigmaOutdoorM } = this.scenario.finder;
    const max2 = this.radio.maxRange * this.radio.maxRange;
    const radio = this.radio;
    const rng = this.radioRng;
    const grid = this.grid;
    const cellStart = grid.cellStart, items = grid.items, cells = this.cells;
    const fx = finders.x, fy = finders.y;
    const wrap = grid.wrap, w = grid.widthM, h = grid.heightM;
    // Each candidate's scanner listens with probability scanDuty, independently: instead of
    // one draw per candidate, draw the geometric gap to the next listening one.
    const logMiss = scanDuty < 1 ? Math.log(1 - scanDuty) : -Infinity;
    const end = t + dt;
    for (let j = 0; j < tags.count; j++) {
      while (this.nextAdv[j] < end) {
        const tAdv = this.nextAdv[j];
        this.nextAdv[j] += advIntervalS + rng.next() * ADV_JITTER_S;
        const tx = tags.x[j], ty = tags.y[j];
        const nCells = grid.neighbourCells(tx, ty, cells);
        let skip = logMiss === -Infinity ? 0 : Math.floor(Math.log(1 - rng.next()) / logMiss);
        let period = -1;
        for (let c = 0; c < nCells; c++) {
          const cellEnd = cellStart[cells[c] + 1];
          // jump straight to the next listening candidate; the gap left over carries into the next cell
          let k = cellStart[cells[c]] + skip;
          for (; k < cellEnd; k += 1 + skip) {
            skip = logMiss === -Infinity ? 0 : Math.floor(Math.log(1 - rng.next()) / logMiss);
            const i = items[k];
            let dx = fx[i] - tx, dy = fy[i] - ty;
            if (wrap) {
              if (dx > w / 2) dx -= w;
              else if (dx < -w / 2) dx += w;
              if (dy > h / 2) dy -= h;
              else if (dy < -h / 2) dy += h;
            }
            const d2 = dx * dx + dy * dy;
            if (d2 > max2) continue;
            // the scanner is listening: does the signal clear the sensitivity?
            if (rng.next() >= radio.hearProbability(Math.sqrt(d2))) continue;
            this.heardAt[i] = tAdv;
            if (period < 0) period = this.keys.periodAt(j, tAdv);
            const key = i * 1024 + j;
            const last = this.lastReport.get(key);
            if (last !== undefined) {
              const lastPeriod = Math.floor(last / 1e9);
              if (lastPeriod === period && tAdv - (last - lastPeriod * 1e9) < rateLimitS) continue;
            }
            this.lastReport.set(key, period * 1e9 + tAdv);
            const sigma = finders.mode[i] === MODE_STILL && finders.indoor[i] ? gpsSigmaIndoorM : gpsSigmaOutdoorM;
            const gx = fx[i] + sigma * this.gpsRng.normal();
            const gy = fy[i] + sigma * this.gpsRng.normal();
            const acc = Math.min(255, Math.round(sigma * ACCURACY_PER_SIGMA));
            const id = this.log.add(i, j, period, finders.mode[i], gx, gy, acc, tx, ty, tAdv);
            this.enqueue(i, id, tAdv);
          }
          skip = k - cellEnd;
        }
      }
    }
    this.uploadDue(end);
    if (t - this.lastPrune > 3600) this.pruneRateLimits(t);
  }

  private enqueue(i: number, id: number, t: number): void {
    if (this.queueHead[i] < 0) {
      this.queueHead[i] = id;
      this.batchAt[i] = t + this.uploadDelay();
      this.batches.push(i, this.batchAt[i]);
    } else this.log.nextQueued[this.queueTail[i]] = id;
    this.queueTail[i] = id;
  }

  /** uploads every batch whose time has come (before `end`) */
  private uploadDue(end: number): void {
    while (this.batches.size > 0 && this.batches.peekKey() < end) {
      const i = this.batches.popNode();
      const at = this.batches.lastKey;
      if (this.batchAt[i] !== at) continue; // stale entry (finder removed and re-added)
      for (let id = this.queueHead[i]; id >= 0; id = this.log.nextQueued[id]) {
        this.log.uploaded[id] = at;
        if (this.outboxLength === this.outbox.length) this.outbox = grow(this.outbox, this.outboxLength + 1);
        this.outbox[this.outboxLength++] = id;
        this.uploadedCount++;
      }
      this.queueHead[i] = this.queueTail[i] = -1;
      this.batchAt[i] = Infinity;
    }
  }

  /** Finders removed from the run upload nothing more; their queues are dropped. */
  dropFinders(from: number, to = this.queueHead.length): void {
    for (let i = from; i < Math.min(to, this.queueHead.length); i++) {
      this.queueHead[i] = this.queueTail[i] = -1;
      this.batchAt[i] = Infinity;
    }
  }

  holdsReports(i: number): boolean {
    return this.queueHead[i] >= 0;
  }

  private pruneRateLimits(t: number): void {
    const limit = this.scenario.finder.rateLimitS;
    for (const [k, v] of this.lastReport) if (t - (v - Math.floor(v / 1e9) * 1e9) >= limit) this.lastReport.delete(k);
    this.lastPrune = t;
  }
}
