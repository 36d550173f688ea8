/**
 * Turning command-line flags into a scenario: every knob of src/sim/knobs.ts is a flag
 * (--density, --tags, --path-loss, ...), checked against its range; --scenario <file>
 * gives a base that flags override. Durations read as 90s, 30m, 2h, 1d or seconds.
 */
import { readFileSync } from 'node:fs';
import { KNOBS, KNOB_BY_FLAG, type Knob } from '../sim/knobs.ts';
import { checkKnob, parseScenario, setPath, ScenarioError, type Scenario } from '../sim/scenario.ts';
import { CliError } from './errors.ts';

export function parseDuration(text: string, what = 'duration'): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|min|h|d)?$/.exec(text.trim());
  if (!m) throw new CliError(`${what} "${text}" is not a duration (examples: 90s, 30m, 2h, 1d)`);
  const unit = m[2] ?? 's';
  const seconds = Number(m[1]) * (unit === 's' ? 1 : unit === 'm' || unit === 'min' ? 60 : unit === 'h' ? 3600 : 86400);
  if (!(seconds > 0)) throw new CliError(`${what} must be positive`);
  return seconds;
}

export function knobValue(k: Knob, raw: string): number | string {
  if (k.kind === 'choice') return raw;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v)) throw new CliError(`--${k.flag} expects a number${k.unit ? ` (${k.unit})` : ''}, got "${raw}"`);
  return v;
}

/** Reads a scenario file (JSON), with a clear error for every way it can be wrong. */
export function readScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read scenario file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CliError(`scenario file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  try {
    return parseScenario(json);
  } catch (err) {
    if (err instanceof ScenarioError) throw new CliError(`scenario file ${path}: ${err.message}`);
    throw err;
  }
}

/** Applies knob flags (already split into name -> raw value) over a base scenario. */
export function applyKnobFlags(base: Scenario, flags: Map<string, string>): Scenario {
  const s = structuredClone(base);
  for (const [flag, raw] of flags) {
    const k = KNOB_BY_FLAG.get(flag);
    if (!k) throw new CliError(`unknown flag --${flag}; run with --help for the list`);
    const v = knobValue(k, raw);
    const err = checkKnob(k, v);
    if (err) throw new CliError(`--${flag}: ${err}`);
    setPath(s, k.path, v);
  }
  return s;
}

export interface SplitArgs {
  /** knob flags */
  knobs: Map<string, string>;
  /** the command's own options */
  own: Map<string, string | true>;
  positional: string[];
}

/**
 * Splits argv into knob flags and the command's own flags (`ownFlags`: name -> takes a
 * value?). Accepts --flag value and --flag=value; negative numbers are values.
 */
export function splitArgs(argv: string[], ownFlags: Record<string, boolean>): SplitArgs {
  const out: SplitArgs = { knobs: new Map(), own: new Map(), positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      out.positional.push(a);
      continue;
    }
    let name = a.slice(2);
    let value: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    if (name in ownFlags) {
      if (!ownFlags[name]) {
        if (value !== undefined) throw new CliError(`--${name} takes no value`);
        out.own.set(name, true);
        continue;
      }
      if (value === undefined) value = argv[++i];
      if (value === undefined) throw new CliError(`--${name} needs a value`);
      out.own.set(name, value);
      continue;
    }
    if (!KNOB_BY_FLAG.has(name)) throw new CliError(`unknown flag --${name}; run with --help for the list`);
    if (value === undefined) value = argv[++i];
    if (value === undefined) throw new CliError(`--${name} needs a value`);
    out.knobs.set(name, value);
  }
  return out;
}

/** Help lines for every knob flag: flag, unit, range, default, meaning. */
export function knobHelp(): string {
  return KNOBS.map((k) => {
    const range = k.kind === 'number' ? `${k.min}..${k.max}` : k.options.join('|');
    const unit = k.kind === 'number' && k.unit ? ` ${k.unit}` : '';
    return `  --${k.flag.padEnd(19)} ${k.help} [${range}${unit}; default ${k.default}${unit}]`;
  }).join('\n');
}
