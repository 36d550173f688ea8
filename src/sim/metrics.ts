/**
 * Measurements of a run, taken by an observer who knows the truth: when each tag's first
 * report was made, how far each report and each estimate was from the tag, how stale the
 * owner's view is, and the traffic through the network. Sampled every SAMPLE_EVERY_S of
 * simulated time into a columnar series, and summarised on demand.
 */
import { ESTIMATORS, type MetricsSeries, type RunSummary } from './metrics-types.ts';
import { NumberList } from './growable.ts';
import type { Estimate } from './estimators.ts';
import type { Movers } from './movers.ts';
import type { OwnerStage } from './owner-stage.ts';
import type { ReportLog } from './report-log.ts';
import type { EstimatorId } from './scenario.ts';
import { distribution, quantileSorted } from './stats.ts';

export const SAMPLE_EVERY_S = 60;
const LOCATED_WINDOW_S = 30 * 60;

export interface Counters {
  reportsUploaded: number;
  bytesUploaded: number;
}

function emptySeries(): MetricsSeries {
  const per = () => ({ latest: [], centroid: [], filter: [] }) as Record<EstimatorId, number[]>;
  return {
    t: [], locatedEver: [], located30: [], errMedian: per(), errP90: per(), stalenessMedian: [],
    reportsMade: [], reportsUploaded: [], reportsFetched: [], reportsDecrypted: [], bytesUploaded: [], decryptFailures: [],
  };
}

export class Metrics {
  readonly series = emptySeries();
  /** simulated time each tag's first report was made (NaN: none yet) */
  readonly firstReport: Float64Array;
  readonly reportError = new NumberList();
  readonly estimatorError: Record<EstimatorId, NumberList> = { latest: new NumberList(), centroid: new NumberList(), filter: new NumberList() };
  readonly staleness = new NumberList();
  nextSample = 0;
  private scanned = 0;
  private readonly scratch: Float64Array;
  private readonly est: Estimate = { x: 0, y: 0, r: 0 };

  constructor(private readonly tagCount: number) {
    this.firstReport = new Float64Array(tagCount).fill(NaN);
    this.scratch = new Float64Array(tagCount);
  }

  /** reads the reports made since the last call (first report times, single-report errors) */
  scanReports(log: ReportLog): void {
    for (let id = this.scanned; id < log.count; id++) {
      const j = log.tag[id];
      if (Number.isNaN(this.firstReport[j])) this.firstReport[j] = log.made[id];
      const dx = log.fixX[id] - log.trueX[id], dy = log.fixY[id] - log.trueY[id];
      this.reportError.push(Math.sqrt(dx * dx + dy * dy));
    }
    this.scanned = log.count;
  }

  sample(t: number, tags: Movers, owner: OwnerStage, log: ReportLog, counters: Counters): void {
    const s = this.series;
    const n = this.tagCount;
    s.t.push(t);
    let ever = 0, recent = 0, stale = 0;
    for (let j = 0; j < n; j++) {
      if (!Number.isNaN(owner.firstFix[j])) ever++;
      const newest = owner.held[j].newest;
      if (Number.isNaN(newest)) continue;
      if (t - newest <= LOCATED_WINDOW_S) recent++;
      this.scratch[stale++] = t - newest;
      this.staleness.push(t - newest);
    }
    s.locatedEver.push(n ? ever / n : NaN);
    s.located30.push(n ? recent / n : NaN);
    s.stalenessMedian.push(quantileSorted(this.scratch.subarray(0, stale).sort(), 0.5));
    for (const e of ESTIMATORS) {
      let m = 0;
      for (let j = 0; j < n; j++) {
        if (!owner.estimate(j, e, t, this.est)) continue;
        const err = Math.hypot(this.est.x - tags.x[j], this.est.y - tags.y[j]);
        this.scratch[m++] = err;
        this.estimatorError[e].push(err);
      }
      const sorted = this.scratch.subarray(0, m).sort();
      s.errMedian[e].push(quantileSorted(sorted, 0.5));
      s.errP90[e].push(quantileSorted(sorted, 0.9));
    }
    s.reportsMade.push(log.count);
    s.reportsUploaded.push(counters.reportsUploaded);
    s.reportsFetched.push(owner.reportsFetched);
    s.reportsDecrypted.push(owner.reportsDecrypted);
    s.bytesUploaded.push(counters.bytesUploaded);
    s.decryptFailures.push(owner.decryptFailures);
    this.nextSample = t + SAMPLE_EVERY_S;
  }

  summary(t: number, finders: Movers, participating: number, owner: OwnerStage, log: ReportLog, counters: Counters): RunSummary {
    const ttff = Array.from(owner.firstFix);
    const s = this.series;
    const last = s.t.length - 1;
    return {
      duration: t,
      finders: finders.count,
      participating,
      tags: this.tagCount,
      timeToFirstReport: distribution(this.firstReport),
      timeToFirstFix: distribution(ttff),
      neverLocated: ttff.filter((v) => Number.isNaN(v)).length,
      reportError: distribution(this.reportError.view()),
      estimatorError: {
        latest: distribution(this.estimatorError.latest.view()),
        centroid: distribution(this.estimatorError.centroid.view()),
        filter: distribution(this.estimatorError.filter.view()),
      },
      staleness: distribution(this.staleness.view()),
      locatedShareEnd: last >= 0 ? s.locatedEver[last] : 0,
      located30ShareEnd: last >= 0 ? s.located30[last] : 0,
      reportsMade: log.count,
      reportsUploaded: counters.reportsUploaded,
      reportsFetched: owner.reportsFetched,
      reportsDecrypted: owner.reportsDecrypted,
      bytesUploaded: counters.bytesUploaded,
      decryptFailures: owner.decryptFailures,
      reportsPerHour: t > 0 ? (log.count / t) * 3600 : 0,
    };
  }
}
