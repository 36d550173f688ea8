import { describe, expect, it } from 'vitest';
import { ARTIFACTS, appState, canvasColours, openApp, screenshotDiff, waitForWorld, useBrowser } from './browser.ts';

const browser = useBrowser();

describe('the app in Chromium', () => {
  it('loads Monaco, draws a map, moves finders, switches worlds, stays offline and error-free', async () => {
    // modeled crypto: this test is about drawing and moving; real crypto is tested in the unit tests
    const { page, errors, foreign } = await openApp(browser(), '?crypto=modeled');
    await waitForWorld(page, 'monaco');
    const s0 = await appState(page);
    expect(s0.finderCount).toBeGreaterThan(100);
    expect(s0.tagCount).toBeGreaterThan(0);

    // a drawn map has land, streets, buildings, sea and dots: many distinct colours
    expect(await canvasColours(page)).toBeGreaterThan(20);
    expect(await page.locator('#attribution').textContent()).toContain('OpenStreetMap contributors');

    // finders move between two screenshots of the map
    const map = page.locator('#map');
    const shot1 = await map.screenshot();
    await page.waitForFunction((t0) => (window as any).crowdfind.state.t > t0 + 30, s0.t, { timeout: 30_000 });
    const shot2 = await map.screenshot();
    const moved = await screenshotDiff(page, shot1, shot2);
    expect(moved).toBeGreaterThan(0.001);
    await page.screenshot({ path: `${ARTIFACTS}/desktop-monaco.png` });

    // switching worlds
    await page.selectOption('#world', 'tiergarten');
    await waitForWorld(page, 'tiergarten');
    const s1 = await appState(page);
    expect(s1.worldId).toBe('tiergarten');
    expect(await canvasColours(page)).toBeGreaterThan(10);
    await page.screenshot({ path: `${ARTIFACTS}/desktop-tiergarten.png` });

    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it('works at phone size with touch', async () => {
    const { page, errors, foreign } = await openApp(browser(), '?crypto=modeled', { width: 390, height: 844 }, true);
    await waitForWorld(page, 'monaco');
    // every toolbar control is on screen and none overlaps another
    const boxes = await page.$$eval('.topbar button, .topbar select, .clock', (els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    for (const b of boxes) {
      expect(b.left).toBeGreaterThanOrEqual(0);
      expect(b.right).toBeLessThanOrEqual(390);
      expect(b.width).toBeGreaterThan(0);
    }
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        const overlap = a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
        expect(overlap, `controls ${i} and ${j} overlap`).toBe(false);
      }
    // a tap on play toggles the simulation
    const before = (await appState(page)).playing;
    await page.tap('#play');
    await page.waitForFunction((b) => (window as any).crowdfind.state.playing !== b, before);
    await page.screenshot({ path: `${ARTIFACTS}/phone-monaco.png` });
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it('ignores an unknown world in the address with a visible notice', async () => {
    const { page, errors } = await openApp(browser(), '?world=atlantis&paused=1');
    await waitForWorld(page, 'monaco');
    await page.waitForSelector('#notice:not([hidden])');
    expect(await page.locator('#notice').textContent()).toContain('atlantis');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('really encrypts and decrypts reports in the page\'s crypto workers by default', async () => {
    const { page, errors, foreign } = await openApp(browser(), '?paused=1&density=300&upload-median=30&upload-p90=60&fetch-interval=60');
    await waitForWorld(page, 'monaco');
    const result = await page.evaluate(async () => {
      const cf = (window as any).crowdfind;
      await cf.sim.step(600);
      const info = await cf.sim.info();
      const m = await cf.sim.metricsSince(0);
      return { crypto: info.crypto, threads: info.cryptoThreads, decrypted: m.summary.reportsDecrypted, failures: m.summary.decryptFailures, located: m.summary.locatedShareEnd };
    });
    expect(result.crypto).toBe('real');
    expect(result.threads).toBeGreaterThanOrEqual(1);
    expect(result.decrypted).toBeGreaterThan(100);
    expect(result.failures).toBe(0);
    expect(result.located).toBeGreaterThan(0.5);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });
});

