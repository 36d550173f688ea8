/**
 * The live charts: one uPlot per chart spec, with a hover read-out in the legend and an
 * export menu (PNG, SVG, CSV, JSON) under each. Charts redraw only when new metrics rows
 * arrived and only while the Charts tab is visible, so a 3600× run never waits on them.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { CHART_BUILDERS, hasData, type ChartSpec } from './chart-data.ts';
import { chartCsv, chartJson, chartSvg, fileStem, saveBlob, svgToPng, type ExportContext } from './export.ts';
import { fmtNumber } from './format.ts';
import type { MetricsStore } from './metrics-store.ts';

interface ChartCard {
  build: (m: MetricsStore) => ChartSpec;
  card: HTMLElement;
  plotEl: HTMLElement;
  emptyEl: HTMLElement;
  plot?: uPlot;
  signature: string;
  spec?: ChartSpec;
}

export class ChartsView {
  readonly el = document.createElement('div');
  private readonly cards: ChartCard[] = [];
  private drawnRevision = -1;
  private readonly summaryEl = document.createElement('div');

  constructor(
    private readonly store: MetricsStore,
    private readonly context: () => ExportContext | undefined,
    private readonly notify: (msg: string, kind?: 'info' | 'error') => void,
  ) {
    this.el.className = 'charts';
    this.summaryEl.className = 'run-summary';
    this.el.append(this.summaryEl);
    for (const build of CHART_BUILDERS) {
      const card = document.createElement('section');
      card.className = 'chart-card';
      const spec = build(store);
      card.dataset.chart = spec.id;
      const h = document.createElement('h3');
      h.textContent = spec.title;
      const plotEl = document.createElement('div');
      plotEl.className = 'chart-plot';
      const emptyEl = document.createElement('p');
      emptyEl.className = 'chart-empty';
      emptyEl.textContent = spec.empty;
      const bar = document.createElement('div');
      bar.className = 'chart-export';
      bar.setAttribute('role', 'group');
      bar.setAttribute('aria-label', `Export ${spec.title}`);
      const entry: ChartCard = { build, card, plotEl, emptyEl, signature: '' };
      for (const fmt of ['PNG', 'SVG', 'CSV', 'JSON'] as const) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'small';
        b.textContent = fmt;
        b.dataset.export = fmt.toLowerCase();
        b.setAttribute('aria-label', `Download ${spec.title} as ${fmt}`);
        b.addEventListener('click', () => void this.exportChart(entry, fmt));
        bar.append(b);
      }
      card.append(h, plotEl, emptyEl, bar);
      this.el.append(card);
      this.cards.push(entry);
    }
    new ResizeObserver(() => this.resize()).observe(this.el);
  }

  /** redraws if there is new data and the view is visible */
  update(force = false): void {
    if (!this.el.isConnected || this.el.offsetParent === null) return;
    if (!force && this.drawnRevision === this.store.revision) return;
    this.drawnRevision = this.store.revision;
    this.renderSummary();
    for (const c of this.cards) this.draw(c);
  }

  private renderSummary(): void {
    const s = this.store.summary;
    if (!s) {
      this.summaryEl.textContent = 'Charts fill in as the run goes: one sample per simulated minute.';
      return;
    }
    const ttff = s.timeToFirstFix;
    this.summaryEl.textContent =
      `${fmtNumber(s.locatedShareEnd * 100, 0)}% of ${s.tags} tags located · ` +
      `median first fix ${Number.isFinite(ttff.median) ? fmtNumber(ttff.median / 60, 1) + ' min' : '–'} · ` +
      `${fmtNumber(s.reportsPerHour, 0)} reports/h`;
  }

  private width(c: ChartCard): number {
    return Math.max(200, Math.floor(c.card.clientWidth - 2));
  }

  private draw(c: ChartCard): void {
    const spec = c.build(this.store);
    c.spec = spec;
    const show = hasData(spec);
    c.emptyEl.hidden = show;
    c.plotEl.hidden = !show;
    if (!show) return;
    const data = [spec.x, ...spec.series.map((s) => (s.values.length === spec.x.length ? s.values : spec.x.map(() => null)))] as uPlot.AlignedData;
    const sig = `${spec.xLabel}|${spec.series.length}`;
    if (!c.plot || sig !== c.signature) {
      c.plot?.destroy();
      c.signature = sig;
      c.plot = new uPlot(this.options(spec, this.width(c)), data, c.plotEl);
    } else {
      c.plot.setData(data);
    }
  }

  private options(spec: ChartSpec, width: number): uPlot.Options {
    const fmtY = (v: number | null) => (v === null || v === undefined ? '–' : fmtNumber(v, 1));
    return {
      width,
      height: 170,
      scales: {
        x: { time: false },
        y: spec.yLog ? { distr: 3 } : spec.yMax !== undefined ? { range: [spec.yMin ?? 0, spec.yMax] } : { range: (_u, _lo, hi) => [spec.yMin ?? 0, Math.max(1, hi * 1.08)] },
      },
      axes: [
        { label: spec.xLabel, labelSize: 16, size: 34, font: '11px system-ui, sans-serif', labelFont: '11px system-ui, sans-serif' },
        { label: spec.yLabel, labelSize: 16, size: 46, font: '11px system-ui, sans-serif', labelFont: '11px system-ui, sans-serif' },
      ],
      series: [
        { label: spec.xLabel.replace(/^simulated /, ''), value: (_u, v) => (v === null || v === undefined ? '–' : fmtNumber(v, 1)) },
        ...spec.series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 1.6,
          dash: s.dash,
          spanGaps: false,
          // under the cursor: the value there; otherwise the latest value
          value: (u: uPlot, v: number | null, si: number, idx: number | null) => {
            if (idx !== null && idx !== undefined) return fmtY(v);
            const col = u.data[si] as (number | null)[];
            for (let i = col.length - 1; i >= 0; i--) if (col[i] !== null && col[i] !== undefined) return fmtY(col[i]);
            return '–';
          },
          ...(spec.stepped ? { paths: uPlot.paths.stepped!({ align: 1 }) } : {}),
        })),
      ],
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
    };
  }

  private resize(): void {
    for (const c of this.cards) {
      const w = this.width(c);
      // only on a real width change, so a scrollbar appearing cannot start a resize loop
      if (c.plot && Math.abs(c.plot.width - w) > 2) c.plot.setSize({ width: w, height: 170 });
    }
  }

  private async exportChart(c: ChartCard, fmt: 'PNG' | 'SVG' | 'CSV' | 'JSON'): Promise<void> {
    const ctx = this.context();
    if (!ctx) return this.notify('Nothing to export yet: no run is loaded.', 'error');
    const spec = c.build(this.store);
    const stem = fileStem(ctx, spec.id);
    try {
      if (fmt === 'SVG') saveBlob(`${stem}.svg`, new Blob([chartSvg(spec, ctx)], { type: 'image/svg+xml' }));
      else if (fmt === 'PNG') saveBlob(`${stem}.png`, await svgToPng(chartSvg(spec, ctx)));
      else if (fmt === 'CSV') saveBlob(`${stem}.csv`, new Blob([chartCsv(spec, ctx)], { type: 'text/csv' }));
      else saveBlob(`${stem}.json`, new Blob([chartJson(spec, ctx, { summary: this.store.summary ?? null })], { type: 'application/json' }));
    } catch (err) {
      this.notify(`Could not export the chart: ${(err as Error).message}`, 'error');
    }
  }
}
