/**
 * The run's metrics on the page: rows of the columnar series appended as they arrive
 * (metricsSince(k) returns rows k..), plus the latest summary and time-to-first-fix.
 */
import type { EstimatorId, Scenario } from '../sim/scenario.ts';
import { ESTIMATORS, type MetricsSeries, type RunSummary } from '../sim/metrics-types.ts';

export interface MetricsUpdate {
  from?: number;
  series: MetricsSeries;
  summary: RunSummary;
  ttff: number[];
  scenario: Scenario;
  version: string;
}

export function emptySeries(): MetricsSeries {
  const est = () => Object.fromEntries(ESTIMATORS.map((e) => [e, [] as number[]])) as Record<EstimatorId, number[]>;
  return {
    t: [], locatedEver: [], located30: [], errMedian: est(), errP90: est(), stalenessMedian: [],
    reportsMade: [], reportsUploaded: [], reportsFetched: [], reportsDecrypted: [], bytesUploaded: [], decryptFailures: [],
  };
}

export class MetricsStore {
  series = emptySeries();
  summary: RunSummary | undefined;
  ttff: number[] = [];
  scenario: Scenario | undefined;
  version = '';
  /** bumped on every change, so views redraw only when needed */
  revision = 0;

  get rows(): number {
    return this.series.t.length;
  }

  clear(): void {
    this.series = emptySeries();
    this.summary = undefined;
    this.ttff = [];
    this.scenario = undefined;
    this.revision++;
  }

  append(u: MetricsUpdate): void {
    const s = this.series;
    const add = (dst: number[], src: number[] | undefined) => {
      if (src) for (const v of src) dst.push(v);
    };
    const n = u.series.t?.length ?? 0;
    add(s.t, u.series.t);
    add(s.locatedEver, u.series.locatedEver);
    add(s.located30, u.series.located30);
    for (const e of ESTIMATORS) {
      add(s.errMedian[e], u.series.errMedian?.[e]);
      add(s.errP90[e], u.series.errP90?.[e]);
    }
    add(s.stalenessMedian, u.series.stalenessMedian);
    add(s.reportsMade, u.series.reportsMade);
    add(s.reportsUploaded, u.series.reportsUploaded);
    add(s.reportsFetched, u.series.reportsFetched);
    add(s.reportsDecrypted, u.series.reportsDecrypted);
    add(s.bytesUploaded, u.series.bytesUploaded);
    add(s.decryptFailures, u.series.decryptFailures);
    const changed = n > 0 || JSON.stringify(u.summary) !== JSON.stringify(this.summary) || (u.ttff ?? []).join() !== this.ttff.join();
    this.summary = u.summary;
    this.ttff = u.ttff ?? [];
    this.scenario = u.scenario;
    this.version = u.version;
    if (changed) this.revision++;
  }
}
