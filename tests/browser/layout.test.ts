import { describe, expect, it } from 'vitest';
import { ARTIFACTS, appState, openApp, openTab, overlaps, simStep, waitForWorld, type Box, useBrowser } from './browser.ts';

const browser = useBrowser();

/** bounding boxes of the visible elements matching `selector` */
async function boxes(page: import('playwright-core').Page, selector: string): Promise<Box[]> {
  return page.$$eval(selector, (els) =>
    els
      .filter((e) => e.checkVisibility() && e.getBoundingClientRect().height > 0)
      .map((e) => e.getBoundingClientRect().toJSON() as Box),
  );
}

describe('layout and the located-tags view', () => {
  it('after a minute at high density on Monaco, the tag list shows located tags and the map shows estimates', async () => {
    // quick uploads and refreshes so a minute is enough (the defaults need ~25 min)
    const { page, errors, foreign } = await openApp(browser(), '?paused=1&crypto=modeled&density=8000&upload-median=20&upload-p90=45&fetch-interval=20');
    await waitForWorld(page, 'monaco');
    await openTab(page, 'tags');
    const s = await simStep(page, 60);
    expect(s.t).toBe(60);
    expect(s.located).toBeGreaterThan(0);
    expect(s.estimates).toBeGreaterThan(0);
    await page.waitForFunction(() => document.querySelectorAll('.item.located').length > 0);
    const first = await page.locator('.item.located .item-status').first().textContent();
    expect(first).toMatch(/Located \d+(\.\d)? k?m off/);
    expect(await page.locator('.tag-list-header').textContent()).toMatch(/\d+ of 50 tags located/);
    // selecting a tag shows its details: the three estimators and its reports
    await page.locator('.item.located').first().click();
    await page.waitForSelector('.tag-details:not([hidden]) table.estimators');
    await page.waitForSelector('.timeline li');
    expect(await page.locator('.estimators tbody tr').count()).toBe(3);
    expect((await appState(page)).selected).toBeGreaterThanOrEqual(0);
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${ARTIFACTS}/desktop-located.png` });
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it('phone size: a bottom sheet, a Find My style list, and no overlapping controls', async () => {
    const { page, errors, foreign } = await openApp(browser(), '?paused=1&crypto=modeled&density=3000&upload-median=20&upload-p90=45&fetch-interval=20', { width: 390, height: 844 }, true);
    await waitForWorld(page, 'monaco');
    await simStep(page, 90);
    const check = async (what: string) => {
      const b = await boxes(page, '.topbar button, .topbar select, .clock, #attribution, #snapshot, .legend, .sheet-handle, [role="tab"]');
      for (const x of b) {
        expect(x.left, what).toBeGreaterThanOrEqual(0);
        expect(x.right, what).toBeLessThanOrEqual(390.5);
      }
      expect(overlaps(b), what).toEqual([]);
    };
    await check('peek');
    await page.screenshot({ path: `${ARTIFACTS}/phone-list.png` });
    // the sheet expands on a tap of its handle, and the scenario controls do not overlap
    await page.tap('#sheet-handle');
    await page.waitForFunction(() => document.getElementById('panel')!.dataset.sheet === 'full');
    await openTab(page, 'scenario');
    const knobs = await boxes(page, '#tab-scenario .knob-head label, #tab-scenario .knob-head input, #tab-scenario .knob-head select, #tab-scenario .info');
    expect(knobs.length).toBeGreaterThan(10);
    expect(overlaps(knobs)).toEqual([]);
    for (const x of knobs) expect(x.right).toBeLessThanOrEqual(390.5);
    await page.screenshot({ path: `${ARTIFACTS}/phone-scenario.png` });
    // a tap on a tag row opens its details
    await openTab(page, 'tags');
    await page.locator('.item').first().tap();
    await page.waitForSelector('.tag-details:not([hidden])');
    await page.screenshot({ path: `${ARTIFACTS}/phone-details.png` });
    await page.tap('.back');
    await page.tap('#sheet-handle');
    await page.waitForFunction(() => document.getElementById('panel')!.dataset.sheet === 'peek');
    await check('peek again');
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });
});
