/**
 * The app: wires the map, the toolbar and the simulation worker together.
 * Data flows one way: the worker owns the simulation, the page pulls frames from it.
 */
import * as Comlink from 'comlink';
import './style.css';
import type { SimWorkerApi } from '../../workers/sim.worker.ts';
import type { Frame } from '../sim/frame.ts';
import { defaultScenario, type Scenario } from '../sim/scenario.ts';
import { WORLD_CATALOG as WORLDS, loadWorldById } from '../world/catalog.ts';
import type { World } from '../world/types.ts';
import { MapView } from './map-view.ts';

const SPEEDS = [1, 10, 60, 300, 900, 3600];
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const state = {
  scenario: defaultScenario(),
  world: undefined as World | undefined,
  playing: false,
  speed: 60,
  frame: undefined as Frame | undefined,
  frames: 0,
  loading: false,
};

const worker = new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), { type: 'module', name: 'crowdfind-sim' });
const sim = Comlink.wrap<SimWorkerApi>(worker);
const map = new MapView();

function showNotice(text: string, kind: 'info' | 'error' = 'info'): void {
  const el = $('notice');
  el.textContent = text;
  el.className = `notice${kind === 'error' ? ' error' : ''}`;
  el.hidden = false;
  clearTimeout((showNotice as { timer?: number }).timer);
  (showNotice as { timer?: number }).timer = window.setTimeout(() => (el.hidden = true), kind === 'error' ? 9000 : 5000);
}

function fmtClock(t: number): string {
  const h = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60), s = Math.floor(t % 60);
  const d = Math.floor(h / 24);
  const hh = String(h % 24).padStart(2, '0');
  return `${d ? `${d}d ` : ''}${hh}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

async function loadWorld(id: string): Promise<void> {
  if (state.loading) return;
  state.loading = true;
  const select = $<HTMLSelectElement>('world');
  const previous = state.world?.id;
  try {
    const world = await loadWorldById(id, async (path) => {
      const res = await fetch(new URL(path, document.baseURI));
      if (!res.ok) throw new Error(`could not load ${path} (HTTP ${res.status})`);
      return res.text();
    });
    const scenario: Scenario = { ...state.scenario, world: id };
    const info = await sim.startBuiltin(id, document.baseURI, scenario);
    state.scenario = scenario;
    state.world = world;
    map.setWorld(world);
    $('legend').innerHTML = legendHtml(info.finderCount, info.tagCount, world);
    state.frame = undefined;
    await pullFrame();
    if (state.playing) await sim.play();
  } catch (err) {
    showNotice(`Could not open ${id}: ${(err as Error).message}`, 'error');
    if (previous) select.value = previous;
  } finally {
    state.loading = false;
  }
}

function legendHtml(finders: number, tags: number, world: World): string {
  return [
    `<b>${world.name}</b> · ${world.areaKm2.toFixed(2)} km²`,
    `<i style="background:var(--walk)"></i>walking <i style="background:var(--drive)"></i>driving <i style="background:var(--still)"></i>stationary`,
    `${finders.toLocaleString()} phones · <i class="pin"></i>${tags} tags`,
  ].join('<br>');
}

let pending = false;
async function pullFrame(): Promise<void> {
  if (pending) return;
  pending = true;
  try {
    const f = await sim.frame();
    state.frame = f;
    state.frames++;
    map.setFrame(f);
    $('clock').textContent = fmtClock(f.t);
    $('stats').textContent = state.playing && f.speed > 0 ? `running at ${Math.round(f.speed).toLocaleString()}× real time` : 'paused';
  } catch {
    /* no simulation loaded yet */
  } finally {
    pending = false;
  }
}

async function setPlaying(on: boolean): Promise<void> {
  state.playing = on;
  const b = $<HTMLButtonElement>('play');
  b.textContent = on ? '❚❚' : '▶';
  b.setAttribute('aria-label', on ? 'Pause' : 'Play');
  if (on) await sim.play();
  else await sim.pause();
}

async function setSpeed(speed: number): Promise<void> {
  state.speed = speed;
  $<HTMLSelectElement>('speed').value = String(speed);
  await sim.setSpeed(speed);
}

function bindControls(): void {
  const worldSel = $<HTMLSelectElement>('world');
  for (const w of WORLDS) worldSel.add(new Option(w.name, w.id));
  worldSel.addEventListener('change', () => loadWorld(worldSel.value));
  const speedSel = $<HTMLSelectElement>('speed');
  for (const s of SPEEDS) speedSel.add(new Option(`${s.toLocaleString()}×`, String(s)));
  speedSel.addEventListener('change', () => setSpeed(Number(speedSel.value)));
  $('play').addEventListener('click', () => setPlaying(!state.playing));
  $('step').addEventListener('click', async () => {
    await sim.step(Math.round(60 / state.scenario.stepSeconds));
    await pullFrame();
  });
  window.addEventListener('keydown', (e) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement) return;
    if (e.key === ' ') {
      e.preventDefault();
      setPlaying(!state.playing);
    } else if (e.key === '+' || e.key === '=') {
      const i = SPEEDS.indexOf(state.speed);
      setSpeed(SPEEDS[Math.min(SPEEDS.length - 1, i + 1)]);
    } else if (e.key === '-') {
      const i = SPEEDS.indexOf(state.speed);
      setSpeed(SPEEDS[Math.max(0, i - 1)]);
    }
  });
}

async function boot(): Promise<void> {
  bindControls();
  await map.init($('map'));
  map.app.ticker.add(() => {
    if (state.playing || !state.frame) void pullFrame();
  });
  const params = new URLSearchParams(location.search);
  let worldId = params.get('world') ?? 'monaco';
  if (!WORLDS.some((w) => w.id === worldId)) {
    showNotice(`Unknown world "${worldId}" in the address; showing Monaco.`);
    worldId = 'monaco';
  }
  $<HTMLSelectElement>('world').value = worldId;
  await setSpeed(state.speed);
  await loadWorld(worldId);
  await setPlaying(params.get('paused') !== '1');
}

// test and console hook: read-only view of the app's state
(window as unknown as { crowdfind: unknown }).crowdfind = {
  get state() {
    return { t: state.frame?.t ?? 0, frames: state.frames, worldId: state.world?.id, finderCount: state.frame?.finderCount ?? 0, tagCount: state.frame?.tagCount ?? 0, playing: state.playing, loading: state.loading };
  },
  sim,
};

boot().catch((err) => showNotice(`Crowdfind could not start: ${(err as Error).message}`, 'error'));
