/**
 * The scenario in the address bar: one query parameter per knob, named by the knob's CLI
 * flag, only for values that differ from the default (?world=andorra&density=300&seed=7).
 * Reading is forgiving but never silent: unknown parameters are ignored and out-of-range
 * values clamped, each with a notice naming it.
 */
import { KNOBS, KNOB_BY_FLAG } from '../sim/knobs.ts';
import { defaultScenario, getPath, setPath, type Scenario } from '../sim/scenario.ts';

/** parameters that belong to the app, not to the scenario */
export const APP_PARAMS = ['paused', 'speed'] as const;

export function scenarioToQuery(s: Scenario): URLSearchParams {
  const d = defaultScenario();
  const q = new URLSearchParams();
  for (const k of KNOBS) {
    const v = getPath(s, k.path);
    if (v !== getPath(d, k.path)) q.set(k.flag, String(v));
  }
  return q;
}

export function shareUrl(s: Scenario, base = location.href): string {
  const u = new URL(base);
  u.search = scenarioToQuery(s).toString();
  u.hash = '';
  return u.toString();
}

export interface UrlReadResult {
  scenario: Scenario;
  /** human-readable notes on what was ignored or clamped */
  notices: string[];
  /** true when any knob came from the address */
  fromUrl: boolean;
  app: Partial<Record<(typeof APP_PARAMS)[number], string>>;
}

export function scenarioFromQuery(search: string, worldIds: readonly string[]): UrlReadResult {
  const q = new URLSearchParams(search);
  const s = defaultScenario();
  const notices: string[] = [];
  const app: UrlReadResult['app'] = {};
  let fromUrl = false;
  for (const [key, raw] of q) {
    if ((APP_PARAMS as readonly string[]).includes(key)) {
      app[key as (typeof APP_PARAMS)[number]] = raw;
      continue;
    }
    const k = KNOB_BY_FLAG.get(key);
    if (!k) {
      notices.push(`ignored unknown parameter "${key}"`);
      continue;
    }
    if (k.kind === 'choice') {
      const options = k.path === 'world' ? worldIds : k.options;
      if (!options.includes(raw)) {
        notices.push(k.path === 'world' ? `unknown world "${raw}" (showing ${k.default})` : `ignored ${key}="${raw}" (expected one of ${options.join(', ')})`);
        continue;
      }
      setPath(s, k.path, raw);
      fromUrl = true;
      continue;
    }
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v)) {
      notices.push(`ignored ${key}="${raw}" (not a number)`);
      continue;
    }
    let c = Math.min(k.max, Math.max(k.min, v));
    if (k.integer) c = Math.round(c);
    if (c !== v) notices.push(`${key}=${raw} is out of range; using ${c}${k.unit ? ' ' + k.unit : ''} (range ${k.min}-${k.max})`);
    setPath(s, k.path, c);
    fromUrl = true;
  }
  return { scenario: s, notices, fromUrl, app };
}
