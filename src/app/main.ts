/**
 * The app: wires the map, the panel (tags, scenario, charts) and the simulation worker
 * together. Data flows one way: the worker owns the simulation, the page pulls frames
 * (every animation frame while playing) and metrics (about once a second) from it.
 */
import './style.css';
import type { Frame } from '../sim/frame.ts';
import { parseScenario, type Scenario } from '../sim/scenario.ts';
import { WORLD_CATALOG as WORLDS, loadWorldById } from '../world/catalog.ts';
import { parseWorldFile } from '../world/world-file.ts';
import type { World } from '../world/types.ts';
import { ChartsView } from './charts.ts';
import { IMPORT_ACCEPT, importCity } from './city-import.ts';
import { APP_VERSION, fileStem, mapSnapshot, saveBlob, scenarioFile, type ExportContext } from './export.ts';
import { fmtClock, fmtNumber } from './format.ts';
import { MapView } from './map-view.ts';
import { MetricsStore } from './metrics-store.ts';
import { ScenarioPanel } from './panel.ts';
import { PRESETS, presetScenario } from './presets.ts';
import { Sheet, type TabId } from './sheet.ts';
import { SimClient } from './sim-client.ts';
import { speedControl, SPEEDS } from './speed-control.ts';
import { TagDetailsView } from './tag-details.ts';
import { SweepView } from './sweep-view.ts';
import { TagList } from './tag-list.ts';
import { scenarioFromQuery, scenarioToQuery } from './url-state.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const BUILTIN_IDS = WORLDS.map((w) => w.id as string);
const IMPORT_OPTION = '__import';

const state = {
  scenario: undefined as Scenario | undefined,
  world: undefined as World | undefined,
  /** world-file text of an imported city (to restart the worker with it) */
  customText: undefined as string | undefined,
  playing: false,
  speed: 60,
  frame: undefined as Frame | undefined,
  frames: 0,
  loading: false,
  selected: -1,
  /** bumped on every (re)start so answers about an older run are dropped */
  run: 0,
  metricsK: 0,
  /** last scenario that ran for a while without killing the worker */
  stable: undefined as Scenario | undefined,
  appliedAt: 0,
  restarts: 0,
};

const sim = new SimClient();
const map = new MapView();
const metrics = new MetricsStore();

// ---------------------------------------------------------------- notices

function showNotice(text: string, kind: 'info' | 'error' = 'info'): void {
  const el = $('notice');
  el.textContent = text;
  el.className = `notice${kind === 'error' ? ' error' : ''}`;
  el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  el.hidden = false;
  clearTimeout((showNotice as { timer?: number }).timer);
  (showNotice as { timer?: number }).timer = window.setTimeout(() => (el.hidden = true), kind === 'error' ? 12000 : 7000);
}

// ---------------------------------------------------------------- panel

const speed = speedControl((v) => void setSpeed(v));
const panel = new ScenarioPanel(
  parseScenario({}),
  {
    live: (s) => void applyLive(s),
    reset: (s) => void start(s),
    preset: (p) => void start(presetScenario(p, state.scenario ?? parseScenario({}))).then((ok) => ok && panel.showPreset(p.id)),
  },
  speed.el,
);
$('tab-scenario').append(panel.el);

const tagList = new TagList((i) => selectTag(i, true));
const details = new TagDetailsView(() => selectTag(-1, false), () => selectTag(state.selected, true));
details.el.hidden = true;
$('tab-tags').append(tagList.el, details.el);

const charts = new ChartsView(metrics, exportContext, showNotice);
$('tab-charts').append(charts.el);

const sweeps = new SweepView({
  current: () =>
    state.scenario && state.world && !state.loading
      ? {
          scenario: state.scenario,
          world: { id: state.world.id, name: state.world.name, areaKm2: state.world.areaKm2 },
          source: state.scenario.world === 'custom' && state.customText ? { worldText: state.customText } : { worldId: state.scenario.world, baseUrl: document.baseURI },
        }
      : undefined,
  notify: showNotice,
});
$('tab-sweeps').append(sweeps.el);

const sheet = new Sheet($('panel'), $('sheet-handle'), window.matchMedia('(max-width: 700px)').matches ? 'tags' : 'scenario');
sheet.onTab = (t: TabId) => {
  if (t === 'charts') requestAnimationFrame(() => charts.update(true));
  if (t === 'sweeps') sweeps.refresh();
};

function exportContext(): ExportContext | undefined {
  if (!state.scenario || !state.world) return undefined;
  return {
    scenario: state.scenario,
    world: { id: state.world.id, name: state.world.name, areaKm2: state.world.areaKm2 },
    simTime: state.frame?.t ?? 0,
    simVersion: metrics.version || undefined,
  };
}

// ---------------------------------------------------------------- runs

async function worldFor(s: Scenario): Promise<World> {
  if (s.world === 'custom') {
    if (!state.customText) throw new Error('this scenario is for an imported city; import the city first');
    return parseWorldFile(JSON.parse(state.customText));
  }
  return loadWorldById(s.world, async (path) => {
    const res = await fetch(new URL(path, document.baseURI));
    if (!res.ok) throw new Error(`could not load ${path} (HTTP ${res.status})`);
    return res.text();
  });
}

/**
 * Starts a new run of `s` (the world comes from the catalogue or the imported city).
 * On failure the current world and run stay as they were. Returns success.
 */
async function start(s: Scenario, customText = state.customText): Promise<boolean> {
  if (state.loading) {
    showNotice('Still loading the previous run; try again in a moment.');
    return false;
  }
  state.loading = true;
  const previousCustom = state.customText;
  try {
    state.customText = customText;
    const world = await worldFor(s);
    const info = s.world === 'custom'
      ? await sim.call((a) => a.startFromText(customText!, s), 60_000)
      : await sim.call((a) => a.startBuiltin(s.world, document.baseURI, s), 60_000);
    state.run++;
    state.scenario = structuredClone(s);
    state.world = world;
    state.appliedAt = performance.now();
    state.metricsK = 0;
    metrics.clear();
    state.frame = undefined;
    selectTag(-1, false);
    tagList.reset();
    map.setWorld(world);
    panel.setApplied(s, info.areaKm2, world.name);
    refreshWorldSelect();
    renderLegend();
    syncAddress();
    await sim.call((a) => a.setSpeed(state.speed));
    await pullFrame();
    if (state.playing) await sim.call((a) => a.play());
    return true;
  } catch (err) {
    state.customText = previousCustom;
    if (!sim.alive) return false; // the death handler restarts and reports
    showNotice(`Could not start the run: ${(err as Error).message}. The current run is unchanged.`, 'error');
    refreshWorldSelect();
    return false;
  } finally {
    state.loading = false;
  }
}

async function applyLive(s: Scenario): Promise<void> {
  if (!state.scenario) return;
  try {
    const info = await sim.call((a) => a.updateLive(s));
    state.scenario = { ...s, world: state.scenario.world };
    state.appliedAt = performance.now();
    renderLegend(info.finderCount);
    syncAddress();
    if (!state.playing) await pullFrame();
  } catch (err) {
    if (sim.alive) showNotice(`Could not apply the change: ${(err as Error).message}`, 'error');
  }
}

/** a scenario counts as stable once it has run 5 s without the worker dying */
function noteStable(): void {
  if (state.scenario && performance.now() - state.appliedAt > 5000) {
    state.stable = structuredClone(state.scenario);
    state.restarts = 0;
  }
}

sim.onDeath = (reason) => {
  const fallback = state.stable ?? parseScenario({});
  state.restarts++;
  const target = state.restarts > 2 ? parseScenario({}) : fallback;
  showNotice(`The simulation stopped (${reason}). Restarted it with the last working scenario.`, 'error');
  sim.restart();
  state.loading = false;
  void start(target).then(async (ok) => {
    if (ok && state.playing) await sim.call((a) => a.play());
  });
};

// ---------------------------------------------------------------- frames, metrics, details

let pending = false;
let lastListUpdate = 0;
async function pullFrame(): Promise<void> {
  if (pending || !sim.alive) return;
  pending = true;
  const run = state.run;
  try {
    const f = await sim.call((a) => a.frame());
    if (run !== state.run) return;
    state.frame = f;
    state.frames++;
    map.setFrame(f);
    $('clock').textContent = fmtClock(f.t);
    $('stats').textContent = statusLine(f);
    const now = performance.now();
    if (now - lastListUpdate > 400 || !state.playing) {
      lastListUpdate = now;
      tagList.update(f);
      details.updateFrame(f);
      renderLegend();
    }
  } catch {
    /* no simulation loaded yet, or the worker is being replaced */
  } finally {
    pending = false;
  }
}

let metricsBusy = false;
async function pullMetrics(): Promise<void> {
  if (metricsBusy || !sim.alive || !state.scenario || state.loading) return;
  metricsBusy = true;
  const run = state.run;
  try {
    const k = state.metricsK;
    const u = await sim.optional('metricsSince', (a) => a.metricsSince(k));
    if (!u || run !== state.run || (u.from ?? k) !== state.metricsK) return;
    metrics.append(u);
    state.metricsK += u.series?.t?.length ?? 0;
    charts.update();
  } catch {
    /* the next tick tries again */
  } finally {
    metricsBusy = false;
  }
}

let detailsBusy = false;
async function pullDetails(): Promise<void> {
  const i = state.selected;
  if (i < 0 || detailsBusy || !sim.alive || state.loading) return;
  detailsBusy = true;
  const run = state.run;
  try {
    const d = await sim.optional('tagDetails', (a) => a.tagDetails(i));
    if (run !== state.run || i !== state.selected) return;
    details.updateDetails(d, state.frame?.t ?? 0, state.scenario?.owner.estimator ?? 'latest');
    map.setReports(d?.reports ?? []);
  } catch {
    /* try again next second */
  } finally {
    detailsBusy = false;
  }
}

function selectTag(i: number, follow: boolean): void {
  state.selected = i;
  map.select(i, follow);
  tagList.select(i);
  details.el.hidden = i < 0;
  tagList.el.hidden = i >= 0;
  if (i >= 0) {
    details.show(i);
    if (state.frame) details.updateFrame(state.frame);
    void pullDetails();
  }
}

// ---------------------------------------------------------------- top bar, legend, address

function renderLegend(finders?: number): void {
  const w = state.world;
  if (!w) return;
  const f = state.frame;
  const n = finders ?? f?.finderCount ?? 0;
  const tags = f?.tagCount ?? state.scenario?.tags.count ?? 0;
  let located = 0;
  if (f?.tagNewest) for (let i = 0; i < f.tagCount; i++) if (Number.isFinite(f.tagNewest[i])) located++;
  const html = [
    `<b>${escape(w.name)}</b> · ${fmtNumber(w.areaKm2)} km²`,
    `<i style="background:var(--walk)"></i>walking <i style="background:var(--drive)"></i>driving <i style="background:var(--still)"></i>stationary`,
    `<i class="heard"></i>heard a tag <i class="holds"></i>holds reports`,
    `${n.toLocaleString()} phones · <i class="pin"></i>${tags} tags · <i class="est"></i>${located} located`,
  ].join('<br>');
  const el = $('legend');
  if (el.innerHTML !== html) el.innerHTML = html;
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function refreshWorldSelect(): void {
  const sel = $<HTMLSelectElement>('world');
  sel.replaceChildren();
  for (const w of WORLDS) sel.add(new Option(w.name, w.id));
  if (state.customText && state.world?.id === 'custom') sel.add(new Option(state.world.name, 'custom'));
  sel.add(new Option('Your own city…', IMPORT_OPTION));
  sel.value = state.world?.id ?? 'monaco';
}

function syncAddress(): void {
  if (!state.scenario) return;
  const q = state.scenario.world === 'custom' ? new URLSearchParams() : scenarioToQuery(state.scenario);
  const url = `${location.pathname}${q.toString() ? '?' + q : ''}`;
  history.replaceState(null, '', url);
}

/** the speed actually achieved, and why it falls short when cryptography is the bottleneck */
function statusLine(f: Frame): string {
  if (!state.playing || !(f.speed > 0)) return 'paused';
  const line = `running at ${Math.round(f.speed).toLocaleString()}× real time`;
  const short = f.speed < 0.6 * state.speed && state.speed > 1;
  return short && f.crypto === 'real' ? `${line} · every report is really encrypted; Crypto: modeled (Run section) goes faster` : line;
}

async function setPlaying(on: boolean): Promise<void> {
  state.playing = on;
  const b = $<HTMLButtonElement>('play');
  b.textContent = on ? '❚❚' : '▶';
  b.setAttribute('aria-label', on ? 'Pause' : 'Play');
  try {
    if (on) await sim.call((a) => a.play());
    else await sim.call((a) => a.pause());
  } catch {
    /* no run yet */
  }
}

async function setSpeed(v: number): Promise<void> {
  state.speed = v;
  const sel = $<HTMLSelectElement>('speed');
  if (![...sel.options].some((o) => o.value === String(v))) sel.add(new Option(`${v.toLocaleString()}×`, String(v)));
  sel.value = String(v);
  speed.set(v);
  try {
    await sim.call((a) => a.setSpeed(v));
  } catch {
    /* applied on the next start */
  }
}

// ---------------------------------------------------------------- files

function readText(file: File): Promise<string> {
  return file.text();
}

async function openScenarioFile(file: File): Promise<void> {
  let s: Scenario;
  try {
    if (file.size > 1024 * 1024) throw new Error('the file is larger than 1 MB; a scenario is a small JSON file');
    const text = await readText(file);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new Error(`it is not JSON (${(err as Error).message})`);
    }
    s = parseScenario(json);
  } catch (err) {
    showNotice(`Could not open "${file.name}": ${(err as Error).message}. The current run is unchanged.`, 'error');
    return;
  }
  if (await start(s)) showNotice(`Opened scenario "${file.name}".`);
}

async function openCity(file: File): Promise<void> {
  showNotice(`Converting "${file.name}"…`);
  try {
    const city = await importCity(file);
    const s: Scenario = { ...(state.scenario ?? panel.draftScenario), world: 'custom' };
    // keep a huge city runnable: cap the crowd at 200,000 phones
    const cap = 200_000 / Math.max(city.areaKm2, 1e-6);
    let note = '';
    if (s.finders.densityPerKm2 > cap) {
      s.finders = { ...s.finders, densityPerKm2: Math.floor(cap) };
      note = ` Density lowered to ${fmtNumber(s.finders.densityPerKm2)} /km² to keep the crowd under 200,000 phones.`;
    }
    if (await start(s, city.text)) showNotice(`Imported ${city.name}: ${fmtNumber(city.edges)} street segments, ${fmtNumber(city.areaKm2)} km².${note}`);
  } catch (err) {
    showNotice(`${(err as Error).message} The current world is unchanged.`, 'error');
  }
  refreshWorldSelect();
}

function bindFiles(): void {
  const scenarioInput = $<HTMLInputElement>('scenario-file');
  const cityInput = $<HTMLInputElement>('city-file');
  cityInput.accept = IMPORT_ACCEPT;
  $('open-scenario').addEventListener('click', () => scenarioInput.click());
  scenarioInput.addEventListener('change', () => {
    const f = scenarioInput.files?.[0];
    scenarioInput.value = '';
    if (f) void openScenarioFile(f);
  });
  $('import-city').addEventListener('click', () => cityInput.click());
  cityInput.addEventListener('change', () => {
    const f = cityInput.files?.[0];
    cityInput.value = '';
    if (f) void openCity(f);
  });
  $('save-scenario').addEventListener('click', () => {
    const ctx = exportContext();
    if (ctx) saveBlob(`${fileStem(ctx, 'scenario')}.json`, scenarioFile(ctx.scenario));
  });
  $('share').addEventListener('click', async () => {
    if (!state.scenario) return;
    const input = $<HTMLInputElement>('share-url');
    if (state.scenario.world === 'custom') {
      showNotice('An imported city cannot travel in a link: share the scenario file and the map file instead.', 'error');
      return;
    }
    const u = new URL(location.href);
    u.search = scenarioToQuery(state.scenario).toString();
    input.value = u.toString();
    input.hidden = false;
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
      showNotice('Share link copied: it opens this scenario with the same seed.');
    } catch {
      showNotice('Share link below: copy it to reproduce this scenario.');
    }
  });
  $('snapshot').addEventListener('click', async () => {
    const ctx = exportContext();
    if (!ctx) return;
    try {
      const caption = `Crowdfind · ${ctx.world.name} · ${fmtClock(ctx.simTime)} · seed ${ctx.scenario.seed}`;
      saveBlob(`${fileStem(ctx, 'map')}.png`, await mapSnapshot(map.canvas, '© OpenStreetMap contributors', caption));
    } catch (err) {
      showNotice(`Could not save the map: ${(err as Error).message}`, 'error');
    }
  });
  // drag and drop a city onto the page
  const overlay = $('drop-overlay');
  let depth = 0;
  const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  window.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    depth++;
    overlay.hidden = false;
  });
  window.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) overlay.hidden = true;
  });
  window.addEventListener('dragover', (e) => {
    if (hasFiles(e)) e.preventDefault();
  });
  window.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    const f = e.dataTransfer?.files?.[0];
    if (!f) return;
    if (/\.json$/i.test(f.name) && f.size < 200_000) {
      // a small JSON file may be a scenario rather than a map
      void f.text().then((t) => (/"crowdfind-scenario"/.test(t) ? openScenarioFile(f) : openCity(f)));
    } else void openCity(f);
  });
}

// ---------------------------------------------------------------- controls

function bindControls(): void {
  const worldSel = $<HTMLSelectElement>('world');
  refreshWorldSelect();
  worldSel.addEventListener('change', () => {
    if (worldSel.value === IMPORT_OPTION) {
      worldSel.value = state.world?.id ?? 'monaco';
      $<HTMLInputElement>('city-file').click();
      return;
    }
    void start({ ...panel.draftScenario, world: worldSel.value });
  });
  const speedSel = $<HTMLSelectElement>('speed');
  for (const s of SPEEDS) speedSel.add(new Option(`${s.toLocaleString()}×`, String(s)));
  speedSel.addEventListener('change', () => void setSpeed(Number(speedSel.value)));
  $('play').addEventListener('click', () => void setPlaying(!state.playing));
  $('reset').addEventListener('click', () => void start(panel.draftScenario));
  $('step').addEventListener('click', async () => {
    try {
      await sim.call((a) => a.step(Math.round(60 / (state.scenario?.stepSeconds ?? 1))));
      await pullFrame();
    } catch {
      /* no run */
    }
  });
  window.addEventListener('keydown', (e) => {
    const t = e.target;
    if (t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement || (t instanceof HTMLElement && t.isContentEditable)) return;
    if (e.key === ' ' && !(t instanceof HTMLButtonElement) && !(t instanceof HTMLElement && t.getAttribute('role') === 'button')) {
      e.preventDefault();
      void setPlaying(!state.playing);
    } else if (e.key === '+' || e.key === '=') {
      const i = SPEEDS.indexOf(state.speed);
      void setSpeed(SPEEDS[Math.min(SPEEDS.length - 1, i < 0 ? 2 : i + 1)]);
    } else if (e.key === '-') {
      const i = SPEEDS.indexOf(state.speed);
      void setSpeed(SPEEDS[Math.max(0, i < 0 ? 2 : i - 1)]);
    } else if (e.key === 'Escape' && state.selected >= 0) {
      selectTag(-1, false);
    }
  });
  map.onTagTap = (i) => {
    sheet.show('tags');
    selectTag(i, true);
  };
}

// ---------------------------------------------------------------- boot

async function boot(): Promise<void> {
  bindControls();
  bindFiles();
  await map.init($('map'));
  map.beforeDraw.push(() => {
    if (state.playing || !state.frame) void pullFrame();
  });
  window.setInterval(() => {
    noteStable();
    void pullMetrics();
    void pullDetails();
  }, 1000);
  const read = scenarioFromQuery(location.search, BUILTIN_IDS);
  if (new URLSearchParams(location.search).get('world') === 'custom') read.notices.push('an imported city cannot be opened from a link (showing Monaco)');
  if (read.notices.length) showNotice(`Address: ${read.notices.join('; ')}.`);
  const sp = Number(read.app.speed);
  await setSpeed(Number.isFinite(sp) && sp > 0 ? Math.min(3600, sp) : state.speed);
  if (!(await start(read.scenario))) await start(parseScenario({}));
  state.stable = structuredClone(read.scenario);
  await setPlaying(read.app.paused !== '1');
  void PRESETS; // presets are reached through the panel
}

// test and console hook: a read-only view of the app's state, and the worker
(window as unknown as { crowdfind: unknown }).crowdfind = {
  get state() {
    const f = state.frame;
    let located = 0, estimates = 0;
    if (f?.tagNewest) for (let i = 0; i < f.tagCount; i++) if (Number.isFinite(f.tagNewest[i])) located++;
    if (f?.tagEstimate) for (let i = 0; i < f.tagCount; i++) if (Number.isFinite(f.tagEstimate[3 * i])) estimates++;
    return {
      t: f?.t ?? 0, frames: state.frames, worldId: state.world?.id, finderCount: f?.finderCount ?? 0, tagCount: f?.tagCount ?? 0,
      playing: state.playing, loading: state.loading, located, estimates, metricsRows: metrics.rows, selected: state.selected,
      scenario: state.scenario, generation: sim.generation, speed: state.speed, version: APP_VERSION,
    };
  },
  get sim() {
    return sim.api;
  },
  /** pulls a frame now (after stepping through `sim`) */
  refresh: () => pullFrame().then(() => pullMetrics()),
  crash: () => sim.simulateCrash(),
  /** the Sweeps tab: live worker count and progress (read-only) */
  sweep: sweeps.hook,
};

boot().catch((err) => showNotice(`Crowdfind could not start: ${(err as Error).message}`, 'error'));
