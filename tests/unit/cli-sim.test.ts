import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KNOBS } from '../../src/sim/knobs.ts';

const run = (args: string[]) => spawnSync('node', ['bin/crowdfind.mjs', ...args], { encoding: 'utf8' });

describe('crowdfind sim', () => {
  it('runs, prints the summary table and writes JSON and CSV', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crowdfind-sim-'));
    const r = run(['sim', '--world', 'tiergarten', '--density', '300', '--tags', '5', '--duration', '20m', '--seed', '4', '--crypto', 'modeled', '--quiet', '--json', join(dir, 'out.json'), '--csv', join(dir, 'out.csv')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const row of ['time to first fix at owner', 'single report error', 'error: latest report', 'error: weighted centroid', 'error: motion filter', 'staleness', 'located within 30 min', 'reports uploaded', 'decryption failures']) expect(r.stdout).toContain(row);
    const json = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(json.scenario.seed).toBe(4);
    expect(json.scenario.finders.densityPerKm2).toBe(300);
    expect(json.worldId).toBe('tiergarten');
    expect(json.summary.tags).toBe(5);
    const csv = readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/^# Crowdfind .* world tiergarten, seed 4, crypto modeled/);
    const header = csv[2].split(',');
    expect(header[0]).toBe('t_s');
    expect(header).toContain('error_filter_p90_m');
    expect(csv.length - 3).toBe(json.series.t.length); // one row per sample
    expect(csv.length - 3).toBe(20);
  }, 60_000);

  it('lists every knob with its unit and default in --help', () => {
    const r = run(['sim', '--help']);
    expect(r.status).toBe(0);
    for (const k of KNOBS) expect(r.stdout).toContain(`--${k.flag} `);
    expect(r.stdout).toContain('default 2000 /km²');
  });

  it('reads a scenario file, with flags overriding it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crowdfind-sim-'));
    writeFileSync(join(dir, 's.json'), JSON.stringify({ format: 'crowdfind-scenario', version: 1, world: 'tiergarten', seed: 9, tags: { count: 3 }, crypto: 'modeled' }));
    const r = run(['sim', '--scenario', join(dir, 's.json'), '--tags', '4', '--duration', '5m', '--quiet', '--json', join(dir, 'o.json')]);
    expect(r.status).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'o.json'), 'utf8'));
    expect(json.scenario.seed).toBe(9);
    expect(json.scenario.tags.count).toBe(4);
  }, 60_000);

  const bad: [string, string[], RegExp][] = [
    ['an unknown flag', ['--densty', '5'], /unknown flag --densty/],
    ['a value out of range', ['--density', '50000'], /out of range \[0, 20000\]/],
    ['a non-number', ['--tags', 'many'], /expects a number/],
    ['a bad duration', ['--duration', 'soon'], /not a duration/],
    ['an unknown world', ['--world', 'atlantis'], /must be one of/],
    ['a missing scenario file', ['--scenario', '/nonexistent/s.json'], /cannot read scenario file/],
  ];
  for (const [what, args, message] of bad) {
    it(`rejects ${what} with one line and exit code 2`, () => {
      const r = run(['sim', ...args]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('rejects a malformed scenario file clearly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crowdfind-sim-'));
    writeFileSync(join(dir, 'broken.json'), '{"world": "monaco", ');
    writeFileSync(join(dir, 'odd.json'), JSON.stringify({ finders: { densityPerKm2: -3 } }));
    writeFileSync(join(dir, 'extra.json'), JSON.stringify({ colour: 'red' }));
    expect(run(['sim', '--scenario', join(dir, 'broken.json')]).stderr).toMatch(/not valid JSON/);
    expect(run(['sim', '--scenario', join(dir, 'odd.json')]).stderr).toMatch(/finders.densityPerKm2 = -3 is out of range/);
    const extra = run(['sim', '--scenario', join(dir, 'extra.json')]);
    expect(extra.status).toBe(2);
    expect(extra.stderr).toMatch(/unknown scenario field: colour/);
  });

  it('converts a user\'s OSM extract into a world file and runs on it; a broken file is a clear error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crowdfind-world-'));
    const world = join(dir, 'tg.json');
    const conv = run(['world', 'convert', 'data/osm/berlin-siegessaeule.osm.gz', '--out', world, '--name', 'Tiergarten test']);
    expect(conv.status).toBe(0);
    expect(conv.stdout).toMatch(/Tiergarten test: 1,084 street nodes/);
    const sim = run(['sim', '--world-file', world, '--density', '200', '--tags', '3', '--duration', '10m', '--crypto', 'modeled', '--quiet', '--json', join(dir, 'o.json')]);
    expect(sim.status).toBe(0);
    const out = JSON.parse(readFileSync(join(dir, 'o.json'), 'utf8'));
    expect(out.scenario.world).toBe('custom');
    expect(out.summary.finders).toBe(Math.round(200 * 1.272));
    writeFileSync(join(dir, 'bad.osm'), '<osm version="0.6"><node id="1" lat="1" lon="2"/>');
    const bad = run(['world', 'convert', join(dir, 'bad.osm'), '--out', join(dir, 'bad.json')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const badWorld = run(['sim', '--world-file', join(dir, 'bad.osm'), '--quiet']);
    expect(badWorld.status).toBe(2);
    expect(badWorld.stderr).toMatch(/world file .*bad.osm/);
  }, 60_000);
});
