/**
 * A sweep: one numeric scenario knob varied over a list of values, several seeds per
 * value, every run for the same simulated duration on the same base scenario.
 *
 * The definition is plain JSON (it is written into every output and compared when shards
 * are merged) and expands deterministically into a run list:
 *   run index i = valueIndex * seeds + k   (k = 0..seeds-1)
 *   value = values[valueIndex], seed = base.seed + k
 * so run i means the same scenario on every machine. Runtime-neutral: the app reuses it.
 *
 * Value syntax (parseValues):
 *   "300,3000,30000"     an explicit list
 *   "lin:100:2000:10"    10 values evenly spaced from 100 to 2000, both ends included
 *   "log:100:10000:5"    5 values evenly spaced in log scale: 100, 316.228, 1000, ...
 * Generated values are rounded to 6 significant digits (so they print and compare
 * cleanly), and to whole numbers for integer knobs such as tags.
 */
import { KNOB_BY_FLAG, KNOB_BY_PATH, type NumberKnob } from '../sim/knobs.ts';
import { checkKnob, setPath, type Scenario } from '../sim/scenario.ts';

export const SWEEP_DEFINITION_FORMAT = 'crowdfind-sweep-definition';

export interface SweepDefinition {
  format: typeof SWEEP_DEFINITION_FORMAT;
  version: 1;
  /** scenario path of the swept knob, e.g. 'finders.densityPerKm2' */
  param: string;
  /** the values as the user wrote them ("lin:100:2000:10"), for the record */
  valuesSpec: string;
  /** the expanded values, in order */
  values: number[];
  /** runs per value; seeds base.seed .. base.seed + seeds - 1 */
  seeds: number;
  /** simulated seconds per run */
  durationS: number;
  /** everything else; its seed is the base seed, its value of `param` is ignored */
  base: Scenario;
}

/** One entry of the run list. */
export interface RunSpec {
  runIndex: number;
  valueIndex: number;
  value: number;
  seed: number;
}

/** A definition that cannot be run; the message names the culprit and what is allowed. */
export class SweepDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SweepDefinitionError';
  }
}

/** Knobs a sweep may not vary: the seed is the replicate axis, not a parameter. */
const NOT_SWEEPABLE = new Set(['seed']);

export const MAX_RUNS = 100_000;
const MAX_SEED = 2 ** 31 - 1;

/** The numeric knob named by its CLI flag ('density', 'path-loss') or scenario path. */
export function resolveParam(name: string): NumberKnob {
  const knob = KNOB_BY_FLAG.get(name) ?? KNOB_BY_PATH.get(name);
  if (!knob) throw new SweepDefinitionError(`unknown sweep parameter "${name}"; use a knob flag such as density, participation, path-loss, upload-median, tags (see sim --help)`);
  if (knob.kind !== 'number') throw new SweepDefinitionError(`sweep parameter "${name}" is not numeric (it takes ${knob.options.join('|')}); sweep a numeric knob`);
  if (NOT_SWEEPABLE.has(knob.path)) throw new SweepDefinitionError('the seed is not a sweep parameter; use --seeds for replicates');
  return knob;
}

const round6 = (v: number) => Number(v.toPrecision(6));

/** Expands a value spec (see the file comment) for `knob`, checking every value against its range. */
export function parseValues(spec: string, knob: NumberKnob): number[] {
  const text = spec.trim();
  let values: number[];
  const range = /^(lin|log):(.*)$/.exec(text);
  if (range) {
    const parts = range[2].split(':');
    const nums = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
    if (parts.length !== 3 || nums.some((v) => !Number.isFinite(v))) {
      throw new SweepDefinitionError(`bad range "${spec}": expected ${range[1]}:FROM:TO:COUNT, e.g. ${range[1]}:100:2000:10`);
    }
    const [from, to, count] = nums;
    if (!Number.isInteger(count) || count < 2 || count > 10_000) throw new SweepDefinitionError(`bad range "${spec}": COUNT must be a whole number 2..10000`);
    if (range[1] === 'log' && !(from > 0 && to > 0)) throw new SweepDefinitionError(`bad range "${spec}": a log range needs FROM and TO above 0`);
    values = [];
    for (let i = 0; i < count; i++) {
      const f = i / (count - 1);
      const v = range[1] === 'lin' ? from + f * (to - from) : from * (to / from) ** f;
      values.push(knob.integer ? Math.round(v) : round6(v));
    }
  } else {
    if (text === '') throw new SweepDefinitionError('no sweep values given; use a list (300,3000) or a range (lin:100:2000:10, log:100:10000:8)');
    values = text.split(',').map((p) => {
      const v = p.trim() === '' ? NaN : Number(p);
      if (!Number.isFinite(v)) throw new SweepDefinitionError(`bad sweep value "${p.trim()}" in "${spec}": expected numbers separated by commas, or lin:FROM:TO:COUNT / log:FROM:TO:COUNT`);
      return v;
    });
  }
  for (const v of values) {
    const err = checkKnob(knob, v);
    if (err) throw new SweepDefinitionError(`sweep value ${v} for ${knob.flag}: ${err}`);
  }
  const seen = new Set<number>();
  for (const v of values) {
    if (seen.has(v)) throw new SweepDefinitionError(`sweep value ${v} appears twice in "${spec}"${knob.integer ? ` (${knob.flag} takes whole numbers)` : ''}`);
    seen.add(v);
  }
  return values;
}

export interface SweepInput {
  /** knob flag or path; default 'density' */
  param?: string;
  values: string;
  seeds?: number;
  durationS: number;
  base: Scenario;
}

/** Builds and validates a definition from user input. */
export function makeDefinition(input: SweepInput): SweepDefinition {
  const knob = resolveParam(input.param ?? 'density');
  const values = parseValues(input.values, knob);
  const def: SweepDefinition = {
    format: SWEEP_DEFINITION_FORMAT,
    version: 1,
    param: knob.path,
    valuesSpec: input.values.trim(),
    values,
    seeds: input.seeds ?? 1,
    durationS: input.durationS,
    base: structuredClone(input.base),
  };
  validateDefinition(def);
  return def;
}

/** Checks a definition (also one read back from sweep.json); throws SweepDefinitionError. */
export function validateDefinition(def: SweepDefinition): void {
  if (def === null || typeof def !== 'object' || def.format !== SWEEP_DEFINITION_FORMAT) throw new SweepDefinitionError('not a Crowdfind sweep definition');
  if (def.version !== 1) throw new SweepDefinitionError(`unsupported sweep definition version ${JSON.stringify(def.version)}`);
  const knob = resolveParam(def.param);
  if (!Array.isArray(def.values) || def.values.length === 0) throw new SweepDefinitionError('a sweep needs at least one value');
  for (const v of def.values) {
    const err = checkKnob(knob, v);
    if (err) throw new SweepDefinitionError(`sweep value ${v} for ${knob.flag}: ${err}`);
  }
  if (!Number.isInteger(def.seeds) || def.seeds < 1) throw new SweepDefinitionError(`seeds per value must be a whole number >= 1, got ${def.seeds}`);
  if (def.base.seed + def.seeds - 1 > MAX_SEED) throw new SweepDefinitionError(`base seed ${def.base.seed} + ${def.seeds} seeds goes past the largest seed ${MAX_SEED}`);
  if (!(def.durationS > 0) || !Number.isFinite(def.durationS)) throw new SweepDefinitionError(`duration must be a positive number of seconds, got ${def.durationS}`);
  if (runCount(def) > MAX_RUNS) throw new SweepDefinitionError(`${runCount(def)} runs is more than ${MAX_RUNS}; use fewer values or seeds`);
}

export function runCount(def: SweepDefinition): number {
  return def.values.length * def.seeds;
}

/** Run index -> (value, seed). */
export function runSpec(def: SweepDefinition, runIndex: number): RunSpec {
  if (!Number.isInteger(runIndex) || runIndex < 0 || runIndex >= runCount(def)) throw new RangeError(`run index ${runIndex} outside 0..${runCount(def) - 1}`);
  const valueIndex = Math.floor(runIndex / def.seeds);
  return { runIndex, valueIndex, value: def.values[valueIndex], seed: def.base.seed + (runIndex % def.seeds) };
}

/** The whole run list, in run-index order. */
export function expandRuns(def: SweepDefinition): RunSpec[] {
  return Array.from({ length: runCount(def) }, (_, i) => runSpec(def, i));
}

/** The scenario of one run: the base with the swept knob and the seed set. */
export function runScenario(def: SweepDefinition, runIndex: number): Scenario {
  const spec = runSpec(def, runIndex);
  const s = structuredClone(def.base);
  setPath(s, def.param, spec.value);
  s.seed = spec.seed;
  return s;
}

/** A shard: 1-based index i of n. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses "i/n" (1 <= i <= n). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN, count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new SweepDefinitionError(`bad shard "${text}": expected i/n with 1 <= i <= n, e.g. 1/4`);
  return { index, count };
}

/**
 * The run indices of a shard: round-robin, index % n == i - 1. Round-robin rather than a
 * contiguous slice because run cost grows with the swept value (more finders, more
 * tags): every shard gets a share of cheap and expensive runs.
 */
export function shardRuns(def: SweepDefinition, shard: Shard | null): number[] {
  const all = Array.from({ length: runCount(def) }, (_, i) => i);
  return shard ? all.filter((i) => i % shard.count === shard.index - 1) : all;
}
