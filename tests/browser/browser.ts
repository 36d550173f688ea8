/** Launches Debian's (or any found) Chromium headless through playwright-core, with WebGL via SwiftShader. */
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';

export const ARTIFACTS = 'tests/browser/artifacts';

export async function launch(): Promise<Browser> {
  const executablePath = process.env.CHROME_PATH;
  if (!executablePath) throw new Error('CHROME_PATH is not set: run the browser tests through `npm test` or `npm run test:browser`');
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
  });
}

/**
 * One Chromium per test file: launched before its tests, every test's pages closed after it
 * (a failed test must not leave a page running into the next one), closed at the end.
 * Returns a getter for the launched browser.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterEach(async () => {
    for (const c of browser?.contexts() ?? []) await c.close().catch(() => {});
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not launched yet');
    return browser;
  };
}

export interface Watched {
  page: Page;
  /** console errors and uncaught page errors */
  errors: string[];
  /** requests to any origin but the app's own */
  foreign: string[];
}

/** Opens the app in a new page, recording console errors and requests leaving the origin. */
export async function openApp(browser: Browser, query = '', viewport = { width: 1280, height: 800 }, mobile = false): Promise<Watched> {
  const base = inject('baseUrl');
  const origin = new URL(base).origin;
  const context = await browser.newContext({ viewport, deviceScaleFactor: mobile ? 3 : 1, isMobile: mobile, hasTouch: mobile });
  const page = await context.newPage();
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  await page.goto(base + query);
  return { page, errors, foreign };
}

export interface AppState {
  t: number;
  frames: number;
  worldId: string | undefined;
  finderCount: number;
  tagCount: number;
  playing: boolean;
  loading: boolean;
  /** tags the owner has a report for, and tags showing an estimate on the map */
  located: number;
  estimates: number;
  metricsRows: number;
  selected: number;
  scenario: Record<string, any> | undefined;
  /** bumped each time the simulation worker is (re)started */
  generation: number;
  speed: number;
  version: string;
}

export function appState(page: Page): Promise<AppState> {
  return page.evaluate(() => (window as unknown as { crowdfind: { state: AppState } }).crowdfind.state);
}

/** waits until the app has loaded `worldId` and drawn a frame of it */
export async function waitForWorld(page: Page, worldId: string): Promise<void> {
  await page.waitForFunction(
    (id) => {
      const s = (window as unknown as { crowdfind?: { state: AppState } }).crowdfind?.state;
      return !!s && s.worldId === id && !s.loading && s.frames > 0 && s.finderCount > 0;
    },
    worldId,
    { timeout: 60_000 },
  );
}

/** pixel statistics of the map canvas: how many distinct colours, to tell a drawn map from a blank one */
export async function canvasColours(page: Page): Promise<number> {
  return page.evaluate(() => {
    const c = document.querySelector('#map canvas') as HTMLCanvasElement;
    const tmp = document.createElement('canvas');
    tmp.width = 200;
    tmp.height = 200;
    const ctx = tmp.getContext('2d')!;
    ctx.drawImage(c, 0, 0, 200, 200);
    const d = ctx.getImageData(0, 0, 200, 200).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4) seen.add((d[i] >> 3) | ((d[i + 1] >> 3) << 5) | ((d[i + 2] >> 3) << 10));
    return seen.size;
  });
}

/** fraction of pixels that differ between two PNG screenshots of the same size (decoded in the page) */
export async function screenshotDiff(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([sa, sb]) => {
      const load = async (b64: string) => {
        const img = new Image();
        img.src = 'data:image/png;base64,' + b64;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, c.width, c.height).data;
      };
      const [da, db] = await Promise.all([load(sa), load(sb)]);
      let diff = 0;
      for (let i = 0; i < da.length; i += 4) if (Math.abs(da[i] - db[i]) + Math.abs(da[i + 1] - db[i + 1]) + Math.abs(da[i + 2] - db[i + 2]) > 30) diff++;
      return diff / (da.length / 4);
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );
}

/** advances the simulation `n` steps through the worker (deterministic: no wall clock), then pulls a frame and metrics */
export async function simStep(page: Page, n: number): Promise<AppState> {
  return page.evaluate(async (n) => {
    const cf = (window as any).crowdfind;
    await cf.sim.step(n);
    await cf.refresh();
    return cf.state;
  }, n);
}

/** waits until no run is loading (after a reset, preset or import) */
export async function waitIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => !(window as any).crowdfind.state.loading, null, { timeout: 60_000 });
}

export async function openTab(page: Page, tab: 'tags' | 'scenario' | 'charts'): Promise<void> {
  await page.click(`#tab-btn-${tab}`);
  await page.waitForSelector(`#tab-${tab}:not([hidden])`);
}

/** opens the panel section holding a knob's control */
export async function revealKnob(page: Page, flag: string): Promise<void> {
  await page.locator(`.knob[data-flag="${flag}"]`).evaluate((el) => {
    const d = el.closest('details');
    if (d && !d.open) d.querySelector('summary')!.click();
  });
}

/** sets a knob's value through its number field (as a user typing it) */
export async function setKnob(page: Page, flag: string, value: number): Promise<void> {
  await revealKnob(page, flag);
  const input = page.locator(`.knob[data-flag="${flag}"] input[type="number"]`);
  await input.scrollIntoViewIfNeeded();
  await input.fill(String(value));
  await input.press('Enter');
  await input.evaluate((el) => (el as HTMLInputElement).dispatchEvent(new Event('change')));
}

/** clicks `selector` and returns the downloaded file's name and bytes (one retry: live charts may re-layout under the click) */
export async function download(page: Page, selector: string): Promise<{ name: string; body: Buffer }> {
  const button = page.locator(selector);
  await button.scrollIntoViewIfNeeded();
  let d;
  for (let attempt = 0; attempt < 2 && !d; attempt++) {
    [d] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }).catch(() => undefined), button.click({ force: true })]);
  }
  if (!d) throw new Error(`no download after clicking ${selector}`);
  const stream = await d.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return { name: d.suggestedFilename(), body: Buffer.concat(chunks) };
}

export async function noticeText(page: Page): Promise<string> {
  await page.waitForSelector('#notice:not([hidden])', { timeout: 30_000 });
  return (await page.locator('#notice').textContent()) ?? '';
}

export type Box = { left: number; right: number; top: number; bottom: number; width: number; height: number };

/** pairs of boxes that overlap by more than half a pixel */
export function overlaps(boxes: Box[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) out.push([i, j]);
    }
  return out;
}
