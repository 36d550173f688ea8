/**
 * The owner's device: every fetch interval it derives the hashed ids of its tags' keys
 * for the retention window, queries the server, decrypts what it needs and updates its
 * estimates. It knows only its keys, the clear timestamps and what decrypts.
 *
 * It decrypts only reports an estimator will use: the new ones within the centroid window
 * of the newest report (at most MAX_DECRYPT_PER_TAG per tag and fetch); older ones are
 * counted as skipped. Under the 'aggregated' policy a report is released to the owner only
 * once at least k distinct finders have reported the same key within the aggregation
 * window (Google's Find Hub aggregates this way by default); the simulator enforces it at
 * the server with its knowledge of who uploaded what.
 */
import { DECRYPT_REQUEST_BYTES, DECRYPT_RESULT_BYTES, DECRYPT_OK } from '../protocol/batch.ts';
import type { CryptoPool } from '../protocol/pool.ts';
import { RETENTION_MS, type StoredReport } from '../protocol/server.ts';
import { project, type Projection } from '../world/projection.ts';
import { CENTROID_WINDOW_S, FilterState, centroidEstimate, latestEstimate, type Estimate } from './estimators.ts';
import { HeldReports } from './held-reports.ts';
import type { ReportLog } from './report-log.ts';
import type { Scenario } from './scenario.ts';
import { SIM_EPOCH_MS, type TagKeys } from './tag-keys.ts';
import type { UploadStage } from './upload-stage.ts';

const MAX_DECRYPT_PER_TAG = 32;

interface Candidate {
  entry: StoredReport;
  tag: number;
  period: number;
  /** report time, simulated seconds */
  t: number;
}

export class OwnerStage {
  readonly held: HeldReports[] = [];
  readonly latest: Estimate[] = [];
  readonly hasLatest: Uint8Array;
  readonly centroid: Estimate[] = [];
  readonly hasCentroid: Uint8Array;
  readonly filter: FilterState[] = [];
  /** simulated time of the owner's first location for each tag (NaN: none yet) */
  readonly firstFix: Float64Array;
  private readonly seen = new WeakSet<StoredReport>();
  lastFetch = -Infinity;
  fetches = 0;
  reportsFetched = 0;
  reportsDecrypted = 0;
  reportsSkipped = 0;
  decryptFailures = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly keys: TagKeys,
    private readonly uploads: UploadStage,
    private readonly log: ReportLog,
    private readonly projection: Projection,
    tagCount: number,
    /** scale of the finder-to-tag offset (radio's median range), for the estimators' noise */
    private finderSpreadM: number,
  ) {
    for (let j = 0; j < tagCount; j++) {
      this.held.push(new HeldReports());
      this.latest.push({ x: 0, y: 0, r: 0 });
      this.centroid.push({ x: 0, y: 0, r: 0 });
      this.filter.push(new FilterState());
    }
    this.hasLatest = new Uint8Array(tagCount);
    this.hasCentroid = new Uint8Array(tagCount);
    this.firstFix = new Float64Array(tagCount).fill(NaN);
  }

  setFinderSpread(m: number): void {
    this.finderSpreadM = m;
  }

  /** true when a fetch is due at simulated time t */
  due(t: number): boolean {
    return t - this.lastFetch >= this.scenario.owner.fetchIntervalS;
  }

  async fetch(now: number, pool: CryptoPool): Promise<void> {
    this.lastFetch = now;
    this.fetches++;
    const tagCount = this.held.length;
    const nowMs = SIM_EPOCH_MS + now * 1000;
    const fromS = Math.max(0, now - RETENTION_MS / 1000);
    const idInfo = new Map<string, number>(); // hashed id -> tag * 2^21 + period
    for (let j = 0; j < tagCount; j++) {
      for (const p of this.keys.periodsBetween(j, fromS, now)) idInfo.set(this.keys.key(j, p).hashedId, j * 2097152 + p);
    }
    const result = this.uploads.server.query({ hashedIds: [...idInfo.keys()], fromMs: nowMs - RETENTION_MS, toMs: nowMs });
    const byTag: Candidate[][] = Array.from({ length: tagCount }, () => []);
    const { policy, minFinders, aggregationWindowS } = this.scenario.owner;
    for (const [id, entries] of result) {
      const info = idInfo.get(id)!;
      const tag = Math.floor(info / 2097152), period = info % 2097152;
      const released = policy === 'aggregated' ? this.releasedByAggregation(entries, minFinders, aggregationWindowS) : undefined;
      for (let k = 0; k < entries.length; k++) {
        const e = entries[k];
        if (this.seen.has(e) || (released && !released[k])) continue;
        this.seen.add(e);
        const logId = this.uploads.logIdOf.get(e);
        if (logId !== undefined) this.log.fetched[logId] = now;
        byTag[tag].push({ entry: e, tag, period, t: (e.timestampMs - SIM_EPOCH_MS) / 1000 });
        this.reportsFetched++;
      }
    }
    // choose what to decrypt: new reports an estimator will use
    const chosen: Candidate[] = [];
    for (let j = 0; j < tagCount; j++) {
      const c = byTag[j];
      if (!c.length) continue;
      c.sort((a, b) => b.t - a.t);
      const newest = Math.max(c[0].t, this.held[j].newest || -Infinity);
      let taken = 0;
      for (const r of c) {
        if (taken < MAX_DECRYPT_PER_TAG && r.t >= newest - CENTROID_WINDOW_S) {
          chosen.push(r);
          taken++;
        } else this.reportsSkipped++;
      }
    }
    if (chosen.length) {
      const packed = new Uint8Array(chosen.length * DECRYPT_REQUEST_BYTES);
      chosen.forEach((r, k) => {
        packed.set(this.keys.key(r.tag, r.period).privateKey, k * DECRYPT_REQUEST_BYTES);
        packed.set(r.entry.report, k * DECRYPT_REQUEST_BYTES + 28);
      });
      const out = await pool.decrypt(packed);
      const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
      const touched = new Set<number>();
      for (let k = 0; k < chosen.length; k++) {
        const o = k * DECRYPT_RESULT_BYTES;
        if (out[o] !== DECRYPT_OK) {
          this.decryptFailures++;
          continue;
        }
        const lat = view.getInt32(o + 1, false) / 1e7;
        const lon = view.getInt32(o + 5, false) / 1e7;
        const acc = out[o + 9];
        const [x, y] = project(this.projection, lon, lat);
        this.held[chosen[k].tag].add(chosen[k].t, x, y, acc);
        touched.add(chosen[k].tag);
        this.reportsDecrypted++;
      }
      for (const j of touched) this.updateEstimates(j, now);
    }
    this.uploads.forgetEvicted(nowMs);
  }

  private updateEstimates(j: number, now: number): void {
    const h = this.held[j];
    this.hasLatest[j] = latestEstimate(h, this.latest[j]) ? 1 : 0;
    this.hasCentroid[j] = centroidEstimate(h, this.finderSpreadM, this.centroid[j]) ? 1 : 0;
    this.filter[j].fit(h, this.finderSpreadM);
    if (Number.isNaN(this.firstFix[j]) && h.length) this.firstFix[j] = now;
  }

  /** per entry: released under the aggregated policy? (k distinct finders within the window ending at it) */
  private releasedByAggregation(entries: StoredReport[], k: number, windowS: number): Uint8Array {
    const n = entries.length;
    const t = new Float64Array(n);
    const finder = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      t[i] = entries[i].timestampMs / 1000;
      const id = this.uploads.logIdOf.get(entries[i]);
      finder[i] = id === undefined ? -1 - i : this.log.finder[id];
    }
    const out = new Uint8Array(n);
    const distinct = new Set<number>();
    for (let i = 0; i < n; i++) {
      distinct.clear();
      for (let m = 0; m < n; m++) if (t[m] <= t[i] && t[m] > t[i] - windowS) distinct.add(finder[m]);
      out[i] = distinct.size >= k ? 1 : 0;
    }
    return out;
  }

  /** the shown estimator's estimate of tag j at time t; false when there is none */
  estimate(j: number, which: 'latest' | 'centroid' | 'filter', t: number, out: Estimate): boolean {
    if (which === 'latest') {
      if (!this.hasLatest[j]) return false;
      Object.assign(out, this.latest[j]);
      return true;
    }
    if (which === 'centroid') {
      if (!this.hasCentroid[j]) return false;
      Object.assign(out, this.centroid[j]);
      return true;
    }
    return this.filter[j].estimateAt(t, out);
  }
}
