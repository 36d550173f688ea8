/**
 * `crowdfind sim`: one headless run on the same core as the app; prints a summary table
 * and writes the metrics as JSON and/or CSV.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createNodeCryptoPool } from '../protocol/node-crypto-pool.ts';
import { InThreadCryptoPool } from '../protocol/pool.ts';
import type { CryptoPool } from '../protocol/pool.ts';
import type { RunSummary } from '../sim/metrics-types.ts';
import { defaultScenario, type Scenario } from '../sim/scenario.ts';
import { seriesCsv } from '../sim/series-csv.ts';
import { Simulation } from '../sim/simulation.ts';
import { APP_VERSION } from '../version.ts';
import { loadWorldFromDisk } from '../world/node-loader.ts';
import type { World } from '../world/types.ts';
import { parseWorldFile } from '../world/world-file.ts';
import { applyKnobFlags, knobHelp, parseDuration, readScenarioFile, splitArgs } from './args.ts';
import { CliError } from './errors.ts';

const OWN = { help: false, duration: true, json: true, csv: true, scenario: true, 'world-file': true, 'crypto-threads': true, quiet: false };

const HELP = `Usage: crowdfind sim [options]

Runs one simulation headless and prints its metrics.

Run options:
  --duration <time>        simulated time to run: 90s, 30m, 2h, 1d [default 2h]
  --scenario <file>        a scenario JSON file (as the app exports); flags override it
  --world-file <file>      run on a world file made by \`crowdfind world convert\` (sets --world custom)
  --json <file>            write scenario, summary and time series as JSON
  --csv <file>             write the time series as CSV (one row per simulated minute)
  --crypto-threads <n>     worker threads for report cryptography in real mode [default: cores]
  --quiet                  no progress on stderr
  --help                   this text

Scenario options (every knob of the app):
${knobHelp()}

Example:
  crowdfind sim --world monaco --density 2000 --tags 50 --duration 2h --seed 1 --json out.json --csv out.csv`;

export async function simCommand(argv: string[]): Promise<number> {
  const args = splitArgs(argv, OWN);
  if (args.own.has('help')) {
    console.log(HELP);
    return 0;
  }
  if (args.positional.length) throw new CliError(`unexpected argument "${args.positional[0]}"; run \`crowdfind sim --help\``);
  const base: Scenario = args.own.has('scenario') ? readScenarioFile(String(args.own.get('scenario'))) : defaultScenario();
  const scenario = applyKnobFlags(base, args.knobs);
  const duration = parseDuration(String(args.own.get('duration') ?? '2h'), '--duration');
  const worldFile = args.own.get('world-file');
  if (worldFile) scenario.world = 'custom';
  else if (scenario.world === 'custom') throw new CliError('world "custom" is a city imported in the app: give its world file with --world-file (see `crowdfind world convert`)');
  const threadsRaw = args.own.get('crypto-threads');
  const threads = threadsRaw === undefined ? os.availableParallelism() : Number(threadsRaw);
  if (!Number.isInteger(threads) || threads < 0 || threads > 256) throw new CliError(`--crypto-threads must be a whole number 0..256, got ${threadsRaw}`);
  const quiet = args.own.has('quiet');

  const world = worldFile ? readWorldFile(String(worldFile)) : await loadWorldFromDisk(scenario.world);
  const pool: CryptoPool = scenario.crypto === 'real' && threads > 0 ? createNodeCryptoPool({ threads, mode: 'real' }) : new InThreadCryptoPool(scenario.crypto);
  const started = performance.now();
  try {
    const sim = new Simulation(world, scenario, { pool });
    if (!quiet) process.stderr.write(`crowdfind sim: ${world.name}, ${sim.finders.count.toLocaleString('en-US')} finders, ${sim.tags.count} tags, ${fmtDuration(duration)} simulated, crypto ${scenario.crypto}\n`);
    await sim.runUntil(duration, (t) => {
      if (!quiet) process.stderr.write(`\r  ${fmtDuration(t)} of ${fmtDuration(duration)} (${Math.round((100 * t) / duration)}%)`);
    });
    if (!quiet) process.stderr.write('\r' + ' '.repeat(50) + '\r');
    const wall = (performance.now() - started) / 1000;
    const summary = sim.summary();
    console.log(summaryTable(summary, scenario, world.name, wall));
    const meta = { version: APP_VERSION, worldId: world.id, scenario };
    const jsonPath = args.own.get('json');
    if (jsonPath) writeFileSync(String(jsonPath), JSON.stringify({ format: 'crowdfind-run', ...meta, durationS: duration, wallSeconds: wall, summary, series: sim.metrics.series }, null, 1) + '\n');
    const csvPath = args.own.get('csv');
    if (csvPath) writeFileSync(String(csvPath), seriesCsv(sim.metrics.series, meta));
    return 0;
  } finally {
    await pool.close();
  }
}

function readWorldFile(path: string): World {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read world file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return { ...parseWorldFile(JSON.parse(text)), id: 'custom' };
  } catch (err) {
    throw new CliError(`world file ${path}: ${(err as Error).message}`);
  }
}

export function fmtDuration(s: number): string {
  if (!Number.isFinite(s)) return '-';
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${(s / 60).toFixed(1)} min`;
  return `${(s / 3600).toFixed(2)} h`;
}

const m = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} m` : '-');
const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : '-');
const int = (v: number) => Math.round(v).toLocaleString('en-US');

export function summaryTable(s: RunSummary, scenario: Scenario, worldName: string, wallSeconds: number): string {
  const rows: [string, string, string][] = [
    ['world', worldName, `${scenario.finders.densityPerKm2} finders/km², seed ${scenario.seed}, crypto ${scenario.crypto}`],
    ['finders (participating)', `${int(s.finders)} (${int(s.participating)})`, ''],
    ['tags', int(s.tags), `never located: ${s.neverLocated}`],
    ['time to first report made', fmtDuration(s.timeToFirstReport.median), `p90 ${fmtDuration(s.timeToFirstReport.p90)} (n=${s.timeToFirstReport.n})`],
    ['time to first fix at owner', fmtDuration(s.timeToFirstFix.median), `p90 ${fmtDuration(s.timeToFirstFix.p90)} (n=${s.timeToFirstFix.n})`],
    ['single report error', m(s.reportError.median), `p90 ${m(s.reportError.p90)} (n=${int(s.reportError.n)})`],
    ['error: latest report', m(s.estimatorError.latest.median), `p90 ${m(s.estimatorError.latest.p90)}`],
    ['error: weighted centroid', m(s.estimatorError.centroid.median), `p90 ${m(s.estimatorError.centroid.p90)}`],
    ['error: motion filter', m(s.estimatorError.filter.median), `p90 ${m(s.estimatorError.filter.p90)}`],
    ['staleness', fmtDuration(s.staleness.median), `p90 ${fmtDuration(s.staleness.p90)}`],
    ['located (ever) at end', pct(s.locatedShareEnd), ''],
    ['located within 30 min, end', pct(s.located30ShareEnd), ''],
    ['reports made', int(s.reportsMade), `${int(s.reportsPerHour)} per hour`],
    ['reports uploaded', int(s.reportsUploaded), `${(s.bytesUploaded / 1e6).toFixed(2)} MB`],
    ['reports fetched / decrypted', `${int(s.reportsFetched)} / ${int(s.reportsDecrypted)}`, `decryption failures: ${s.decryptFailures}`],
    ['simulated / wall time', `${fmtDuration(s.duration)} / ${wallSeconds.toFixed(1)} s`, `${int(s.duration / Math.max(wallSeconds, 1e-9))}x real time`],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length)), w1 = Math.max(...rows.map((r) => r[1].length));
  return rows.map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`.trimEnd()).join('\n');
}
