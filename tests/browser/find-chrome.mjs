// Finds a Chromium or Chrome for the browser tests, installing one when none is found.
// Order: $CHROME_PATH, the system's chromium / google-chrome, Playwright's browser cache.
// Where none is found: on Debian/Ubuntu as root, `apt-get install -y chromium`;
// elsewhere Playwright's own installer. Only if both are impossible does it fail, saying how to install one.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const SYSTEM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'];

function works(path) {
  if (!path || !existsSync(path)) return false;
  const r = spawnSync(path, ['--version', '--no-sandbox'], { encoding: 'utf8', timeout: 20000 });
  return r.status === 0;
}

function playwrightCache() {
  const roots = [process.env.PLAYWRIGHT_BROWSERS_PATH, join(homedir(), '.cache', 'ms-playwright'), join(homedir(), 'Library', 'Caches', 'ms-playwright')].filter(Boolean);
  for (const root of roots) {
    if (!existsSync(root)) continue;
    for (const dir of readdirSync(root).filter((d) => d.startsWith('chromium')).sort().reverse()) {
      for (const rel of ['chrome-linux/chrome', 'chrome-linux64/chrome', 'chrome-mac/Chromium.app/Contents/MacOS/Chromium', 'chrome-win/chrome.exe']) {
        const p = join(root, dir, rel);
        if (existsSync(p)) return p;
      }
    }
  }
  return undefined;
}

export function findChrome() {
  if (process.env.CHROME_PATH) {
    if (works(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
    throw new Error(`CHROME_PATH=${process.env.CHROME_PATH} does not run`);
  }
  for (const p of SYSTEM) if (works(p)) return p;
  const cached = playwrightCache();
  if (cached && works(cached)) return cached;
  return undefined;
}

function isDebianRoot() {
  return process.platform === 'linux' && existsSync('/usr/bin/apt-get') && process.getuid?.() === 0;
}

export function ensureChrome() {
  const found = findChrome();
  if (found) return found;
  if (isDebianRoot()) {
    console.log('[browser tests] no Chromium found: installing Debian\'s chromium (apt-get install -y chromium)...');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } else {
    console.log('[browser tests] no Chromium found: installing one with Playwright (npx playwright install chromium)...');
    const r = spawnSync('npx', ['--yes', 'playwright', 'install', 'chromium'], { stdio: 'inherit' });
    if (r.status !== 0) console.log('[browser tests] Playwright\'s installer failed.');
  }
  const after = findChrome();
  if (after) return after;
  throw new Error('No Chromium or Chrome could be found or installed for the browser tests. Install one ' +
    '(Debian/Ubuntu: `sudo apt-get install chromium`; macOS: install Google Chrome; anywhere: `npx playwright install chromium`) ' +
    'or point CHROME_PATH at a Chrome/Chromium binary, then run `npm test` again.');
}
