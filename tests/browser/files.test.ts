import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { ARTIFACTS, appState, download, noticeText, openApp, openTab, simStep, waitForWorld, waitIdle, useBrowser } from './browser.ts';

const browser = useBrowser();

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const BASE = '?paused=1&crypto=modeled&seed=5&density=1500&upload-median=60&upload-p90=180&fetch-interval=60';

describe('files in and out', () => {
  it('exports every chart as PNG, SVG, CSV and JSON, the map as PNG and the scenario as JSON', async () => {
    const { page, errors, foreign } = await openApp(browser(), BASE);
    await waitForWorld(page, 'monaco');
    const s = await simStep(page, 900);
    expect(s.metricsRows).toBeGreaterThan(10);
    expect(s.located).toBeGreaterThan(0);
    await openTab(page, 'charts');
    await page.waitForSelector('.chart-card[data-chart="error"] .uplot');
    for (const chart of ['error', 'located', 'ttff', 'reports']) {
      const card = `.chart-card[data-chart="${chart}"]`;
      const png = await download(page, `${card} button[data-export="png"]`);
      expect(png.name).toMatch(/\.png$/);
      expect(png.body.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
      expect(png.body.length).toBeGreaterThan(5000);
      writeFileSync(`${ARTIFACTS}/chart-${chart}.png`, png.body); // for a human look

      const svg = await download(page, `${card} button[data-export="svg"]`);
      expect(svg.name).toMatch(/\.svg$/);
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        return { error: doc.querySelector('parsererror')?.textContent ?? null, root: doc.documentElement.nodeName, paths: doc.querySelectorAll('path, polyline').length, texts: doc.querySelectorAll('text').length };
      }, svg.body.toString('utf8'));
      expect(parsed.error).toBeNull();
      expect(parsed.root).toBe('svg');
      expect(parsed.paths).toBeGreaterThan(1);
      expect(parsed.texts).toBeGreaterThan(8); // title, ticks, axis labels, legend

      const csv = await download(page, `${card} button[data-export="csv"]`);
      const rows = csv.body.toString('utf8').trim().split('\n').filter((l) => !l.startsWith('#'));
      expect(rows.length).toBeGreaterThan(2);
      const width = rows[0].split(',').length;
      expect(width).toBeGreaterThan(1);
      for (const r of rows.slice(1)) expect(r.split(',').length).toBe(width);

      const json = JSON.parse((await download(page, `${card} button[data-export="json"]`)).body.toString('utf8'));
      expect(json.format).toBe('crowdfind-chart');
      expect(json.chart).toBe(chart);
      expect(json.scenario.format).toBe('crowdfind-scenario');
      expect(json.scenario.seed).toBe(5);
      expect(json.seed).toBe(5);
      expect(json.crypto).toBe('modeled');
      expect(json.world.id).toBe('monaco');
      expect(json.appVersion).toMatch(/^\d+\.\d+\.\d+/);
      expect(json.series.length).toBeGreaterThan(0);
    }
    const map = await download(page, '#snapshot');
    expect(map.body.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    writeFileSync(`${ARTIFACTS}/map-snapshot.png`, map.body);
    await openTab(page, 'scenario');
    const sc = JSON.parse((await download(page, '#save-scenario')).body.toString('utf8'));
    expect(sc.format).toBe('crowdfind-scenario');
    expect(sc.finders.densityPerKm2).toBe(1500);
    expect(sc.seed).toBe(5);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it('broken imports leave the world and run in place with a clear message; a real extract becomes the world', async () => {
    const { page, errors } = await openApp(browser(), '?paused=1&crypto=modeled');
    await waitForWorld(page, 'monaco');
    await openTab(page, 'scenario');
    await simStep(page, 30);
    const cases: { name: string; body: Buffer; expect: RegExp }[] = [
      { name: 'broken.osm', body: Buffer.from('<osm version="0.6"><node id="1" lat="1" lon="1"/><way id='), expect: /truncated|malformed/i },
      { name: 'empty.osm', body: Buffer.from(''), expect: /empty/i },
      { name: 'lake.osm', body: readFileSync('tests/fixtures/osm/no-streets.osm'), expect: /street/i },
      { name: 'photo.json', body: Buffer.from('{"hello": "world"}'), expect: /GeoJSON/i },
    ];
    for (const c of cases) {
      await page.evaluate(() => ((document.getElementById('notice') as HTMLElement).hidden = true));
      await page.setInputFiles('#city-file', { name: c.name, mimeType: 'application/octet-stream', buffer: c.body });
      await page.waitForSelector('#notice.error:not([hidden])', { timeout: 30_000 });
      const text = await page.locator('#notice').textContent();
      expect(text, c.name).toMatch(c.expect);
      expect(text, c.name).toContain('unchanged');
      const s = await appState(page);
      expect(s.worldId).toBe('monaco');
      expect(s.t).toBe(30); // the run was not restarted
    }
    // a malformed scenario file
    await page.evaluate(() => ((document.getElementById('notice') as HTMLElement).hidden = true));
    await page.setInputFiles('#scenario-file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"crowdfind-scenario","finders":{"densityPerKm2":-5}}') });
    expect(await noticeText(page)).toMatch(/densityPerKm2.*out of range/);
    expect((await appState(page)).t).toBe(30);

    // a real OpenStreetMap extract (gzipped) becomes the current world
    await page.setInputFiles('#city-file', { name: 'berlin-siegessaeule.osm.gz', mimeType: 'application/gzip', buffer: readFileSync('data/osm/berlin-siegessaeule.osm.gz') });
    await waitForWorld(page, 'custom');
    await waitIdle(page);
    expect(await page.locator('#world').inputValue()).toBe('custom');
    expect(await page.locator('#attribution').textContent()).toContain('OpenStreetMap contributors');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('restarts a crashed simulation worker with the last working scenario', async () => {
    const { page, errors } = await openApp(browser(), '?paused=1&crypto=modeled&density=500');
    await waitForWorld(page, 'monaco');
    const before = await appState(page);
    await page.evaluate(() => (window as any).crowdfind.crash());
    expect(await noticeText(page)).toMatch(/simulation stopped/i);
    await page.waitForFunction((g) => (window as any).crowdfind.state.generation > g && !(window as any).crowdfind.state.loading && (window as any).crowdfind.state.frames > 0, before.generation, { timeout: 60_000 });
    const after = await simStep(page, 10);
    expect(after.t).toBe(10);
    expect(after.scenario!.finders.densityPerKm2).toBe(500);
    expect(after.finderCount).toBe(before.finderCount);
    // the 'error' event is expected here: only count other errors
    expect(errors.filter((e) => !/simulated crash/.test(e))).toEqual([]);
    await page.context().close();
  });
});
