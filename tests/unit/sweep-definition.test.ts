/** Sweep definitions, expansion, shards, t quantiles, aggregation and merging: pure, fast. */
import { describe, expect, it } from 'vitest';
import { KNOB_BY_FLAG, type NumberKnob } from '../../src/sim/knobs.ts';
import { defaultScenario } from '../../src/sim/scenario.ts';
import { aggregate, meanCi } from '../../src/sweep/aggregate.ts';
import { expandRuns, makeDefinition, parseShard, parseValues, runScenario, shardRuns, SweepDefinitionError } from '../../src/sweep/definition.ts';
import { makeDocument, mergeDocuments, MergeError, parseDocument } from '../../src/sweep/document.ts';
import { METRIC_COLUMNS, type RunMetrics, type RunRow } from '../../src/sweep/run-row.ts';
import { tQuantile95 } from '../../src/sweep/t-quantile.ts';

const density = KNOB_BY_FLAG.get('density') as NumberKnob;
const tags = KNOB_BY_FLAG.get('tags') as NumberKnob;

function def(values = '300,3000', seeds = 2) {
  const base = defaultScenario();
  base.world = 'open';
  base.crypto = 'modeled';
  base.seed = 10;
  return makeDefinition({ values, seeds, durationS: 600, base });
}

function fakeRow(runIndex: number, value: number, seed: number, x: number): RunRow {
  const metrics = {} as RunMetrics;
  for (const c of METRIC_COLUMNS) metrics[c.key] = x;
  return { runIndex, value, seed, metrics, wallSeconds: 1 };
}

describe('sweep values', () => {
  it('reads lists, linear and log ranges', () => {
    expect(parseValues('300, 3000,30', density)).toEqual([300, 3000, 30]);
    expect(parseValues('lin:1500:2500:5', density)).toEqual([1500, 1750, 2000, 2250, 2500]);
    expect(parseValues('log:100:10000:3', density)).toEqual([100, 1000, 10000]);
    expect(parseValues('log:100:10000:5', density)[1]).toBe(316.228);
    expect(parseValues('lin:10:100:4', tags)).toEqual([10, 40, 70, 100]);
  });
  it('rejects bad syntax, out-of-range values, duplicates and non-numeric knobs', () => {
    for (const bad of ['', 'lin:1:2', 'lin:1:2:x', 'lin:1:2:1', 'log:0:10:3', 'a,b', '1,,2', 'cube:1:2:3']) expect(() => parseValues(bad, density), bad).toThrow(SweepDefinitionError);
    expect(() => parseValues('300,30000', density)).toThrow(/out of range \[0, 20000\]/);
    expect(() => parseValues('300,300', density)).toThrow(/twice/);
    expect(() => parseValues('1.5', tags)).toThrow(/whole number/);
    expect(() => makeDefinition({ param: 'world', values: '1', durationS: 60, base: defaultScenario() })).toThrow(/not numeric/);
    expect(() => makeDefinition({ param: 'nope', values: '1', durationS: 60, base: defaultScenario() })).toThrow(/unknown sweep parameter/);
    expect(() => makeDefinition({ param: 'seed', values: '1', durationS: 60, base: defaultScenario() })).toThrow(/--seeds/);
  });
  it('names the knob by flag or path', () => {
    const base = defaultScenario();
    expect(makeDefinition({ param: 'path-loss', values: '2,3', durationS: 60, base }).param).toBe('radio.pathLossExponent');
    expect(makeDefinition({ param: 'radio.pathLossExponent', values: '2,3', durationS: 60, base }).param).toBe('radio.pathLossExponent');
  });
});

describe('run list', () => {
  it('expands value-major with seeds base + k, and is JSON round-trippable', () => {
    const d = def('300,3000', 3);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    expect(expandRuns(d).map((r) => [r.value, r.seed])).toEqual([[300, 10], [300, 11], [300, 12], [3000, 10], [3000, 11], [3000, 12]]);
    const s = runScenario(d, 4);
    expect(s.finders.densityPerKm2).toBe(3000);
    expect(s.seed).toBe(11);
    expect(d.base.finders.densityPerKm2).toBe(2000); // the base is not touched
  });
  it('shards round-robin and the shards partition the runs', () => {
    const d = def('lin:100:1000:5', 3); // 15 runs
    expect(shardRuns(d, parseShard('1/4'))).toEqual([0, 4, 8, 12]);
    const all = [1, 2, 3, 4].flatMap((i) => shardRuns(d, { index: i, count: 4 })).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 15 }, (_, i) => i));
    for (const bad of ['3/2', '0/2', '1/0', 'a/b', '1']) expect(() => parseShard(bad), bad).toThrow(SweepDefinitionError);
  });
});

describe('aggregation', () => {
  it('t quantiles for 95% two-sided intervals', () => {
    expect(tQuantile95(1)).toBeCloseTo(12.706, 3);
    expect(tQuantile95(4)).toBeCloseTo(2.776, 3);
    expect(tQuantile95(40)).toBeCloseTo(2.021, 3);
    expect(tQuantile95(120)).toBeCloseTo(1.980, 3);
    expect(tQuantile95(Infinity)).toBeCloseTo(1.96, 3);
    expect(tQuantile95(0)).toBeNaN();
  });
  it('mean ± t sd / sqrt(n), over the defined values only', () => {
    const c = meanCi([1, 2, 3, NaN]);
    expect(c.n).toBe(3);
    expect(c.mean).toBe(2);
    expect(c.ciHigh - c.mean).toBeCloseTo((4.303 * 1) / Math.sqrt(3), 6);
    expect(meanCi([5]).ciLow).toBeNaN();
    expect(meanCi([]).mean).toBeNaN();
  });
  it('gives the open-world theory curve for density sweeps, rising with density', () => {
    const d = def('100,1000', 1);
    const aggs = aggregate(d, [fakeRow(0, 100, 10, 1), fakeRow(1, 1000, 10, 2)]);
    expect(aggs.map((a) => a.runs)).toEqual([1, 1]);
    const [lo, hi] = aggs.map((a) => a.theoryLocatedShare!);
    expect(lo).toBeGreaterThan(0);
    expect(hi).toBeGreaterThan(lo);
    expect(hi).toBeLessThanOrEqual(1);
    const monaco = { ...d, base: { ...d.base, world: 'monaco' } };
    expect(aggregate(monaco, [])[0].theoryLocatedShare).toBeNull();
  });
});

describe('merging documents', () => {
  const d = def('300,3000', 2);
  const rows = [0, 1, 2, 3].map((i) => fakeRow(i, i < 2 ? 300 : 3000, 10 + (i % 2), i === 1 ? NaN : i));
  const shard = (i: number) => makeDocument({ appVersion: 'x', definition: d, shard: { index: i, count: 2 }, cancelled: false, wallSeconds: 1, rows: rows.filter((r) => r.runIndex % 2 === i - 1) });
  it('recombines shards into the whole, surviving a JSON round trip (NaN as null)', () => {
    const back = (doc: ReturnType<typeof shard>) => parseDocument(JSON.parse(JSON.stringify(doc)));
    const merged = mergeDocuments([{ name: 'a', doc: back(shard(2)) }, { name: 'b', doc: back(shard(1)) }]);
    const whole = makeDocument({ appVersion: 'x', definition: d, shard: null, cancelled: false, wallSeconds: 2, rows });
    expect(JSON.stringify(merged)).toBe(JSON.stringify(whole));
    expect(merged.missingRuns).toEqual([]);
  });
  it('reports missing runs and refuses duplicates and different definitions', () => {
    expect(mergeDocuments([{ name: 'a', doc: shard(1) }]).missingRuns).toEqual([1, 3]);
    expect(() => mergeDocuments([{ name: 'a', doc: shard(1) }, { name: 'b', doc: shard(1) }])).toThrow(/run 0 appears in both a and b/);
    const other = makeDocument({ appVersion: 'x', definition: def('300,3001', 2), shard: null, cancelled: false, wallSeconds: 1, rows: [] });
    expect(() => mergeDocuments([{ name: 'a', doc: shard(1) }, { name: 'b', doc: other }])).toThrow(MergeError);
  });
});
