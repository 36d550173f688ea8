/**
 * `crowdfind sweep`: one knob over a list of values, several seeds each, runs side by side
 * in worker threads; progress and each finished run on stderr, a per-value table on
 * stdout, runs.csv / aggregates.csv / sweep.json in --out. Ctrl-C stops scheduling,
 * terminates the workers, writes what finished and exits 130.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { KNOB_BY_PATH } from '../sim/knobs.ts';
import { defaultScenario, type Scenario } from '../sim/scenario.ts';
import { aggregatesCsv, runsCsv } from '../sweep/csv.ts';
import { makeDefinition, parseShard, runCount, shardRuns, SweepDefinitionError, validateDefinition, type Shard, type SweepDefinition } from '../sweep/definition.ts';
import { documentJson, makeDocument, type SweepDocument } from '../sweep/document.ts';
import { createNodeSweepPool } from '../sweep/node-sweep-pool.ts';
import type { RunRow } from '../sweep/run-row.ts';
import { scheduleRuns } from '../sweep/scheduler.ts';
import { APP_VERSION } from '../version.ts';
import { applyKnobFlags, knobHelp, parseDuration, readScenarioFile, splitArgs } from './args.ts';
import { CliError } from './errors.ts';
import { fmtDuration } from './sim-command.ts';

const OWN = { help: false, param: true, values: true, seeds: true, duration: true, scenario: true, definition: true, out: true, threads: true, shard: true, quiet: false };

const HELP = `Usage: crowdfind sweep --values <list|range> --out <dir> [options] [scenario options]

Runs one scenario knob over several values, several seeds per value, in worker threads,
and writes runs.csv (one row per run), aggregates.csv (mean and 95% CI per value) and
sweep.json (definition, app version, runs, aggregates) into --out.

Sweep options:
  --param <knob>        the knob to vary: a flag name (density, participation, path-loss,
                        upload-median, tags, ...) or a scenario path [default density]
  --values <spec>       300,3000,10000          a list
                        lin:1500:2500:10        10 values evenly spaced, ends included
                        log:100:10000:8         8 values evenly spaced in log scale
                        (generated values are rounded to 6 significant digits, whole
                        numbers for integer knobs)
  --seeds <n>           runs per value, seeds = --seed .. --seed + n - 1 [default 1]
  --duration <time>     simulated time per run: 90s, 30m, 2h, 1d [default 2h]
  --scenario <file>     base scenario (JSON as the app exports); knob flags override it
  --definition <file>   re-run a sweep: a sweep.json (or bare definition) from an earlier
                        run; no --param/--values/--seeds/--duration/knob flags with it
  --out <dir>           output directory (created if needed)
  --threads <n>         worker threads, one run each [default: available cores]
  --shard <i>/<n>       run only the runs with index % n == i - 1 (1 <= i <= n); merge
                        the shards' --out directories with \`crowdfind merge\`
  --quiet               no progress on stderr
  --help                this text

Runs use the scenario's crypto mode (--crypto modeled is much faster), each in its own
thread. Run i has value values[floor(i / seeds)] and seed --seed + (i % seeds).

Scenario options (every knob of the app):
${knobHelp()}

Example:
  crowdfind sweep --world monaco --param density --values 300,3000 --seeds 2 --duration 30m --tags 10 --crypto modeled --out results/`;

export async function sweepCommand(argv: string[]): Promise<number> {
  const args = splitArgs(argv, OWN);
  if (args.own.has('help')) {
    console.log(HELP);
    return 0;
  }
  if (args.positional.length) throw new CliError(`unexpected argument "${args.positional[0]}"; run \`crowdfind sweep --help\``);
  const definition = definitionFromArgs(args.own, args.knobs);
  const shardRaw = args.own.get('shard');
  const shard: Shard | null = shardRaw === undefined ? null : cliDefinitionError(() => parseShard(String(shardRaw)));
  const out = args.own.get('out');
  if (out === undefined) throw new CliError('--out <dir> is required: the directory for runs.csv and sweep.json');
  const threadsRaw = args.own.get('threads');
  const threads = threadsRaw === undefined ? os.availableParallelism() : Number(threadsRaw);
  if (!Number.isInteger(threads) || threads < 1 || threads > 256) throw new CliError(`--threads must be a whole number 1..256, got ${threadsRaw}`);
  const quiet = args.own.has('quiet');
  const indices = shardRuns(definition, shard);
  const outDir = String(out);
  mkdirSync(outDir, { recursive: true });

  const knob = KNOB_BY_PATH.get(definition.param)!;
  const progress = new Progress(indices.length, quiet);
  const what = `${knob.flag} ${definition.values.join(', ')}${knob.kind === 'number' && knob.unit ? ' ' + knob.unit : ''}; ${definition.seeds} seed${definition.seeds > 1 ? 's' : ''}`;
  progress.note(`crowdfind sweep: ${what}; ${fmtDuration(definition.durationS)} simulated on ${definition.base.world}, crypto ${definition.base.crypto}; ${indices.length} run${indices.length === 1 ? '' : 's'}${shard ? ` (shard ${shard.index}/${shard.count} of ${runCount(definition)})` : ''} on ${Math.min(threads, indices.length)} thread${Math.min(threads, indices.length) === 1 ? "" : "s"}`);

  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    // first Ctrl-C: stop cleanly and keep what finished; a second one quits at once
    if (++interrupts > 1) process.exit(130);
    progress.note('cancelling: stopping workers and writing the runs that finished (Ctrl-C again to quit now)');
    controller.abort(new Error('cancelled'));
  };
  process.on('SIGINT', onSigint);
  const started = performance.now();
  const pool = createNodeSweepPool({ threads: Math.max(1, Math.min(threads, indices.length)) });
  let result: { rows: RunRow[]; cancelled: boolean };
  try {
    result = await scheduleRuns({
      indices,
      concurrency: pool.threads,
      execute: (i, signal) => pool.run(definition, i, signal),
      signal: controller.signal,
      onResult: (row) => progress.done(pointLine(row, definition)),
    });
  } finally {
    await pool.close();
    process.off('SIGINT', onSigint);
    progress.stop();
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const doc = makeDocument({ appVersion: APP_VERSION, definition, shard, cancelled: result.cancelled, wallSeconds, rows: result.rows });
  writeOutputs(outDir, doc);
  console.log(summaryTable(doc));
  if (result.cancelled) {
    process.stderr.write(`crowdfind sweep: cancelled; wrote ${doc.runs.length} of ${indices.length} runs to ${outDir} (sweep.json lists the ${doc.missingRuns.length} missing)\n`);
    return 130;
  }
  if (!quiet) process.stderr.write(`crowdfind sweep: ${doc.runs.length} runs in ${fmtDuration(wallSeconds)} wall; wrote runs.csv, aggregates.csv, sweep.json to ${outDir}\n`);
  return 0;
}

function cliDefinitionError<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof SweepDefinitionError) throw new CliError(err.message);
    throw err;
  }
}

function definitionFromArgs(own: Map<string, string | true>, knobs: Map<string, string>): SweepDefinition {
  const file = own.get('definition');
  if (file !== undefined) {
    const clash = ['param', 'values', 'seeds', 'duration', 'scenario'].filter((f) => own.has(f));
    if (clash.length || knobs.size) throw new CliError(`--definition fixes the whole sweep; drop ${[...clash.map((f) => '--' + f), ...[...knobs.keys()].map((f) => '--' + f)].join(', ')}`);
    let json: { definition?: unknown };
    try {
      json = JSON.parse(readFileSync(String(file), 'utf8'));
    } catch (err) {
      throw new CliError(`cannot read sweep definition ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const def = (json && typeof json === 'object' && 'definition' in json ? json.definition : json) as SweepDefinition;
    cliDefinitionError(() => validateDefinition(def));
    return def;
  }
  const values = own.get('values');
  if (values === undefined || values === true) throw new CliError('--values is required: a list (300,3000) or a range (lin:100:2000:10, log:100:10000:8)');
  const seedsRaw = String(own.get('seeds') ?? '1');
  const seeds = Number(seedsRaw);
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > 10_000) throw new CliError(`--seeds must be a whole number 1..10000, got ${seedsRaw}`);
  const base: Scenario = applyKnobFlags(own.has('scenario') ? readScenarioFile(String(own.get('scenario'))) : defaultScenario(), knobs);
  if (base.world === 'custom') throw new CliError('world "custom" is a city imported in the app; give a built-in world with --world');
  const durationS = parseDuration(String(own.get('duration') ?? '2h'), '--duration');
  return cliDefinitionError(() => makeDefinition({ param: own.has('param') ? String(own.get('param')) : 'density', values, seeds, durationS, base }));
}

export function writeOutputs(dir: string, doc: SweepDocument): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'runs.csv'), runsCsv(doc.definition, doc.runs));
  writeFileSync(join(dir, 'aggregates.csv'), aggregatesCsv(doc.definition, doc.aggregates));
  writeFileSync(join(dir, 'sweep.json'), documentJson(doc));
}

const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : '-');
const metres = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} m` : '-');

/** One finished run's key figures: the "point" drawn as it arrives. */
function pointLine(r: RunRow, def: SweepDefinition): string {
  const k = KNOB_BY_PATH.get(def.param)!;
  const m = r.metrics;
  return `run ${r.runIndex}: ${k.flag} ${r.value} seed ${r.seed}: located<=30min ${pct(m.located30ShareEnd)}, TTFF median ${fmtDuration(m.ttffMedianS)}, error latest ${metres(m.errLatestMedianM)} / filter ${metres(m.errFilterMedianM)} (${r.wallSeconds.toFixed(1)} s wall)`;
}

/** Per-value means with 95% CIs. */
export function summaryTable(doc: SweepDocument): string {
  const k = KNOB_BY_PATH.get(doc.definition.param)!;
  const ci = (c: { mean: number; ciLow: number; ciHigh: number }, f: (v: number) => string) =>
    !Number.isFinite(c.mean) ? '-' : Number.isFinite(c.ciLow) ? `${f(c.mean)} ±${f(c.mean - c.ciLow)}` : f(c.mean);
  const p = (v: number) => (100 * v).toFixed(1) + '%';
  const one = (v: number) => v.toFixed(1);
  const mins = (v: number) => (v / 60).toFixed(1);
  const theory = doc.aggregates.some((a) => a.theoryLocatedShare !== null);
  const header = [`${k.flag}${k.kind === 'number' && k.unit ? ' (' + k.unit + ')' : ''}`, 'runs', 'located<=30min', 'located ever', 'TTFF median (min)', 'err latest (m)', 'err centroid (m)', 'err filter (m)', ...(theory ? ['theory located'] : [])];
  const rows = doc.aggregates.map((a) => [
    String(a.value),
    String(a.runs),
    ci(a.metrics.located30ShareEnd, p),
    ci(a.metrics.locatedShareEnd, p),
    ci(a.metrics.ttffMedianS, mins),
    ci(a.metrics.errLatestMedianM, one),
    ci(a.metrics.errCentroidMedianM, one),
    ci(a.metrics.errFilterMedianM, one),
    ...(theory ? [a.theoryLocatedShare === null ? '-' : p(a.theoryLocatedShare)] : []),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const notes = [`means over seeds, ± half-width of the 95% confidence interval (Student t); error columns are medians per run`];
  if (doc.missingRuns.length) notes.push(`${doc.missingRuns.length} run${doc.missingRuns.length > 1 ? 's' : ''} missing: ${doc.missingRuns.slice(0, 20).join(', ')}${doc.missingRuns.length > 20 ? ', ...' : ''}`);
  return [line(header), ...rows.map(line), ...notes].join('\n');
}

/** Progress on stderr: a redrawn bar on a TTY, one line per finished run otherwise. */
class Progress {
  private done_ = 0;
  private readonly started = performance.now();
  private readonly tty = Boolean(process.stderr.isTTY);
  private barShown = false;
  private readonly timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly total: number, private readonly quiet: boolean) {
    // redraw the bar every second so elapsed time moves between finished runs
    if (this.tty && !quiet) this.timer = setInterval(() => this.redraw(), 1000).unref();
  }

  private redraw(): void {
    this.clear();
    this.bar();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.clear();
  }

  note(text: string): void {
    if (this.quiet) return;
    this.clear();
    process.stderr.write(text + '\n');
    this.bar();
  }

  done(point: string): void {
    this.done_++;
    if (this.quiet) return;
    if (this.tty) {
      this.clear();
      process.stderr.write(point + '\n');
      this.bar();
    } else {
      process.stderr.write(`[${this.done_}/${this.total}] ${point}; ETA ${this.eta()}\n`);
    }
  }

  private eta(): string {
    if (this.done_ === 0) return '-';
    const elapsed = (performance.now() - this.started) / 1000;
    return fmtDuration((elapsed / this.done_) * (this.total - this.done_));
  }

  private bar(): void {
    if (!this.tty || this.quiet) return;
    const width = 30;
    const filled = Math.round((width * this.done_) / Math.max(1, this.total));
    const elapsed = (performance.now() - this.started) / 1000;
    process.stderr.write(`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done_}/${this.total} runs, ${fmtDuration(elapsed)} elapsed, ETA ${this.eta()}`);
    this.barShown = true;
  }

  clear(): void {
    if (this.tty && this.barShown) process.stderr.write('\r\x1b[2K');
    this.barShown = false;
  }
}
