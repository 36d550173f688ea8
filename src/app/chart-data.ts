/**
 * The four charts as plain data (x values, named series, axis labels with units). The
 * uPlot views, the SVG and PNG exports and the CSV / JSON exports all read these specs,
 * so a downloaded figure shows exactly the numbers on screen.
 */
import { ESTIMATORS } from '../sim/metrics-types.ts';
import type { MetricsStore } from './metrics-store.ts';

export interface SeriesSpec {
  label: string;
  color: string;
  dash?: number[];
  /** null = no value (gap) */
  values: (number | null)[];
}

export interface ChartSpec {
  id: 'error' | 'located' | 'ttff' | 'reports';
  title: string;
  xLabel: string;
  yLabel: string;
  /** CSV column names for x (with unit) */
  xColumn: string;
  x: number[];
  series: SeriesSpec[];
  yLog?: boolean;
  yMin?: number;
  yMax?: number;
  /** draw as steps (a CDF) instead of straight segments */
  stepped?: boolean;
  empty: string;
}

export const ESTIMATOR_COLORS: Record<string, string> = { latest: '#0a84ff', centroid: '#ff8a00', filter: '#2fa84f' };

const clean = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : v);

/** x in minutes for short runs, hours for long ones */
function timeAxis(t: number[]): { x: number[]; label: string; column: string } {
  const span = t.length ? t[t.length - 1] : 0;
  if (span > 6 * 3600) return { x: t.map((v) => v / 3600), label: 'simulated time (h)', column: 'time_h' };
  return { x: t.map((v) => v / 60), label: 'simulated time (min)', column: 'time_min' };
}

export function errorChart(m: MetricsStore): ChartSpec {
  const ax = timeAxis(m.series.t);
  const series: SeriesSpec[] = [];
  for (const e of ESTIMATORS) {
    series.push({ label: `${e} median`, color: ESTIMATOR_COLORS[e], values: m.series.errMedian[e].map(clean) });
    series.push({ label: `${e} p90`, color: ESTIMATOR_COLORS[e], dash: [5, 4], values: m.series.errP90[e].map(clean) });
  }
  return { id: 'error', title: 'Location error over time', xLabel: ax.label, xColumn: ax.column, yLabel: 'error (m)', x: ax.x, series, yLog: true, empty: 'No located tags yet.' };
}

export function locatedChart(m: MetricsStore): ChartSpec {
  const ax = timeAxis(m.series.t);
  return {
    id: 'located', title: 'Tags located', xLabel: ax.label, xColumn: ax.column, yLabel: 'share of tags (%)', x: ax.x,
    series: [
      { label: 'ever located', color: '#0a84ff', values: m.series.locatedEver.map((v) => (Number.isFinite(v) ? v * 100 : null)) },
      { label: 'located within 30 min', color: '#2fa84f', values: m.series.located30.map((v) => (Number.isFinite(v) ? v * 100 : null)) },
    ],
    yMin: 0, yMax: 100, empty: 'No samples yet (one per simulated minute).',
  };
}

/** CDF over all tags: the share of tags with a first fix by time x (never-located tags keep it below 100%) */
export function ttffChart(m: MetricsStore): ChartSpec {
  const n = m.ttff.length;
  const fixed = m.ttff.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const x: number[] = [0];
  const y: (number | null)[] = [0];
  fixed.forEach((v, i) => {
    x.push(v / 60);
    y.push(((i + 1) / n) * 100);
  });
  const tEnd = m.series.t.length ? m.series.t[m.series.t.length - 1] / 60 : 0;
  if (fixed.length && tEnd > x[x.length - 1]) {
    x.push(tEnd);
    y.push(y[y.length - 1]);
  }
  return {
    id: 'ttff', title: 'Time to first fix (CDF over tags)', xLabel: 'time to first fix (min)', xColumn: 'ttff_min', yLabel: 'tags located (%)', x,
    series: [{ label: 'tags with a fix', color: '#8e44ad', values: fixed.length ? y : [] }],
    yMin: 0, yMax: 100, stepped: true, empty: 'No tag has been located yet.',
  };
}

export function reportsChart(m: MetricsStore): ChartSpec {
  const t = m.series.t;
  const ax = timeAxis(t);
  const rate = (cum: number[]) =>
    cum.map((v, i) => {
      if (i === 0) return null;
      const dt = t[i] - t[i - 1];
      return dt > 0 && Number.isFinite(v) && Number.isFinite(cum[i - 1]) ? ((v - cum[i - 1]) / dt) * 3600 : null;
    });
  return {
    id: 'reports', title: 'Reports per hour', xLabel: ax.label, xColumn: ax.column, yLabel: 'reports per hour', x: ax.x,
    series: [
      { label: 'made', color: '#8e44ad', values: rate(m.series.reportsMade) },
      { label: 'uploaded', color: '#ff8a00', values: rate(m.series.reportsUploaded) },
      { label: 'fetched', color: '#0a84ff', values: rate(m.series.reportsFetched) },
    ],
    yMin: 0, empty: 'No samples yet.',
  };
}

export const CHART_BUILDERS = [errorChart, locatedChart, ttffChart, reportsChart];

export function hasData(c: ChartSpec): boolean {
  return c.series.some((s) => s.values.some((v) => v !== null));
}
