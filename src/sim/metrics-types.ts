/**
 * What the metrics stage publishes: a time series sampled every `sampleEveryS` of
 * simulated time (columnar, as charting libraries like it), per-tag figures, and a
 * summary of the run. The CLI prints and writes these; the app charts them.
 */
import type { EstimatorId } from './scenario.ts';

export const ESTIMATORS: readonly EstimatorId[] = ['latest', 'centroid', 'filter'];

/** One column per field, one row per sample; NaN where a value is undefined (no tag located yet). */
export interface MetricsSeries {
  /** simulated seconds */
  t: number[];
  /** share of tags the owner has ever located (0..1) */
  locatedEver: number[];
  /** share of tags whose newest report at the owner is at most 30 min old */
  located30: number[];
  /** median and 90th percentile over located tags of each estimator's error, metres */
  errMedian: Record<EstimatorId, number[]>;
  errP90: Record<EstimatorId, number[]>;
  /** median over located tags of (now - timestamp of the newest report the owner holds), seconds */
  stalenessMedian: number[];
  /** cumulative counts since the start */
  reportsMade: number[];
  reportsUploaded: number[];
  reportsFetched: number[];
  reportsDecrypted: number[];
  bytesUploaded: number[];
  decryptFailures: number[];
}

export interface Distribution {
  n: number;
  median: number;
  p90: number;
  mean: number;
}

export interface RunSummary {
  /** simulated seconds covered */
  duration: number;
  finders: number;
  participating: number;
  tags: number;
  /** time from start to a tag's first report being made (over tags that got one), s */
  timeToFirstReport: Distribution;
  /** time from start to the owner's first location for a tag (after upload and fetch), s */
  timeToFirstFix: Distribution;
  /** tags never located by the end */
  neverLocated: number;
  /** distance of each report's position from the tag's true position when it was made, m */
  reportError: Distribution;
  /** each estimator's error against the true position, pooled over samples and located tags, m */
  estimatorError: Record<EstimatorId, Distribution>;
  staleness: Distribution;
  locatedShareEnd: number;
  located30ShareEnd: number;
  reportsMade: number;
  reportsUploaded: number;
  reportsFetched: number;
  reportsDecrypted: number;
  bytesUploaded: number;
  decryptFailures: number;
  reportsPerHour: number;
}

/** Per-tag view for the tag list and the detail panel. */
export interface TagReportRecord {
  /** simulated seconds: made by the finder, uploaded to the server, fetched by the owner (NaN if not yet) */
  made: number;
  uploaded: number;
  fetched: number;
  /** the report's position (the finder's GPS fix) in local metres, and its accuracy byte */
  x: number;
  y: number;
  accuracy: number;
  /** finder's mode: 0 walk, 1 drive, 2 still */
  finderMode: number;
}

export interface EstimateView {
  x: number;
  y: number;
  /** error circle radius, m */
  radius: number;
  /** distance to the true position now, m */
  error: number;
}

export interface TagDetails {
  index: number;
  name: string;
  /** 0 at rest, 1 carried, 2 in a vehicle */
  kind: number;
  truth: { x: number; y: number };
  estimates: Record<EstimatorId, EstimateView | null>;
  firstReportMade: number;
  firstFix: number;
  newestReportAtOwner: number;
  /** newest first, at most 200 */
  reports: TagReportRecord[];
}
