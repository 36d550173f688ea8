/**
 * Report encryption and decryption rates in Chromium, where the app's crypto workers run:
 * the protocol code bundled with esbuild, timed on one page thread (one core), three rounds.
 */
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { Bench, BenchRow } from './types.ts';
// @ts-expect-error: plain ES module without types, shared with the test runner
import { ensureChrome } from '../tests/browser/find-chrome.mjs';

export const browserCryptoBench: Bench = async () => {
  const bundle = await build({
    entryPoints: [new URL('./browser-crypto-entry.ts', import.meta.url).pathname],
    bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, minify: true,
  });
  const browser = await chromium.launch({ executablePath: ensureChrome(), headless: true, args: ['--no-sandbox', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>crypto bench</title>');
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    const rounds: { encPerS: number; decPerS: number; ok: number; aead: string; userAgent: string }[] = [];
    for (let i = 0; i < 3; i++) rounds.push(await page.evaluate(() => (globalThis as unknown as { runCryptoBench: () => never }).runCryptoBench()));
    if (rounds.some((r) => r.ok !== 1000)) throw new Error('browser crypto bench: decryption failed');
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
    const range = (xs: number[]) => `${Math.round(Math.min(...xs)).toLocaleString('en-US')}-${Math.round(Math.max(...xs)).toLocaleString('en-US')}`;
    const chrome = /Chrome\/([\d.]+)/.exec(rounds[0].userAgent)?.[1] ?? 'unknown';
    const enc = rounds.map((r) => r.encPerS), dec = rounds.map((r) => r.decPerS);
    const rows: BenchRow[] = [
      { name: 'report encryptions/s in Chromium, 1 core, 50 finders per key', value: Math.round(median(enc)), unit: 'reports/s', note: `median of 3 rounds (${range(enc)}); Chromium ${chrome}, AES-GCM ${rounds[0].aead}; 2,000 reports over 40 keys incl. key tables` },
      { name: 'report decryptions/s in Chromium, 1 core', value: Math.round(median(dec)), unit: 'reports/s', note: `median of 3 rounds (${range(dec)}); 1,000 reports` },
    ];
    return rows;
  } finally {
    await browser.close();
  }
};
