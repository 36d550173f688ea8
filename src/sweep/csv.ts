/**
 * runs.csv and aggregates.csv. Plain CSV (header + rows, no comment lines) so it loads
 * anywhere; the definition and provenance live in sweep.json next to it. runs.csv holds
 * nothing machine-dependent (no wall time), so a sweep split into shards and merged gives
 * the same bytes as the sweep run in one go. Runtime-neutral (the app downloads these).
 */
import { KNOB_BY_PATH, type Knob } from '../sim/knobs.ts';
import { getPath } from '../sim/scenario.ts';
import { runScenario, type SweepDefinition } from './definition.ts';
import type { ValueAggregate } from './aggregate.ts';
import { METRIC_COLUMNS, type RunRow } from './run-row.ts';

/** Scenario columns every runs.csv has (plus the swept knob when it is not among them). */
const KEY_PATHS = ['world', 'crypto', 'finders.densityPerKm2', 'finders.participation', 'tags.count'];

const UNIT_SUFFIX: Record<string, string> = { '/km²': '_per_km2', s: '_s', m: '_m', 'm/s': '_mps', dB: '_db', dBm: '_dbm' };

/** CSV column name of a knob: its flag, snake_case, with the unit: density_per_km2, upload_median_s. */
export function knobColumn(k: Knob): string {
  return k.flag.replace(/-/g, '_') + (k.kind === 'number' ? (UNIT_SUFFIX[k.unit] ?? '') : '');
}

function scenarioKnobs(def: SweepDefinition): Knob[] {
  const paths = KEY_PATHS.includes(def.param) ? KEY_PATHS : [...KEY_PATHS, def.param];
  return paths.map((p) => KNOB_BY_PATH.get(p)!);
}

/** Numbers at a fixed precision (4 decimals) so files compare byte for byte; '' for NaN. */
export function csvNumber(v: number): string {
  if (!Number.isFinite(v)) return '';
  const r = Math.round(v * 1e4) / 1e4;
  return String(Object.is(r, -0) ? 0 : r);
}

const cell = (v: unknown) => (typeof v === 'number' ? csvNumber(v) : String(v));

/** runs.csv: one row per run, sorted by run index. */
export function runsCsv(def: SweepDefinition, rows: readonly RunRow[]): string {
  const knobs = scenarioKnobs(def);
  const header = ['run', 'value', 'seed', 'duration_s', ...knobs.map(knobColumn), ...METRIC_COLUMNS.map((c) => c.column)];
  const lines = [header.join(',')];
  for (const r of [...rows].sort((a, b) => a.runIndex - b.runIndex)) {
    const s = runScenario(def, r.runIndex);
    lines.push([r.runIndex, r.value, r.seed, def.durationS, ...knobs.map((k) => getPath(s, k.path)), ...METRIC_COLUMNS.map((c) => r.metrics[c.key])].map(cell).join(','));
  }
  return lines.join('\n') + '\n';
}

/** aggregates.csv: one row per value, mean and 95% CI bounds of each metric. */
export function aggregatesCsv(def: SweepDefinition, aggs: readonly ValueAggregate[]): string {
  const param = knobColumn(KNOB_BY_PATH.get(def.param)!);
  const header = [param, 'runs'];
  for (const c of METRIC_COLUMNS) header.push(`${c.column}_mean`, `${c.column}_ci95_low`, `${c.column}_ci95_high`);
  const theory = aggs.some((a) => a.theoryLocatedShare !== null);
  if (theory) header.push('theory_located_share');
  const lines = [header.join(',')];
  for (const a of aggs) {
    const cells: number[] = [a.value, a.runs];
    for (const c of METRIC_COLUMNS) cells.push(a.metrics[c.key].mean, a.metrics[c.key].ciLow, a.metrics[c.key].ciHigh);
    if (theory) cells.push(a.theoryLocatedShare ?? NaN);
    lines.push(cells.map(csvNumber).join(','));
  }
  return lines.join('\n') + '\n';
}

/** Minimal CSV reader for the files above (no quoting needed: no cell contains a comma). */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const lines = text.split('\n').filter((l) => l.length > 0);
  return { header: lines[0]?.split(',') ?? [], rows: lines.slice(1).map((l) => l.split(',')) };
}
