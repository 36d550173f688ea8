import { describe, expect, it } from 'vitest';
import { appState, noticeText, openApp, openTab, revealKnob, setKnob, simStep, waitForWorld, waitIdle, useBrowser } from './browser.ts';

const browser = useBrowser();

// modeled crypto and a paused clock: runs advance only through step(n), so they are deterministic
const BASE = '?paused=1&crypto=modeled&seed=3';

describe('the scenario panel', () => {
  it('density changes the finder count live, and more finders locate more tags at the same seed and time', async () => {
    const { page, errors, foreign } = await openApp(browser(), `${BASE}&density=15`);
    await waitForWorld(page, 'monaco');
    await openTab(page, 'scenario');
    const s0 = await appState(page);
    expect(s0.finderCount).toBeGreaterThan(20); // 15 /km² on Monaco's 3.8 km²
    expect(s0.finderCount).toBeLessThan(100);
    // the slider: dragging it to the right adds finders without a reset
    const slider = page.locator('.knob[data-flag="density"] input[type="range"]');
    await slider.fill('900');
    await page.waitForFunction((n) => (window as any).crowdfind.state.finderCount > n * 10, s0.finderCount, { timeout: 20_000 });
    expect(await page.locator('.pending-bar').isHidden()).toBe(true);

    // a low-density run from t = 0: 15 min of simulated time
    await setKnob(page, 'density', 15);
    await page.click('#reset');
    await waitIdle(page);
    await page.waitForFunction(() => (window as any).crowdfind.state.t === 0);
    const low = await simStep(page, 900);
    // the same seed and time at 2,000 /km²
    await setKnob(page, 'density', 2000);
    await page.click('#reset');
    await waitIdle(page);
    await page.waitForFunction(() => (window as any).crowdfind.state.t === 0);
    const high = await simStep(page, 900);
    expect(low.t).toBe(900);
    expect(high.t).toBe(900);
    expect(high.scenario!.seed).toBe(3);
    expect(high.finderCount).toBeGreaterThan(low.finderCount * 50);
    expect(high.located).toBeGreaterThan(low.located);
    expect(high.located).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it('a knob that needs a reset says so; a shared link reproduces the scenario in the panel', async () => {
    const { page, errors } = await openApp(browser(), BASE);
    await waitForWorld(page, 'monaco');
    await openTab(page, 'scenario');
    await setKnob(page, 'density', 3456);
    await revealKnob(page, 'estimator');
    await page.selectOption('.knob[data-flag="estimator"] select', 'centroid');
    // tags.count needs a reset: the panel marks it and offers the button
    await setKnob(page, 'tags', 120);
    await expect.poll(() => page.locator('.pending-bar').isVisible()).toBe(true);
    expect(await page.locator('.pending-bar').textContent()).toContain('reset');
    await page.click('#apply-reset');
    await waitIdle(page);
    await page.waitForFunction(() => (window as any).crowdfind.state.tagCount === 120);
    expect(await page.locator('.pending-bar').isHidden()).toBe(true);
    await page.click('#share');
    const url = await page.locator('#share-url').inputValue();
    const q = new URL(url).searchParams;
    expect(q.get('density')).toBe('3456');
    expect(q.get('estimator')).toBe('centroid');
    expect(q.get('tags')).toBe('120');
    expect(q.get('seed')).toBe('3');
    expect(q.has('participation')).toBe(false); // defaults stay out of the link
    const original = (await appState(page)).scenario;

    const other = await browser().newContext({ viewport: { width: 1280, height: 800 } });
    const p2 = await other.newPage();
    await p2.goto(url + '&paused=1');
    await waitForWorld(p2, 'monaco');
    await openTab(p2, 'scenario');
    expect((await appState(p2)).scenario).toEqual(original);
    expect(await p2.locator('.knob[data-flag="density"] input[type="number"]').inputValue()).toBe('3456');
    expect(await p2.locator('.knob[data-flag="estimator"] select').inputValue()).toBe('centroid');
    expect(await p2.locator('.knob[data-flag="tags"] input[type="number"]').inputValue()).toBe('120');
    expect((await appState(p2)).finderCount).toBe((await appState(page)).finderCount);
    expect(errors).toEqual([]);
    await other.close();
    await page.context().close();
  });

  it('clamps or ignores bad address parameters with a notice naming them', async () => {
    const { page, errors } = await openApp(browser(), '?paused=1&crypto=modeled&density=99999&bogus=1&estimator=psychic&tags=2.6');
    await waitForWorld(page, 'monaco');
    const text = await noticeText(page);
    expect(text).toContain('density');
    expect(text).toContain('bogus');
    expect(text).toContain('estimator');
    const s = (await appState(page)).scenario!;
    expect(s.finders.densityPerKm2).toBe(20000);
    expect(s.owner.estimator).toBe('latest');
    expect(s.tags.count).toBe(3);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a preset resets the run with its scenario and explains it', async () => {
    const { page, errors } = await openApp(browser(), BASE);
    await waitForWorld(page, 'monaco');
    await openTab(page, 'scenario');
    await page.selectOption('#preset', 'suburb');
    await waitForWorld(page, 'grid');
    const s = await appState(page);
    expect(s.scenario!.finders.densityPerKm2).toBe(150);
    expect(s.scenario!.seed).toBe(3);
    expect(await page.locator('.preset-text').textContent()).toMatch(/grid/i);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
