import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS, download, openApp, waitForWorld, useBrowser } from './browser.ts';

const browser = useBrowser();

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface SweepStatus {
  phase: string;
  done: number;
  total: number;
  rows: number;
}
const sweepStatus = (page: Page): Promise<SweepStatus> => page.evaluate(() => (window as any).crowdfind.sweep.status);
const hookWorkers = (page: Page): Promise<number> => page.evaluate(() => (window as any).crowdfind.sweep.liveWorkers());
/** dedicated workers the browser itself reports for the page (independent of the app's bookkeeping) */
const sweepWorkers = (page: Page) => page.workers().filter((w) => /sweep/i.test(w.url())).length;

async function openSweeps(page: Page): Promise<void> {
  await page.click('#tab-btn-sweeps');
  await page.waitForSelector('#tab-sweeps:not([hidden]) #sweep-run');
}

/** a small sweep: density as a list, `seeds` seeds, duration in seconds */
async function define(page: Page, values: string, seeds: number, durationS: number): Promise<void> {
  await page.selectOption('#sweep-param', 'density');
  await page.selectOption('#sweep-mode', 'list');
  await page.fill('#sweep-list', values);
  await page.fill('#sweep-seeds', String(seeds));
  await page.selectOption('#sweep-duration', String(durationS));
  await page.selectOption('#sweep-crypto', 'modeled');
}

describe('parameter sweeps in the page', () => {
  it('runs a density sweep in web workers, draws the charts with bands, exports files, and cancels cleanly', async () => {
    const { page, errors, foreign } = await openApp(browser(), '?world=open&paused=1&crypto=modeled&tags=8&upload-median=60&upload-p90=180&fetch-interval=60');
    await waitForWorld(page, 'open');
    await openSweeps(page);

    // the values preview follows the range inputs
    await page.selectOption('#sweep-mode', 'log');
    await page.fill('#sweep-from', '100');
    await page.fill('#sweep-to', '10000');
    await page.fill('#sweep-count', '3');
    expect(await page.locator('#sweep-values').textContent()).toMatch(/3 values: 100, 1,000, 10,000 \/km²/);
    await page.fill('#sweep-count', '1');
    expect(await page.locator('#sweep-values').getAttribute('class')).toContain('error');
    expect(await page.locator('#sweep-run').isDisabled()).toBe(true);

    await define(page, '500, 3000', 2, 600);
    expect(await page.locator('#sweep-values').textContent()).toMatch(/2 values: 500, 3,000/);
    expect(await page.locator('#sweep-estimate').textContent()).toMatch(/2 values × 2 seeds = 4 runs of 10 min/);
    expect(await page.locator('#sweep-base').textContent()).toMatch(/Open field.*crypto modeled.*8 tags/);

    await page.click('#sweep-run');
    await page.waitForFunction(() => (window as any).crowdfind.sweep.status.phase === 'running');
    expect(await page.locator('#sweep-progressbar').isVisible()).toBe(true);
    await page.waitForFunction(() => (window as any).crowdfind.sweep.status.phase !== 'running', null, { timeout: 60_000 });
    const done = await sweepStatus(page);
    expect(done).toMatchObject({ phase: 'done', done: 4, total: 4 });
    expect(await page.locator('#sweep-status').textContent()).toMatch(/Done: 4 runs/);
    expect(await page.locator('#sweep-progressbar').evaluate((p) => (p as HTMLProgressElement).value)).toBe(4);
    expect(await hookWorkers(page)).toBe(0);
    await page.waitForFunction(() => true); // let worker close events arrive
    await expect.poll(() => sweepWorkers(page), { timeout: 5000 }).toBe(0);

    // three charts drawn by uPlot, the located chart with the theory curve (open world, density)
    for (const id of ['error', 'ttff', 'located']) await page.waitForSelector(`#tab-sweeps .chart-card[data-sweep-chart="${id}"] .uplot canvas`);
    expect(await page.locator('#tab-sweeps .chart-card[data-sweep-chart="located"] .u-legend').textContent()).toMatch(/theory/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${ARTIFACTS}/desktop-sweep.png` });
    await page.locator('#tab-sweeps .chart-card[data-sweep-chart="ttff"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/desktop-sweep-charts.png` });

    // files: one CSV row per run, aggregates per value, sweep.json with the definition
    const runs = (await download(page, '#tab-sweeps [data-export="runs-csv"]')).body.toString('utf8').trim().split('\n');
    expect(runs.length).toBe(1 + 4);
    const header = runs[0].split(',');
    expect(header.slice(0, 4)).toEqual(['run', 'value', 'seed', 'duration_s']);
    expect(header).toContain('located_ever_share_end');
    for (const r of runs.slice(1)) expect(r.split(',').length).toBe(header.length);
    expect(runs.slice(1).map((r) => r.split(',')[1])).toEqual(['500', '500', '3000', '3000']);
    const aggs = (await download(page, '#tab-sweeps [data-export="aggregates-csv"]')).body.toString('utf8').trim().split('\n');
    expect(aggs.length).toBe(1 + 2);
    expect(aggs[0]).toMatch(/^density_per_km2,runs,.*theory_located_share$/);
    const jsonText = (await download(page, '#tab-sweeps [data-export="json"]')).body.toString('utf8');
    const json = JSON.parse(jsonText);
    expect(json.format).toBe('crowdfind-sweep');
    expect(json.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(json.cancelled).toBe(false);
    expect(json.definition).toMatchObject({ format: 'crowdfind-sweep-definition', param: 'finders.densityPerKm2', values: [500, 3000], seeds: 2, durationS: 600 });
    expect(json.definition.base).toMatchObject({ world: 'open', crypto: 'modeled' });
    expect(json.definition.base.tags.count).toBe(8);
    expect(json.runs.length).toBe(4);
    expect(json.aggregates.length).toBe(2);
    // the CLI re-runs sweep.json to the same runs.csv, byte for byte
    const dir = mkdtempSync(join(tmpdir(), 'crowdfind-sweep-'));
    try {
      writeFileSync(join(dir, 'sweep.json'), jsonText);
      execFileSync(process.execPath, ['bin/crowdfind.mjs', 'sweep', '--definition', join(dir, 'sweep.json'), '--quiet', '--threads', '2', '--out', join(dir, 'out')], { stdio: 'ignore', timeout: 60_000 });
      expect(readFileSync(join(dir, 'out', 'runs.csv'), 'utf8')).toBe(runs.join('\n') + '\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // chart exports: PNG and an SVG whose bands and lines are vector paths
    const png = await download(page, '#tab-sweeps .chart-card[data-sweep-chart="located"] [data-export="png"]');
    expect(png.body.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    writeFileSync(`${ARTIFACTS}/sweep-located.png`, png.body);
    writeFileSync(`${ARTIFACTS}/sweep-error.png`, (await download(page, '#tab-sweeps .chart-card[data-sweep-chart="error"] [data-export="png"]')).body);
    const svg = (await download(page, '#tab-sweeps .chart-card[data-sweep-chart="located"] [data-export="svg"]')).body.toString('utf8');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        bands: doc.querySelectorAll('g.bands path').length,
        lines: doc.querySelectorAll('g.lines path').length,
        images: doc.querySelectorAll('image').length,
      };
    }, svg);
    expect(parsed).toEqual({ error: null, bands: 2, lines: 3, images: 0 });

    // a second, longer sweep, cancelled while it runs: the workers go away and the UI says so
    await define(page, '1000, 2000, 4000', 3, 7200);
    await page.click('#sweep-run');
    await page.waitForFunction(() => (window as any).crowdfind.sweep.liveWorkers() > 0);
    await expect.poll(() => sweepWorkers(page), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(1500);
    await page.locator('#sweep-progressbar').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/desktop-sweep-running.png` });
    await page.click('#sweep-cancel');
    await page.waitForFunction(() => (window as any).crowdfind.sweep.status.phase !== 'running', null, { timeout: 10_000 });
    const st = await sweepStatus(page);
    expect(st.phase).toBe('cancelled');
    expect(await page.locator('#sweep-status').textContent()).toBe(`Cancelled, ${st.rows} of 9 runs kept.`);
    expect(await hookWorkers(page)).toBe(0);
    await expect.poll(() => sweepWorkers(page), { timeout: 5000 }).toBe(0);
    expect(await page.locator('#sweep-run').isEnabled()).toBe(true);

    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it('fits a phone: the Sweeps tab in the bottom sheet', async () => {
    const { page, errors } = await openApp(browser(), '?world=tiergarten&paused=1&crypto=modeled&tags=5', { width: 390, height: 844 }, true);
    await waitForWorld(page, 'tiergarten');
    await page.click('#tab-btn-sweeps');
    await page.waitForSelector('#tab-sweeps:not([hidden]) #sweep-run');
    const overflow = await page.evaluate(() => {
      const body = document.getElementById('tab-sweeps')!;
      return [...body.querySelectorAll<HTMLElement>('select, input, button, label, p')]
        .filter((e) => e.checkVisibility())
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5 || e.getBoundingClientRect().left < -0.5)
        .map((e) => e.id || e.className || e.tagName);
    });
    expect(overflow).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/phone-sweep.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
