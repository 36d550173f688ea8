/**
 * One sweep run's result as a flat row, and the metric columns (names with units) that
 * runs.csv, sweep.json and the aggregates share. Runtime-neutral.
 */
import type { RunSummary } from '../sim/metrics-types.ts';

/** Metrics of one run: NaN where undefined (e.g. no tag ever located, so no TTFF). */
export interface RunMetrics {
  finders: number;
  located30ShareEnd: number;
  locatedShareEnd: number;
  ttffMedianS: number;
  ttffP90S: number;
  ttffN: number;
  errLatestMedianM: number;
  errLatestP90M: number;
  errCentroidMedianM: number;
  errCentroidP90M: number;
  errFilterMedianM: number;
  errFilterP90M: number;
  reportErrorMedianM: number;
  reportsMade: number;
  reportsUploaded: number;
  stalenessMedianS: number;
}

export type MetricKey = keyof RunMetrics;

export interface RunRow {
  runIndex: number;
  /** the swept knob's value */
  value: number;
  seed: number;
  metrics: RunMetrics;
  /**
   * wall-clock seconds the run took: depends on the machine and its load, so it is kept
   * out of runs.csv (which must be identical however the sweep was split) and only
   * written to sweep.json
   */
  wallSeconds: number;
}

/** Metric columns in output order: key, CSV column name (with unit), label for tables. */
export const METRIC_COLUMNS: readonly { key: MetricKey; column: string; label: string }[] = [
  { key: 'finders', column: 'finders', label: 'finders' },
  { key: 'located30ShareEnd', column: 'located_30min_share_end', label: 'located <=30 min (end)' },
  { key: 'locatedShareEnd', column: 'located_ever_share_end', label: 'located ever (end)' },
  { key: 'ttffMedianS', column: 'ttff_median_s', label: 'TTFF median, s' },
  { key: 'ttffP90S', column: 'ttff_p90_s', label: 'TTFF p90, s' },
  { key: 'ttffN', column: 'ttff_n', label: 'tags with a fix' },
  { key: 'errLatestMedianM', column: 'error_latest_median_m', label: 'error latest median, m' },
  { key: 'errLatestP90M', column: 'error_latest_p90_m', label: 'error latest p90, m' },
  { key: 'errCentroidMedianM', column: 'error_centroid_median_m', label: 'error centroid median, m' },
  { key: 'errCentroidP90M', column: 'error_centroid_p90_m', label: 'error centroid p90, m' },
  { key: 'errFilterMedianM', column: 'error_filter_median_m', label: 'error filter median, m' },
  { key: 'errFilterP90M', column: 'error_filter_p90_m', label: 'error filter p90, m' },
  { key: 'reportErrorMedianM', column: 'report_error_median_m', label: 'report error median, m' },
  { key: 'reportsMade', column: 'reports_made', label: 'reports made' },
  { key: 'reportsUploaded', column: 'reports_uploaded', label: 'reports uploaded' },
  { key: 'stalenessMedianS', column: 'staleness_median_s', label: 'staleness median, s' },
];

/** The row's metrics from a run's summary. */
export function metricsFromSummary(s: RunSummary): RunMetrics {
  return {
    finders: s.finders,
    located30ShareEnd: s.located30ShareEnd,
    locatedShareEnd: s.locatedShareEnd,
    ttffMedianS: s.timeToFirstFix.median,
    ttffP90S: s.timeToFirstFix.p90,
    ttffN: s.timeToFirstFix.n,
    errLatestMedianM: s.estimatorError.latest.median,
    errLatestP90M: s.estimatorError.latest.p90,
    errCentroidMedianM: s.estimatorError.centroid.median,
    errCentroidP90M: s.estimatorError.centroid.p90,
    errFilterMedianM: s.estimatorError.filter.median,
    errFilterP90M: s.estimatorError.filter.p90,
    reportErrorMedianM: s.reportError.median,
    reportsMade: s.reportsMade,
    reportsUploaded: s.reportsUploaded,
    stalenessMedianS: s.staleness.median,
  };
}

/** JSON turns NaN into null; this turns a row read back from sweep.json into numbers again. */
export function rowFromJson(raw: unknown): RunRow {
  const r = raw as { runIndex: unknown; value: unknown; seed: unknown; wallSeconds: unknown; metrics: Record<string, unknown> };
  const num = (v: unknown, what: string): number => {
    if (v === null) return NaN;
    if (typeof v !== 'number') throw new Error(`run row: ${what} is not a number`);
    return v;
  };
  if (!r || typeof r !== 'object' || !r.metrics || typeof r.metrics !== 'object') throw new Error('run row: not an object with metrics');
  const metrics = {} as RunMetrics;
  for (const c of METRIC_COLUMNS) metrics[c.key] = num(r.metrics[c.key], c.key);
  return { runIndex: num(r.runIndex, 'runIndex'), value: num(r.value, 'value'), seed: num(r.seed, 'seed'), metrics, wallSeconds: num(r.wallSeconds, 'wallSeconds') };
}
