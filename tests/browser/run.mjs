// `npm run test:browser`: makes sure a Chromium is there, then runs the browser tests.
// They never skip silently: without a browser this exits non-zero with instructions.
import { spawnSync } from 'node:child_process';
import { ensureChrome } from './find-chrome.mjs';

let chrome;
try {
  chrome = ensureChrome();
} catch (err) {
  console.error(`[browser tests] ${err.message}`);
  process.exit(1);
}
console.log(`[browser tests] using ${chrome}`);
const r = spawnSync('npx', ['vitest', 'run', '--project', 'browser', ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, CHROME_PATH: chrome } });
process.exit(r.status ?? 1);
