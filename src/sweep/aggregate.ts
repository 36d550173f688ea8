/**
 * Per-value aggregation across seeds: for every metric the mean and its 95% confidence
 * interval, mean ± t(0.975, n-1) * sd / sqrt(n), over the runs where the metric is
 * defined (a run with no located tag has no TTFF). With one run there is no interval
 * (NaN, null in JSON). Runtime-neutral.
 */
import { runScenario, type SweepDefinition } from './definition.ts';
import { METRIC_COLUMNS, type MetricKey, type RunRow } from './run-row.ts';
import { tQuantile95 } from './t-quantile.ts';
import { openWorldTheoryLocatedShare } from './theory.ts';

export interface MeanCi {
  /** runs where the metric is defined */
  n: number;
  mean: number;
  /** 95% CI bounds; NaN when n < 2 */
  ciLow: number;
  ciHigh: number;
}

export interface ValueAggregate {
  value: number;
  /** runs of this value present (fewer than the definition's seeds in a partial sweep) */
  runs: number;
  metrics: Record<MetricKey, MeanCi>;
  /**
   * open world, density sweeps only: the encounter-theory share of tags located by the
   * end of the run (see theory.ts); null otherwise
   */
  theoryLocatedShare: number | null;
}

export function meanCi(xs: readonly number[]): MeanCi {
  const v = xs.filter(Number.isFinite);
  const n = v.length;
  if (n === 0) return { n, mean: NaN, ciLow: NaN, ciHigh: NaN };
  const mean = v.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, ciLow: NaN, ciHigh: NaN };
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = (tQuantile95(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, ciLow: mean - half, ciHigh: mean + half };
}

/** True when the sweep gets a theory column: density swept on the open world. */
export function hasTheory(def: SweepDefinition): boolean {
  return def.param === 'finders.densityPerKm2' && def.base.world === 'open';
}

/** One aggregate per value of the definition, in the definition's order (values with no runs included, runs = 0). */
export function aggregate(def: SweepDefinition, rows: readonly RunRow[]): ValueAggregate[] {
  return def.values.map((value, vi) => {
    const mine = rows.filter((r) => Math.floor(r.runIndex / def.seeds) === vi);
    const metrics = {} as Record<MetricKey, MeanCi>;
    for (const c of METRIC_COLUMNS) metrics[c.key] = meanCi(mine.map((r) => r.metrics[c.key]));
    const theory = hasTheory(def) ? openWorldTheoryLocatedShare(runScenario(def, vi * def.seeds), def.durationS) : null;
    return { value, runs: mine.length, metrics, theoryLocatedShare: theory };
  });
}
