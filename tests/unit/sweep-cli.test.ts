/**
 * `crowdfind sweep` and `crowdfind merge` spawned as a user runs them: sharded + merged
 * equals whole, the CSV loads with one row per run, Ctrl-C exits 130 with partial results,
 * bad definitions exit 2 with one line.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/sweep/csv.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'crowdfind-sweep-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function crowdfind(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/crowdfind.mjs', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// tiny and fast: 4 runs of 10 simulated minutes on the Tiergarten, modeled crypto, 5 tags
const SWEEP = ['sweep', '--world', 'tiergarten', '--param', 'density', '--values', '300,3000', '--seeds', '2', '--duration', '10m', '--tags', '5', '--crypto', 'modeled', '--threads', '2', '--quiet'];
const read = (dir: string, file: string) => readFileSync(join(tmp, dir, file), 'utf8');

describe('crowdfind sweep / merge', () => {
  it('two shards merged equal the whole sweep (runs.csv byte for byte)', () => {
    const whole = crowdfind(...SWEEP, '--out', join(tmp, 'whole'));
    expect(whole.code, whole.stderr).toBe(0);
    for (const i of [1, 2]) {
      const r = crowdfind(...SWEEP, '--shard', `${i}/2`, '--out', join(tmp, `shard-${i}`));
      expect(r.code, r.stderr).toBe(0);
      const doc = JSON.parse(read(`shard-${i}`, 'sweep.json'));
      expect(doc.shard).toEqual({ index: i, count: 2 });
      expect(doc.runs.map((r: { runIndex: number }) => r.runIndex)).toEqual(i === 1 ? [0, 2] : [1, 3]);
    }
    const merged = crowdfind('merge', join(tmp, 'shard-2'), join(tmp, 'shard-1'), '--out', join(tmp, 'merged'));
    expect(merged.code, merged.stderr).toBe(0);
    expect(read('merged', 'runs.csv')).toBe(read('whole', 'runs.csv'));
    expect(read('merged', 'aggregates.csv')).toBe(read('whole', 'aggregates.csv'));
    const [m, w] = [JSON.parse(read('merged', 'sweep.json')), JSON.parse(read('whole', 'sweep.json'))];
    const noWall = (d: { runs: { wallSeconds?: number }[]; wallSeconds?: number }) => ({ ...d, wallSeconds: 0, runs: d.runs.map((r) => ({ ...r, wallSeconds: 0 })) });
    expect(noWall(m)).toEqual(noWall(w));
    // a shard alone: written, but the missing runs are reported and the exit code says so
    const partial = crowdfind('merge', join(tmp, 'shard-1'), '--out', join(tmp, 'partial'));
    expect(partial.code).toBe(1);
    expect(partial.stderr).toMatch(/2 runs missing \(1, 3\)/);
    const twice = crowdfind('merge', join(tmp, 'shard-1'), join(tmp, 'whole'), '--out', join(tmp, 'twice'));
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/run 0 appears in both/);
  }, 120_000);

  it('writes a CSV with one row per run and the scenario columns', () => {
    const { header, rows } = parseCsv(read('whole', 'runs.csv'));
    expect(rows.length).toBe(4);
    for (const col of ['run', 'value', 'seed', 'duration_s', 'world', 'crypto', 'density_per_km2', 'tags', 'located_30min_share_end', 'ttff_median_s', 'error_latest_median_m', 'error_filter_p90_m', 'staleness_median_s']) expect(header).toContain(col);
    expect(header.some((h) => /wall/.test(h))).toBe(false);
    const col = (name: string) => rows.map((r) => r[header.indexOf(name)]);
    expect(col('run')).toEqual(['0', '1', '2', '3']);
    expect(col('density_per_km2')).toEqual(['300', '300', '3000', '3000']);
    expect(col('seed')).toEqual(['1', '2', '1', '2']);
    expect(new Set(col('world'))).toEqual(new Set(['tiergarten']));
    for (const r of rows) expect(r.length).toBe(header.length);
  });

  it('Ctrl-C stops the sweep, writes what finished and exits 130', async () => {
    const out = join(tmp, 'cancelled');
    const child = spawn(process.execPath, ['bin/crowdfind.mjs', 'sweep', '--world', 'tiergarten', '--values', 'lin:500:3000:6', '--seeds', '2', '--duration', '20m', '--tags', '5', '--crypto', 'modeled', '--threads', '2', '--out', out], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (/\[1\/12\]/.test(stderr)) resolve(); // the first finished run
      });
      child.on('exit', () => reject(new Error(`exited before the first run: ${stderr}`)));
    });
    const sent = performance.now();
    child.kill('SIGINT');
    const code = await exited;
    expect(code, stderr).toBe(130);
    expect(performance.now() - sent).toBeLessThan(5000);
    const doc = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    expect(doc.cancelled).toBe(true);
    expect(doc.runs.length).toBeGreaterThanOrEqual(1);
    expect(doc.runs.length).toBeLessThan(12);
    expect(doc.missingRuns.length).toBe(12 - doc.runs.length);
    expect(parseCsv(readFileSync(join(out, 'runs.csv'), 'utf8')).rows.length).toBe(doc.runs.length);
    expect(stderr).toMatch(/cancelled; wrote \d+ of 12 runs/);
  }, 60_000);

  it('rejects bad definitions with one clear line and exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['--param', 'bogus', '--values', '1,2'], /unknown sweep parameter "bogus"/],
      [['--param', 'estimator', '--values', '1,2'], /not numeric/],
      [['--values', '300,30000'], /30000 .*out of range/],
      [['--values', 'lin:100:2000'], /bad range "lin:100:2000"/],
      [['--values', 'log:0:100:4'], /log range needs FROM and TO above 0/],
      [['--values', '300', '--shard', '3/2'], /bad shard "3\/2"/],
      [['--values', '300', '--seeds', '0'], /--seeds/],
      [['--param', 'tags', '--values', '2.5'], /whole number/],
      [['--values', '300', '--density', '100000'], /out of range/],
    ];
    for (const [args, pattern] of cases) {
      const r = crowdfind('sweep', '--world', 'tiergarten', '--out', join(tmp, 'bad'), ...args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines.length, r.stderr).toBe(1);
      expect(lines[0]).toMatch(/^crowdfind: /);
      expect(lines[0]).toMatch(pattern);
    }
    const noOut = crowdfind('sweep', '--values', '300');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/--out/);
  }, 120_000);
});
