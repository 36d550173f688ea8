/**
 * The sweep charts as data: per-value means with their 95% confidence intervals across
 * seeds (aggregate() of src/sweep), sorted by the swept value, plus the open-world theory
 * curve on a fine grid when it applies. The uPlot view and the SVG export both draw from
 * these specs, so what you see is what you download.
 */
import { KNOB_BY_PATH, type NumberKnob } from '../sim/knobs.ts';
import { setPath } from '../sim/scenario.ts';
import { hasTheory, type MeanCi, type ValueAggregate } from '../sweep/aggregate.ts';
import type { SweepDefinition } from '../sweep/definition.ts';
import type { MetricKey } from '../sweep/run-row.ts';
import { openWorldTheoryLocatedShare } from '../sweep/theory.ts';
import { ESTIMATOR_COLORS } from './chart-data.ts';

export type SweepChartId = 'error' | 'ttff' | 'located';

export interface SweepLine {
  label: string;
  color: string;
  dash?: number[];
  /** measured points (drawn with markers); false for a model curve */
  points: boolean;
  /** aligned with the spec's x; null = no value there */
  values: (number | null)[];
  /** 95% CI bounds, aligned with x (absent: no band) */
  lo?: (number | null)[];
  hi?: (number | null)[];
  /** band opacity relative to the default (p90 bands are drawn fainter) */
  bandWeight?: number;
}

export interface SweepChartSpec {
  id: SweepChartId;
  title: string;
  xLabel: string;
  yLabel: string;
  /** log x axis: the values are all positive and span more than a decade */
  xLog: boolean;
  x: number[];
  lines: SweepLine[];
  /** log y axis (errors span orders of magnitude); bands below the axis are clipped */
  yLog?: boolean;
  yMin?: number;
  yMax?: number;
  empty: string;
}

export function sweepKnob(def: SweepDefinition): NumberKnob {
  return KNOB_BY_PATH.get(def.param) as NumberKnob;
}

/** "finder density (/km²)", "path-loss exponent" */
export function paramLabel(k: NumberKnob): string {
  const name = k.label.charAt(0).toLowerCase() + k.label.slice(1);
  return k.unit ? `${name} (${k.unit})` : name;
}

export function useLogX(values: readonly number[]): boolean {
  if (values.length < 2 || values.some((v) => !(v > 0))) return false;
  return Math.max(...values) / Math.min(...values) > 10;
}

const num = (v: number, k = 1): number | null => (Number.isFinite(v) ? v * k : null);

interface Columns {
  x: number[];
  /** for each x: the aggregate there, or undefined on a theory-grid point */
  at: (ValueAggregate | undefined)[];
  xLog: boolean;
}

/** x = the values sorted ascending; with theory, also a fine grid between the ends */
function columns(def: SweepDefinition, aggs: readonly ValueAggregate[], grid: boolean): Columns {
  const sorted = [...aggs].sort((a, b) => a.value - b.value);
  const xLog = useLogX(def.values);
  const byValue = new Map(sorted.map((a) => [a.value, a]));
  const xs = new Set(sorted.map((a) => a.value));
  if (grid && sorted.length > 0) {
    const lo = sorted[0].value, hi = sorted[sorted.length - 1].value;
    const N = 80;
    for (let i = 0; i <= N && hi > lo; i++) {
      const f = i / N;
      xs.add(Number((xLog ? lo * (hi / lo) ** f : lo + f * (hi - lo)).toPrecision(8)));
    }
  }
  const x = [...xs].sort((a, b) => a - b);
  return { x, at: x.map((v) => byValue.get(v)), xLog };
}

function metricLine(c: Columns, key: MetricKey, label: string, color: string, k = 1, dash?: number[], band = true): SweepLine {
  const pick = (f: (m: MeanCi) => number) => c.at.map((a) => (a && a.runs > 0 ? num(f(a.metrics[key]), k) : null));
  const line: SweepLine = { label, color, dash, points: true, values: pick((m) => m.mean) };
  if (band) {
    line.lo = pick((m) => m.ciLow);
    line.hi = pick((m) => m.ciHigh);
  }
  return line;
}

export function sweepErrorChart(def: SweepDefinition, aggs: readonly ValueAggregate[]): SweepChartSpec {
  const c = columns(def, aggs, false);
  const lines: SweepLine[] = [];
  const keys = {
    latest: ['errLatestMedianM', 'errLatestP90M'],
    centroid: ['errCentroidMedianM', 'errCentroidP90M'],
    filter: ['errFilterMedianM', 'errFilterP90M'],
  } as const;
  for (const e of ['latest', 'centroid', 'filter'] as const) {
    lines.push(metricLine(c, keys[e][0], `${e} median`, ESTIMATOR_COLORS[e]));
    lines.push({ ...metricLine(c, keys[e][1], `${e} p90`, ESTIMATOR_COLORS[e], 1, [5, 4]), bandWeight: 0.5 });
  }
  return {
    id: 'error', title: 'Location error', xLabel: paramLabel(sweepKnob(def)), yLabel: 'error (m)', xLog: c.xLog, x: c.x, lines, yLog: true,
    empty: 'No run has located a tag yet.',
  };
}

export function sweepTtffChart(def: SweepDefinition, aggs: readonly ValueAggregate[]): SweepChartSpec {
  const c = columns(def, aggs, false);
  return {
    id: 'ttff', title: 'Time to first fix', xLabel: paramLabel(sweepKnob(def)), yLabel: 'time to first fix (min)', xLog: c.xLog, x: c.x,
    lines: [
      metricLine(c, 'ttffMedianS', 'median', '#8e44ad', 1 / 60),
      metricLine(c, 'ttffP90S', 'p90', '#8e44ad', 1 / 60, [5, 4], false),
    ],
    yMin: 0, empty: 'No run has located a tag yet.',
  };
}

export function sweepLocatedChart(def: SweepDefinition, aggs: readonly ValueAggregate[]): SweepChartSpec {
  const theory = hasTheory(def);
  const c = columns(def, aggs, theory);
  const lines: SweepLine[] = [
    metricLine(c, 'located30ShareEnd', 'located within 30 min', '#2fa84f', 100),
    metricLine(c, 'locatedShareEnd', 'located ever', '#0a84ff', 100),
  ];
  if (theory) {
    lines.push({
      label: 'theory (open field)', color: '#55555a', dash: [2, 3], points: false,
      values: c.x.map((v) => {
        const s = structuredClone(def.base);
        setPath(s, def.param, v);
        return num(openWorldTheoryLocatedShare(s, def.durationS), 100);
      }),
    });
  }
  return {
    id: 'located', title: 'Tags located by the end', xLabel: paramLabel(sweepKnob(def)), yLabel: 'share of tags (%)', xLog: c.xLog, x: c.x, lines,
    yMin: 0, yMax: 100, empty: 'No run has finished yet.',
  };
}

export const SWEEP_CHARTS: readonly { id: SweepChartId; build: (def: SweepDefinition, aggs: readonly ValueAggregate[]) => SweepChartSpec }[] = [
  { id: 'error', build: sweepErrorChart },
  { id: 'ttff', build: sweepTtffChart },
  { id: 'located', build: sweepLocatedChart },
];

/**
 * The y range to draw: all the means, and the bands as far as they stay readable (with
 * two or three seeds a 95% interval can be ten times the mean; it is clipped there).
 */
export function yRange(c: SweepChartSpec): [number, number] {
  const vals = c.lines.flatMap((l) => l.values).filter((v): v is number => v !== null && (!c.yLog || v > 0));
  const his = c.lines.flatMap((l) => l.hi ?? []).filter((v): v is number => v !== null);
  const los = c.lines.flatMap((l) => l.lo ?? []).filter((v): v is number => v !== null && v > 0);
  if (c.yMax !== undefined) return [c.yMin ?? 0, c.yMax];
  const vMax = vals.length ? Math.max(...vals) : 1;
  if (c.yLog) {
    const vMin = vals.length ? Math.min(...vals) : 1;
    const lo = Math.max(vMin / 3, Math.min(vMin, ...los));
    const hi = Math.min(vMax * 3, Math.max(vMax, ...his));
    // whole decades, so the axis reads 10, 100, 1000
    return [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi * 1.0001))];
  }
  const hi = Math.min(vMax * 2, Math.max(vMax, ...his));
  return [c.yMin ?? Math.min(0, ...vals), (hi > 0 ? hi : 1) * 1.08];
}

export function sweepHasData(c: SweepChartSpec): boolean {
  return c.lines.some((l) => l.points && l.values.some((v) => v !== null));
}
