/**
 * The Sweeps tab: define a sweep on the current scenario (one numeric knob over a list or
 * range of values, several seeds each, a simulated duration), run it in the page's pool
 * of web workers with progress, ETA and cancel, and watch the per-value means with 95%
 * confidence bands fill in as runs finish. Exports: each chart as PNG and SVG, the runs
 * and aggregates as CSV and the whole sweep as sweep.json (which
 * `crowdfind sweep --definition sweep.json` re-runs).
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './sweep.css';
import { KNOBS, type NumberKnob } from '../sim/knobs.ts';
import { getPath, type Scenario } from '../sim/scenario.ts';
import { aggregate } from '../sweep/aggregate.ts';
import { aggregatesCsv, runsCsv } from '../sweep/csv.ts';
import { makeDefinition, parseValues, runCount, runScenario, SweepDefinitionError, type SweepDefinition } from '../sweep/definition.ts';
import { documentJson, makeDocument } from '../sweep/document.ts';
import type { RunRow } from '../sweep/run-row.ts';
import { APP_VERSION, saveBlob, svgToPng } from './export.ts';
import { fmtDuration, fmtNumber } from './format.ts';
import { isShare } from './knob-controls.ts';
import { SWEEP_CHARTS, sweepHasData, sweepKnob, yRange, type SweepChartSpec, type SweepLine } from './sweep-chart-data.ts';
import { defaultSweepThreads, runSweepInPage, type RunningSweep } from './sweep-runner.ts';
import { sweepChartToSvg } from './sweep-svg.ts';

export type SweepSource = { worldId: string; baseUrl: string } | { worldText: string };

export interface SweepHost {
  /** the current run: scenario, world and where a worker loads the world from; undefined while loading */
  current(): { scenario: Scenario; world: { id: string; name: string; areaKm2: number }; source: SweepSource } | undefined;
  notify(msg: string, kind?: 'info' | 'error'): void;
}

/** read-only state for tests and the console (window.crowdfind.sweep) */
export interface SweepHook {
  liveWorkers(): number;
  readonly status: { phase: 'idle' | 'running' | 'done' | 'cancelled' | 'failed'; done: number; total: number; rows: number };
}

const SWEEPABLE = KNOBS.filter((k): k is NumberKnob => k.kind === 'number' && k.path !== 'seed');
const DURATIONS: [number, string][] = [[600, '10 min'], [1800, '30 min'], [3600, '1 h'], [7200, '2 h'], [14400, '4 h'], [43200, '12 h'], [86400, '24 h']];
const OSM_WORLDS = new Set(['monaco', 'andorra', 'tiergarten', 'custom']);

let uid = 0;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** a labelled form row: label on the left, control(s) on the right */
function row(label: string, control: HTMLElement, ...more: HTMLElement[]): HTMLElement {
  const r = el('div', 'sweep-row');
  const l = el('label', undefined, label);
  if (!control.id) control.id = `sweep-ctl-${++uid}`;
  l.htmlFor = control.id;
  const box = el('div', 'sweep-controls');
  box.append(control, ...more);
  r.append(l, box);
  return r;
}

function numberInput(id: string, label: string, step = 'any'): HTMLInputElement {
  const i = el('input');
  i.type = 'number';
  i.id = id;
  i.step = step;
  i.setAttribute('aria-label', label);
  return i;
}

function fmtValue(k: NumberKnob, v: number): string {
  if (isShare(k)) return `${fmtNumber(v * 100, 1)}%`;
  return Math.abs(v) >= 1000 ? fmtNumber(v, 0) : String(Number(v.toPrecision(4)));
}

const rgba = (hex: string, a: number) => {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
};

interface Card {
  build: (def: SweepDefinition, aggs: ReturnType<typeof aggregate>) => SweepChartSpec;
  id: string;
  el: HTMLElement;
  plotEl: HTMLElement;
  emptyEl: HTMLElement;
  plot?: uPlot;
  spec?: SweepChartSpec;
  sweep: number;
}

export class SweepView {
  readonly el = el('div', 'sweep');
  readonly hook: SweepHook;

  private readonly form = el('fieldset', 'sweep-form');
  private readonly param = el('select');
  private readonly mode = el('select');
  private readonly list = el('input');
  private readonly from = numberInput('sweep-from', 'From');
  private readonly to = numberInput('sweep-to', 'To');
  private readonly count = numberInput('sweep-count', 'Number of values', '1');
  private readonly rangeBox = el('div', 'sweep-range');
  private readonly valuesOut = el('p', 'sweep-values');
  private readonly seeds = numberInput('sweep-seeds', 'Seeds per value', '1');
  private readonly duration = el('select');
  private readonly crypto = el('select');
  private readonly baseOut = el('p', 'sweep-base');
  private readonly estimateOut = el('p', 'sweep-estimate');
  private readonly runBtn = el('button', 'primary', 'Run sweep');
  private readonly cancelBtn = el('button', undefined, 'Cancel');
  private readonly progress = el('progress');
  private readonly statusOut = el('p', 'sweep-status');
  private readonly progressBox = el('div', 'sweep-progress');
  private readonly results = el('div', 'sweep-results');
  private readonly files = el('div', 'sweep-files');
  private readonly cards: Card[] = [];

  private running?: RunningSweep;
  private def?: SweepDefinition;
  private rows: RunRow[] = [];
  private worldName = '';
  private phase: SweepHook['status']['phase'] = 'idle';
  private cancelled = false;
  private wallS = 0;
  private sweepNo = 0;

  constructor(private readonly host: SweepHost) {
    this.buildForm();
    this.buildResults();
    const view = this;
    this.hook = {
      liveWorkers: () => view.running?.liveWorkers() ?? 0,
      get status() {
        return { phase: view.phase, done: view.rows.length, total: view.def ? runCount(view.def) : 0, rows: view.rows.length };
      },
    };
    new ResizeObserver(() => this.resize()).observe(this.el);
    // the live run may have changed world or knobs since the tab was shown
    this.el.addEventListener('pointerenter', () => this.running || this.refresh());
    this.el.addEventListener('focusin', () => this.running || this.refresh());
  }

  // ------------------------------------------------------------------ form

  private buildForm(): void {
    const f = this.form;
    f.append(el('legend', undefined, 'Define a sweep'));
    const intro = el('p', 'hint', 'Runs the current scenario many times, varying one knob, with several seeds per value; the charts show means with 95% confidence bands.');

    this.param.id = 'sweep-param';
    for (const k of SWEEPABLE) this.param.add(new Option(k.unit ? `${k.label} (${k.unit})` : k.label, k.flag));
    this.param.value = 'density';
    this.param.addEventListener('change', () => {
      this.defaultValues();
      this.refresh();
    });

    this.mode.id = 'sweep-mode';
    this.mode.setAttribute('aria-label', 'How the values are given');
    for (const [v, t] of [['list', 'List'], ['lin', 'Linear range'], ['log', 'Log range']]) this.mode.add(new Option(t, v));
    this.mode.addEventListener('change', () => this.refresh());

    this.list.type = 'text';
    this.list.id = 'sweep-list';
    this.list.placeholder = 'e.g. 300, 1000, 3000';
    this.list.setAttribute('aria-label', 'Values, separated by commas');
    this.list.inputMode = 'decimal';
    this.count.min = '2';
    this.count.max = '50';
    const lab = (text: string, input: HTMLInputElement) => {
      const l = el('label', 'sweep-mini');
      l.append(el('span', undefined, text), input);
      return l;
    };
    this.rangeBox.append(lab('from', this.from), lab('to', this.to), lab('count', this.count));
    this.valuesOut.id = 'sweep-values';
    this.valuesOut.setAttribute('aria-live', 'polite');

    this.seeds.min = '1';
    this.seeds.max = '50';
    this.seeds.value = '3';

    this.duration.id = 'sweep-duration';
    for (const [s, t] of DURATIONS) this.duration.add(new Option(t, String(s)));
    this.duration.value = '3600';

    this.crypto.id = 'sweep-crypto';
    this.crypto.add(new Option('modeled (fast)', 'modeled'));
    this.crypto.add(new Option('real', 'real'));

    this.runBtn.type = 'button';
    this.runBtn.id = 'sweep-run';
    this.runBtn.addEventListener('click', () => this.start());
    this.baseOut.id = 'sweep-base';
    this.estimateOut.id = 'sweep-estimate';

    for (const i of [this.list, this.from, this.to, this.count, this.seeds]) i.addEventListener('input', () => this.refresh());
    for (const s of [this.duration, this.crypto]) s.addEventListener('change', () => this.refresh());

    const valuesBox = el('div', 'sweep-valuesbox');
    valuesBox.append(this.list, this.rangeBox);
    f.append(
      intro,
      row('Parameter', this.param),
      row('Values', this.mode),
      valuesBox,
      this.valuesOut,
      row('Seeds per value', this.seeds),
      row('Simulated time per run', this.duration),
      row('Crypto', this.crypto),
      this.baseOut,
      this.estimateOut,
    );
    const actions = el('div', 'sweep-actions');
    actions.append(this.runBtn);
    this.el.append(f, actions);

    this.cancelBtn.type = 'button';
    this.cancelBtn.id = 'sweep-cancel';
    this.cancelBtn.className = 'small';
    this.cancelBtn.addEventListener('click', () => this.cancel());
    this.progress.id = 'sweep-progressbar';
    this.progress.setAttribute('aria-label', 'Sweep progress');
    this.statusOut.id = 'sweep-status';
    this.statusOut.setAttribute('role', 'status');
    const bar = el('div', 'sweep-progress-row');
    bar.append(this.progress, this.cancelBtn);
    this.progressBox.append(bar, this.statusOut);
    this.progressBox.hidden = true;
    this.el.append(this.progressBox);
    this.defaultValues();
  }

  private get knob(): NumberKnob {
    return SWEEPABLE.find((k) => k.flag === this.param.value)!;
  }

  /** sensible starting values for the chosen knob: densities over decades, else half to twice the current value */
  private defaultValues(): void {
    const k = this.knob;
    const base = this.host.current()?.scenario;
    if (k.flag === 'density') {
      this.mode.value = 'log';
      this.setRange(300, 10000, 6);
      this.list.value = '300, 1000, 3000, 10000';
      return;
    }
    const cur = Number(base ? getPath(base, k.path) : k.default);
    const centre = cur > 0 ? cur : k.max / 2;
    const r = (v: number) => (k.integer ? Math.round(v) : Number(v.toPrecision(3)));
    let lo = r(Math.max(k.min, centre / 2)), hi = r(Math.min(k.max, centre * 2));
    if (!(hi > lo)) [lo, hi] = [k.min, k.max];
    const count = k.integer ? Math.max(2, Math.min(5, hi - lo + 1)) : 5;
    this.mode.value = k.scale === 'log' && lo > 0 ? 'log' : 'lin';
    this.setRange(lo, hi, count);
    this.list.value = [lo, r(centre), hi].filter((v, i, a) => a.indexOf(v) === i).join(', ');
  }

  private setRange(from: number, to: number, count: number): void {
    this.from.value = String(from);
    this.to.value = String(to);
    this.count.value = String(count);
  }

  private valuesSpec(): string {
    const m = this.mode.value;
    if (m === 'list') return this.list.value;
    return `${m}:${this.from.value.trim()}:${this.to.value.trim()}:${this.count.value.trim()}`;
  }

  /** the definition the form describes on the current scenario, or the reason there is none */
  private definition(): { def: SweepDefinition } | { error: string } {
    const cur = this.host.current();
    if (!cur) return { error: 'Waiting for the current run to load.' };
    const seeds = Number(this.seeds.value);
    if (!Number.isInteger(seeds) || seeds < 1 || seeds > 50) return { error: 'Seeds per value: a whole number from 1 to 50.' };
    try {
      const base: Scenario = { ...structuredClone(cur.scenario), crypto: this.crypto.value as Scenario['crypto'] };
      return { def: makeDefinition({ param: this.knob.flag, values: this.valuesSpec(), seeds, durationS: Number(this.duration.value), base }) };
    } catch (err) {
      if (err instanceof SweepDefinitionError) return { error: err.message.charAt(0).toUpperCase() + err.message.slice(1) + '.' };
      throw err;
    }
  }

  /** re-reads the current scenario and updates the values, base and estimate lines (call when the tab is shown) */
  refresh(): void {
    const k = this.knob;
    const listMode = this.mode.value === 'list';
    this.list.hidden = !listMode;
    this.rangeBox.hidden = listMode;
    const unit = isShare(k) ? '' : k.unit ? ` ${k.unit}` : '';
    try {
      const values = parseValues(this.valuesSpec(), k);
      this.valuesOut.textContent = `${values.length} value${values.length === 1 ? '' : 's'}: ${values.map((v) => fmtValue(k, v)).join(', ')}${unit}`;
      this.valuesOut.classList.remove('error');
    } catch (err) {
      this.valuesOut.textContent = (err as Error).message;
      this.valuesOut.classList.add('error');
    }
    const cur = this.host.current();
    if (!cur) {
      this.baseOut.textContent = 'Base scenario: waiting for the current run to load.';
    } else {
      const s = cur.scenario;
      const cryptoNote = s.crypto === this.crypto.value ? `crypto ${s.crypto}` : `crypto ${this.crypto.value} (the live run uses ${s.crypto})`;
      this.baseOut.textContent = `Base: the current scenario on ${cur.world.name}, ${cryptoNote}, ${s.tags.count} tags, seeds from ${s.seed}; every other knob as in the Scenario tab.` +
        (this.crypto.value === 'real' ? ' Modeled crypto keeps report sizes and timing and is much faster.' : '') +
        (cur.world.id === 'custom' ? ' An imported city: to re-run the sweep elsewhere you need its map file too.' : '');
    }
    const d = this.definition();
    if ('error' in d) {
      this.estimateOut.textContent = d.error;
      this.estimateOut.classList.add('error');
      this.runBtn.disabled = true;
    } else {
      this.estimateOut.classList.remove('error');
      this.estimateOut.textContent = this.estimate(d.def);
      this.runBtn.disabled = !!this.running;
    }
  }

  /** what the sweep will run; how long it takes is measured once runs finish (the ETA), not guessed */
  private estimate(def: SweepDefinition): string {
    const n = runCount(def);
    const threads = Math.min(defaultSweepThreads(), n);
    const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
    return `${plural(def.values.length, 'value')} × ${plural(def.seeds, 'seed')} = ${plural(n, 'run')} of ${fmtDuration(def.durationS)} on ${plural(threads, 'worker')}${def.base.crypto === 'real' ? ' (real cryptography: much slower than modeled)' : ''}`;
  }


  // ------------------------------------------------------------------ running

  private start(): void {
    if (this.running) return;
    const d = this.definition();
    const cur = this.host.current();
    if ('error' in d || !cur) {
      this.refresh();
      return;
    }
    const def = d.def;
    this.def = def;
    this.rows = [];
    this.worldName = cur.world.name;
    this.cancelled = false;
    this.phase = 'running';
    this.sweepNo++;
    const total = runCount(def);
    const started = performance.now();
    this.form.disabled = true;
    this.runBtn.disabled = true;
    this.progressBox.hidden = false;
    this.cancelBtn.hidden = false;
    this.progress.max = total;
    this.progress.value = 0;
    this.statusOut.textContent = `Starting ${Math.min(defaultSweepThreads(), total)} workers for ${total} runs…`;
    this.results.hidden = false;
    this.files.hidden = true;
    this.draw();
    this.progressBox.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    let running: RunningSweep;
    try {
      running = runSweepInPage(def, cur.source, (p) => {
        this.rows.push(p.row);
        this.progress.value = p.done;
        this.statusOut.textContent = p.done < p.total ? `${p.done} of ${p.total} runs done · about ${fmtDuration(p.etaS)} left` : `${p.done} of ${p.total} runs done`;
        this.draw();
      });
    } catch (err) {
      this.finish('failed', `Could not start the sweep: ${(err as Error).message}`);
      return;
    }
    this.running = running;
    running.result.then(
      (r) => {
        this.rows = r.rows;
        this.wallS = (performance.now() - started) / 1000;
        if (r.cancelled || this.cancelled) this.finish('cancelled', `Cancelled, ${r.rows.length} of ${total} runs kept.`);
        else this.finish('done', `Done: ${total} runs in ${fmtDuration(this.wallS)}.`);
      },
      (err: unknown) => {
        this.wallS = (performance.now() - started) / 1000;
        if (this.cancelled) this.finish('cancelled', `Cancelled, ${this.rows.length} of ${total} runs kept.`);
        else this.finish('failed', `The sweep stopped: ${(err as Error).message ?? err}. ${this.rows.length} of ${total} runs kept.`);
      },
    );
  }

  private cancel(): void {
    if (!this.running) return;
    this.cancelled = true;
    this.running.cancel();
    this.statusOut.textContent = 'Cancelling…';
  }

  private finish(phase: 'done' | 'cancelled' | 'failed', message: string): void {
    this.running = undefined;
    this.phase = phase;
    this.form.disabled = false;
    this.cancelBtn.hidden = true;
    this.statusOut.textContent = message;
    this.statusOut.classList.toggle('error', phase === 'failed');
    if (phase === 'failed') this.host.notify(message, 'error');
    this.files.hidden = this.rows.length === 0;
    this.refresh();
    this.draw();
  }

  // ------------------------------------------------------------------ results

  private buildResults(): void {
    this.results.hidden = true;
    this.files.setAttribute('role', 'group');
    this.files.setAttribute('aria-label', 'Download the sweep');
    this.files.append(el('span', 'sweep-files-label', 'Download'));
    const file = (id: string, text: string, label: string, make: () => { name: string; blob: Blob }) => {
      const b = el('button', 'small', text);
      b.type = 'button';
      b.dataset.export = id;
      b.setAttribute('aria-label', label);
      b.addEventListener('click', () => {
        try {
          const f = make();
          saveBlob(f.name, f.blob);
        } catch (err) {
          this.host.notify(`Could not export the sweep: ${(err as Error).message}`, 'error');
        }
      });
      this.files.append(b);
    };
    file('runs-csv', 'runs.csv', 'Download every run as CSV', () => ({ name: `${this.stem()}-runs.csv`, blob: new Blob([runsCsv(this.def!, this.rows)], { type: 'text/csv' }) }));
    file('aggregates-csv', 'aggregates.csv', 'Download the per-value means and confidence intervals as CSV', () => ({ name: `${this.stem()}-aggregates.csv`, blob: new Blob([aggregatesCsv(this.def!, aggregate(this.def!, this.rows))], { type: 'text/csv' }) }));
    file('json', 'sweep.json', 'Download the sweep (definition, runs, aggregates) as JSON', () => ({ name: `${this.stem()}-sweep.json`, blob: new Blob([documentJson(this.document())], { type: 'application/json' }) }));
    this.files.hidden = true;
    const reproduce = el('p', 'hint sweep-reproduce');
    reproduce.append('sweep.json re-runs the same sweep on the command line: ', el('code', undefined, 'crowdfind sweep --definition sweep.json --out results/'));
    this.results.append(this.files);

    for (const { id, build } of SWEEP_CHARTS) {
      const card = el('section', 'chart-card sweep-card');
      card.dataset.sweepChart = id;
      const h = el('h3');
      const plotEl = el('div', 'chart-plot');
      const emptyEl = el('p', 'chart-empty');
      const bar = el('div', 'chart-export');
      bar.setAttribute('role', 'group');
      const entry: Card = { build, id, el: card, plotEl, emptyEl, sweep: -1 };
      for (const fmt of ['PNG', 'SVG'] as const) {
        const b = el('button', 'small', fmt);
        b.type = 'button';
        b.dataset.export = fmt.toLowerCase();
        b.addEventListener('click', () => void this.exportChart(entry, fmt));
        bar.append(b);
      }
      card.append(h, plotEl, emptyEl, bar);
      this.results.append(card);
      this.cards.push(entry);
    }
    this.results.append(reproduce);
    this.el.append(this.results);
  }

  private stem(): string {
    const def = this.def!;
    return `crowdfind-sweep-${def.base.world}-${sweepKnob(def).flag}`;
  }

  private document() {
    return makeDocument({ appVersion: APP_VERSION, definition: this.def!, shard: null, cancelled: this.phase === 'cancelled', wallSeconds: this.wallS, rows: this.rows });
  }

  private subtitle(def: SweepDefinition): string {
    return `${this.worldName} · ${def.seeds} seed${def.seeds === 1 ? '' : 's'} per value · ${fmtDuration(def.durationS)} simulated per run · crypto ${def.base.crypto} · ${this.rows.length} of ${runCount(def)} runs · points: means over seeds`;
  }

  private meta(def: SweepDefinition): string {
    return `Crowdfind ${APP_VERSION} · sweep of ${sweepKnob(def).flag} · base seed ${def.base.seed}${OSM_WORLDS.has(def.base.world) ? ' · map data © OpenStreetMap contributors' : ''}`;
  }

  private width(c: Card): number {
    return Math.max(220, Math.floor(c.el.clientWidth - 18));
  }

  /** redraws every chart from the rows so far */
  draw(): void {
    const def = this.def;
    if (!def) return;
    const aggs = aggregate(def, this.rows);
    for (const c of this.cards) {
      const spec = c.build(def, aggs);
      c.spec = spec;
      c.el.querySelector('h3')!.textContent = `${spec.title} vs ${spec.xLabel.replace(/ \(.*\)$/, '')}`;
      for (const b of c.el.querySelectorAll<HTMLButtonElement>('.chart-export button')) b.setAttribute('aria-label', `Download ${spec.title} as ${b.textContent}`);
      const show = sweepHasData(spec);
      c.emptyEl.textContent = this.running ? 'Points appear as runs finish.' : spec.empty;
      c.emptyEl.hidden = show;
      c.plotEl.hidden = !show;
      if (!show) continue;
      const data = [spec.x, ...spec.lines.map((l) => l.values)] as uPlot.AlignedData;
      if (!c.plot || c.sweep !== this.sweepNo) {
        c.plot?.destroy();
        c.sweep = this.sweepNo;
        c.plot = new uPlot(this.options(c, this.width(c)), data, c.plotEl);
      } else {
        c.plot.setData(data);
      }
    }
  }

  private options(c: Card, width: number): uPlot.Options {
    const spec = c.spec!;
    const fmtY = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : fmtNumber(v, 1));
    const k = sweepKnob(this.def!);
    const font = '11px system-ui, sans-serif';
    const lineOf = (si: number): SweepLine | undefined => c.spec?.lines[si - 1];
    return {
      width,
      height: 190,
      scales: {
        // a little room around the swept values, not uPlot's whole decades
        x: {
          time: false,
          distr: spec.xLog ? 3 : 1,
          range: (_u, lo, hi) => {
            if (spec.xLog) return hi > lo ? [lo / 1.12, hi * 1.12] : [lo / 2, hi * 2];
            const pad = hi > lo ? (hi - lo) * 0.04 : Math.abs(lo) * 0.5 || 1;
            return [lo - pad, hi + pad];
          },
        },
        y: { distr: spec.yLog ? 3 : 1, range: () => yRange(c.spec!) },
      },
      axes: [
        { label: spec.xLabel + (spec.xLog ? ', log scale' : ''), labelSize: 16, size: 34, font, labelFont: font },
        { label: spec.yLabel + (spec.yLog ? ', log scale' : ''), labelSize: 16, size: 46, font, labelFont: font },
      ],
      series: [
        { label: k.label, value: (_u, v) => (v === null || v === undefined ? '–' : fmtValue(k, v)) },
        ...spec.lines.map((l, i) => ({
          label: l.label,
          stroke: l.color,
          width: l.points ? 1.6 : 1.4,
          dash: l.dash,
          spanGaps: true,
          points: { show: l.points, size: 6, fill: l.color, stroke: l.color },
          value: (_u: uPlot, v: number | null, _si: number, idx: number | null) => {
            if (idx === null || idx === undefined) return '–';
            const line = lineOf(i + 1);
            const lo = line?.lo?.[idx], hi = line?.hi?.[idx];
            return lo !== undefined && lo !== null && hi !== undefined && hi !== null ? `${fmtY(v)} (${fmtY(lo)}–${fmtY(hi)})` : fmtY(v);
          },
        })),
      ],
      hooks: { drawAxes: [(u: uPlot) => this.drawBands(u, c)] },
      legend: { show: true, live: true },
      cursor: {
        drag: { x: false, y: false },
        points: { size: 7 },
        // on the theory grid, read measured series at their nearest value
        dataIdx: (u, si, closest, xv) => {
          const col = u.data[si] as (number | null | undefined)[];
          if (si === 0 || (col[closest] !== null && col[closest] !== undefined)) return closest;
          const xs = u.data[0];
          let best = closest, bestD = Infinity;
          for (let i = 0; i < col.length; i++) {
            if (col[i] === null || col[i] === undefined) continue;
            const d = Math.abs(u.valToPos(xs[i], 'x') - u.valToPos(xv, 'x'));
            if (d < bestD) [best, bestD] = [i, d];
          }
          return best;
        },
      },
    };
  }

  /** 95% CI bands under the lines, as filled areas (a vertical bar where there is one value) */
  private drawBands(u: uPlot, c: Card): void {
    const spec = c.spec;
    if (!spec) return;
    const ctx = u.ctx;
    ctx.save();
    ctx.beginPath();
    ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
    ctx.clip();
    spec.lines.forEach((l, i) => {
      if (!l.lo || !l.hi || u.series[i + 1]?.show === false) return;
      const idx = spec.x.map((_, j) => j).filter((j) => l.lo![j] !== null && l.hi![j] !== null);
      if (!idx.length) return;
      const X = (j: number) => u.valToPos(spec.x[j], 'x', true);
      const yMin = u.scales.y.min ?? 0, yMax = u.scales.y.max ?? 1;
      const Y = (v: number) => u.valToPos(Math.min(Math.max(v, yMin), yMax), 'y', true);
      if (idx.length === 1) {
        const j = idx[0];
        ctx.strokeStyle = rgba(l.color, 0.3);
        ctx.lineWidth = 6 * devicePixelRatio;
        ctx.beginPath();
        ctx.moveTo(X(j), Y(l.hi![j]!));
        ctx.lineTo(X(j), Y(l.lo![j]!));
        ctx.stroke();
        return;
      }
      ctx.fillStyle = rgba(l.color, 0.13 * (l.bandWeight ?? 1));
      ctx.beginPath();
      idx.forEach((j, n) => (n ? ctx.lineTo(X(j), Y(l.hi![j]!)) : ctx.moveTo(X(j), Y(l.hi![j]!))));
      for (let n = idx.length - 1; n >= 0; n--) ctx.lineTo(X(idx[n]), Y(l.lo![idx[n]]!));
      ctx.closePath();
      ctx.fill();
    });
    ctx.restore();
  }

  private resize(): void {
    for (const c of this.cards) {
      const w = this.width(c);
      if (c.plot && Math.abs(c.plot.width - w) > 2) c.plot.setSize({ width: w, height: 190 });
    }
  }

  private async exportChart(c: Card, fmt: 'PNG' | 'SVG'): Promise<void> {
    const def = this.def;
    if (!def) return this.host.notify('Nothing to export yet: run a sweep first.', 'error');
    const spec = c.build(def, aggregate(def, this.rows));
    const svg = sweepChartToSvg(spec, this.subtitle(def), this.meta(def));
    const name = `${this.stem()}-${c.id}`;
    try {
      if (fmt === 'SVG') saveBlob(`${name}.svg`, new Blob([svg], { type: 'image/svg+xml' }));
      else saveBlob(`${name}.png`, await svgToPng(svg));
    } catch (err) {
      this.host.notify(`Could not export the chart: ${(err as Error).message}`, 'error');
    }
  }
}
