/**
 * The scenario panel: presets, then the knobs grouped into collapsible sections, all
 * generated from KNOBS. Edits go to a draft; live knobs (needsReset=false) are applied at
 * once, the others mark the panel "Reset to apply" until the run is reset.
 */
import { KNOBS, type Knob } from '../sim/knobs.ts';
import { finderCount, getPath, setPath, type Scenario } from '../sim/scenario.ts';
import { fmtDistance, fmtNumber, medianRange } from './format.ts';
import { knobControl, knobRow, type KnobControl } from './knob-controls.ts';
import { PRESETS, type Preset } from './presets.ts';

export const SECTIONS = ['Crowd', 'Tags', 'Radio', 'Network', 'Owner', 'Run'] as const;
type Section = (typeof SECTIONS)[number];

export function sectionOf(k: Knob): Section | null {
  if (k.path === 'world') return null; // chosen in the top bar
  if (k.path.startsWith('finders.') || k.path.startsWith('mobility.')) return 'Crowd';
  if (k.path.startsWith('tags.')) return 'Tags';
  if (k.path.startsWith('radio.')) return 'Radio';
  if (k.path.startsWith('finder.')) return 'Network';
  if (k.path.startsWith('owner.')) return 'Owner';
  return 'Run';
}

const TAG_MIXES: Record<string, { rest: number; carried: number; vehicle: number }> = {
  rest: { rest: 1, carried: 0, vehicle: 0 },
  carried: { rest: 0, carried: 1, vehicle: 0 },
  vehicle: { rest: 0, carried: 0, vehicle: 1 },
  mix: { rest: 0.6, carried: 0.3, vehicle: 0.1 },
};

/** finder counts above this are flagged: they may exhaust the worker's memory */
export const LARGE_CROWD = 300_000;

export interface PanelHooks {
  /** apply live knobs of `s` to the running simulation */
  live(s: Scenario): void;
  /** reset the run with `s` */
  reset(s: Scenario): void;
  preset(p: Preset): void;
}

export class ScenarioPanel {
  readonly el = document.createElement('div');
  private applied: Scenario;
  private draft: Scenario;
  private areaKm2 = 0;
  private worldName = '';
  private readonly controls = new Map<string, KnobControl>();
  private readonly pendingBar = document.createElement('div');
  private readonly finderNote = document.createElement('p');
  private readonly rangeNote = document.createElement('p');
  private readonly tagMix = document.createElement('select');
  private readonly presetSel = document.createElement('select');
  private readonly presetText = document.createElement('p');
  private liveTimer = 0;

  constructor(initial: Scenario, private readonly hooks: PanelHooks, extraRun?: HTMLElement) {
    this.applied = structuredClone(initial);
    this.draft = structuredClone(initial);
    this.el.className = 'scenario-panel';
    this.el.append(this.buildPresets(), this.buildPendingBar());
    const bodies = new Map<Section, HTMLElement>();
    for (const name of SECTIONS) {
      const d = document.createElement('details');
      d.className = 'section';
      d.dataset.section = name;
      d.open = name === 'Crowd' || name === 'Tags';
      const sum = document.createElement('summary');
      sum.textContent = name;
      d.append(sum);
      const body = document.createElement('div');
      body.className = 'section-body';
      d.append(body);
      bodies.set(name, body);
      this.el.append(d);
    }
    for (const k of KNOBS) {
      const sec = sectionOf(k);
      if (!sec) continue;
      const body = bodies.get(sec)!;
      if (k.path === 'tags.mix.rest') body.append(this.buildTagMix());
      const c = knobControl(k, getPath(initial, k.path) as number | string, (v, final) => this.onKnob(k, v, final));
      this.controls.set(k.path, c);
      body.append(c.el);
      if (k.path === 'finders.densityPerKm2') {
        this.finderNote.className = 'derived';
        body.append(this.finderNote);
      }
      if (k.path === 'radio.sensitivityDbm') {
        this.rangeNote.className = 'derived';
        body.append(this.rangeNote);
      }
    }
    if (extraRun) bodies.get('Run')!.prepend(extraRun);
    this.refreshPending();
    this.refreshDerived();
  }

  /** the scenario the panel shows, with edits not yet applied */
  get draftScenario(): Scenario {
    return structuredClone(this.draft);
  }

  get hasPending(): boolean {
    return this.pendingPaths().length > 0;
  }

  /** after a (re)start: the run now uses `s` */
  setApplied(s: Scenario, areaKm2: number, worldName: string): void {
    this.applied = structuredClone(s);
    this.draft = structuredClone(s);
    this.areaKm2 = areaKm2;
    this.worldName = worldName;
    for (const [path, c] of this.controls) c.set(getPath(s, path) as number | string);
    this.refreshPending();
    this.refreshDerived();
  }

  private buildPresets(): HTMLElement {
    const wrap = document.createElement('div');
    wrap.className = 'presets';
    const label = document.createElement('label');
    label.textContent = 'Preset';
    label.htmlFor = 'preset';
    this.presetSel.id = 'preset';
    this.presetSel.add(new Option('Choose a scenario…', ''));
    for (const p of PRESETS) this.presetSel.add(new Option(p.name, p.id));
    this.presetText.className = 'preset-text';
    this.presetText.textContent = 'Presets reset the run with a ready-made scenario.';
    this.presetSel.addEventListener('change', () => {
      const p = PRESETS.find((x) => x.id === this.presetSel.value);
      this.presetText.textContent = p ? p.sentence : 'Presets reset the run with a ready-made scenario.';
      if (p) this.hooks.preset(p);
    });
    const row = document.createElement('div');
    row.className = 'preset-row';
    row.append(label, this.presetSel);
    wrap.append(row, this.presetText);
    return wrap;
  }

  /** shows a preset as chosen (after it has been applied) */
  showPreset(id: string): void {
    this.presetSel.value = id;
    const p = PRESETS.find((x) => x.id === id);
    if (p) this.presetText.textContent = p.sentence;
  }

  private buildPendingBar(): HTMLElement {
    this.pendingBar.className = 'pending-bar';
    this.pendingBar.hidden = true;
    this.pendingBar.setAttribute('role', 'status');
    const text = document.createElement('span');
    const btn = document.createElement('button');
    btn.type = 'button';
    btn.className = 'primary';
    btn.id = 'apply-reset';
    btn.textContent = 'Reset to apply';
    btn.addEventListener('click', () => this.hooks.reset(this.draftScenario));
    this.pendingBar.append(text, btn);
    return this.pendingBar;
  }

  private buildTagMix(): HTMLElement {
    const { row, head, label } = knobRow('tag-mix', 'Tag scenario', 'Sets the three weights below at once');
    this.tagMix.id = 'tag-mix';
    for (const [v, t] of [['rest', 'Lost at rest'], ['carried', 'Carried'], ['vehicle', 'In a vehicle'], ['mix', 'Mix'], ['custom', 'Custom weights']]) this.tagMix.add(new Option(t, v));
    this.tagMix.addEventListener('change', () => {
      const m = TAG_MIXES[this.tagMix.value];
      if (!m) return;
      for (const key of ['rest', 'carried', 'vehicle'] as const) {
        const path = `tags.mix.${key}`;
        setPath(this.draft, path, m[key]);
        this.controls.get(path)?.set(m[key]);
      }
      this.refreshPending();
    });
    head.append(label, this.tagMix);
    row.append(head);
    return row;
  }

  private onKnob(k: Knob, v: number | string, final: boolean): void {
    setPath(this.draft, k.path, v);
    if (k.needsReset) {
      this.refreshPending();
    } else {
      setPath(this.applied, k.path, v);
      // while dragging, apply at most every 150 ms; always on release
      clearTimeout(this.liveTimer);
      const send = () => this.hooks.live(structuredClone(this.applied));
      if (final) send();
      else this.liveTimer = window.setTimeout(send, 150);
    }
    this.refreshDerived();
  }

  private pendingPaths(): string[] {
    return KNOBS.filter((k) => k.needsReset && getPath(this.draft, k.path) !== getPath(this.applied, k.path)).map((k) => k.path);
  }

  private refreshPending(): void {
    const p = this.pendingPaths();
    for (const [path, c] of this.controls) c.setPending(p.includes(path));
    this.pendingBar.hidden = p.length === 0;
    (this.pendingBar.firstChild as HTMLElement).textContent =
      p.length === 1 ? `${this.controls.get(p[0])?.knob.label ?? p[0]} changes after a reset.` : `${p.length} changes apply after a reset.`;
    const m = this.draft.tags.mix;
    const match = Object.entries(TAG_MIXES).find(([, w]) => w.rest === m.rest && w.carried === m.carried && w.vehicle === m.vehicle);
    this.tagMix.value = match ? match[0] : 'custom';
  }

  private refreshDerived(): void {
    const n = finderCount(this.draft, this.areaKm2);
    const big = n > LARGE_CROWD;
    this.finderNote.textContent = this.areaKm2
      ? `= ${fmtNumber(n)} phones on ${this.worldName} (${fmtNumber(this.areaKm2)} km²)${big ? ': very large, the simulation may run out of memory' : ''}`
      : '';
    this.finderNote.classList.toggle('warn', big);
    const r = this.draft.radio;
    this.rangeNote.textContent = `Median range: ${fmtDistance(medianRange(r.rssiAt1m, r.sensitivityDbm, r.pathLossExponent))} (where half the advertisements are heard)`;
  }
}
