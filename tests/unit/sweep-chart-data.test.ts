/** The Sweeps tab's chart data and SVG export (pure functions; the browser test drives the view). */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/sim/scenario.ts';
import { aggregate } from '../../src/sweep/aggregate.ts';
import { makeDefinition } from '../../src/sweep/definition.ts';
import type { RunRow, RunMetrics } from '../../src/sweep/run-row.ts';
import { METRIC_COLUMNS } from '../../src/sweep/run-row.ts';
import { sweepErrorChart, sweepLocatedChart, sweepTtffChart, useLogX, yRange } from '../../src/app/sweep-chart-data.ts';
import { sweepChartToSvg } from '../../src/app/sweep-svg.ts';

function fakeRows(def: ReturnType<typeof makeDefinition>, skip: number[] = []): RunRow[] {
  const rows: RunRow[] = [];
  for (let i = 0; i < def.values.length * def.seeds; i++) {
    if (skip.includes(i)) continue;
    const v = def.values[Math.floor(i / def.seeds)];
    const m = {} as RunMetrics;
    for (const c of METRIC_COLUMNS) m[c.key] = 100 / Math.sqrt(v) + (i % def.seeds);
    m.locatedShareEnd = Math.min(1, v / 1000 + 0.1 * (i % def.seeds));
    m.located30ShareEnd = m.locatedShareEnd * 0.9;
    rows.push({ runIndex: i, value: v, seed: def.base.seed + (i % def.seeds), metrics: m, wallSeconds: 1 });
  }
  return rows;
}

describe('sweep charts', () => {
  it('sorts the values, uses a log x axis past a decade, and draws a theory curve for density on the open world', () => {
    const def = makeDefinition({ param: 'density', values: '3000, 100, 1000', seeds: 2, durationS: 600, base: parseScenario({ world: 'open' }) });
    const aggs = aggregate(def, fakeRows(def));
    const located = sweepLocatedChart(def, aggs);
    expect(located.xLog).toBe(true);
    expect([...located.x]).toEqual([...located.x].sort((a, b) => a - b));
    expect(located.x.length).toBeGreaterThan(50); // the theory grid
    const theory = located.lines.find((l) => /theory/.test(l.label))!;
    expect(theory.points).toBe(false);
    expect(theory.values.every((v) => v !== null && v >= 0 && v <= 100)).toBe(true);
    // measured points only at the swept values, in %
    const ever = located.lines.find((l) => l.label === 'located ever')!;
    expect(ever.values.filter((v) => v !== null).length).toBe(3);
    expect(ever.lo!.filter((v) => v !== null).length).toBe(3);
    expect(located.xLabel).toBe('finder density (/km²)');

    const err = sweepErrorChart(def, aggs);
    expect(err.x).toEqual([100, 1000, 3000]);
    expect(err.lines.map((l) => l.label)).toEqual(['latest median', 'latest p90', 'centroid median', 'centroid p90', 'filter median', 'filter p90']);
    const [lo, hi] = yRange(err);
    expect(Math.log10(lo) % 1).toBe(0); // whole decades on the log axis
    expect(Math.log10(hi) % 1).toBe(0);
  });

  it('has no theory off the open world or for other knobs, and leaves values without runs empty', () => {
    const def = makeDefinition({ param: 'path-loss', values: 'lin:2:3:3', seeds: 2, durationS: 600, base: parseScenario({ world: 'open' }) });
    expect(useLogX(def.values)).toBe(false);
    const rows = fakeRows(def, [4, 5]); // the last value has not run yet
    const c = sweepTtffChart(def, aggregate(def, rows));
    expect(c.x).toEqual([2, 2.5, 3]);
    expect(c.lines[0].values[2]).toBeNull();
    expect(c.lines[0].values[0]).toBeCloseTo((100 / Math.sqrt(2) + 0.5) / 60, 6);
    expect(sweepLocatedChart(def, aggregate(def, rows)).lines.some((l) => /theory/.test(l.label))).toBe(false);
    const monaco = makeDefinition({ param: 'density', values: '100,1000', seeds: 1, durationS: 600, base: parseScenario({ world: 'monaco' }) });
    expect(sweepLocatedChart(monaco, aggregate(monaco, fakeRows(monaco))).lines.some((l) => /theory/.test(l.label))).toBe(false);
  });

  it('exports SVG with the bands and lines as vector paths', () => {
    const def = makeDefinition({ param: 'density', values: '100, 1000, 3000', seeds: 3, durationS: 600, base: parseScenario({ world: 'open' }) });
    const svg = sweepChartToSvg(sweepLocatedChart(def, aggregate(def, fakeRows(def))), 'Open field', 'Crowdfind test');
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).not.toMatch(/<image/);
    const bands = svg.split('class="bands"')[1].split('</g>')[0];
    expect(bands.match(/<path d="M/g)!.length).toBe(2);
    const lines = svg.split('class="lines"')[1].split('</g>')[0];
    expect(lines.match(/<path d="M/g)!.length).toBe(3);
    expect(svg).toContain('finder density (/km²), log scale');
    expect(svg).toContain('95% CI');
  });
});
