/**
 * Files out of the page: charts as SVG, PNG, CSV and JSON, the map as a PNG snapshot
 * with its attribution, the scenario as JSON. Everything is built in memory and saved
 * through a blob: link (the page's CSP allows blob: and nothing foreign).
 */
import { APP_VERSION } from '../version.ts';
import type { Scenario } from '../sim/scenario.ts';
import type { ChartSpec } from './chart-data.ts';
import { chartToSvg, SVG_H, SVG_W } from './chart-svg.ts';

export { APP_VERSION };

/** what a file needs to say so a figure can be reproduced */
export interface ExportContext {
  scenario: Scenario;
  world: { id: string; name: string; areaKm2: number };
  /** simulated seconds at export time */
  simTime: number;
  /** version reported by the simulation worker, if any */
  simVersion?: string;
}

export function provenance(ctx: ExportContext) {
  return {
    app: 'crowdfind',
    appVersion: APP_VERSION,
    simVersion: ctx.simVersion ?? null,
    exportedAt: new Date().toISOString(),
    world: ctx.world,
    seed: ctx.scenario.seed,
    crypto: ctx.scenario.crypto,
    simulatedSeconds: ctx.simTime,
    scenario: ctx.scenario,
  };
}

export function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function fileStem(ctx: ExportContext, what: string): string {
  return `crowdfind-${ctx.world.id}-seed${ctx.scenario.seed}-${what}`;
}

export function metaLine(ctx: ExportContext): string {
  return `Crowdfind ${APP_VERSION} · ${ctx.world.name} · seed ${ctx.scenario.seed} · crypto ${ctx.scenario.crypto} · data © OpenStreetMap contributors`;
}

const csvCell = (v: number | string | null) => (v === null ? '' : typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function chartCsv(c: ChartSpec, ctx: ExportContext): string {
  const lines = [`# ${c.title}; ${metaLine(ctx)}; scenario in the JSON export or as URL parameters`];
  lines.push([c.xColumn, ...c.series.map((s) => s.label.replace(/\s+/g, '_'))].map(csvCell).join(','));
  for (let i = 0; i < c.x.length; i++) lines.push([c.x[i], ...c.series.map((s) => s.values[i] ?? null)].map(csvCell).join(','));
  return lines.join('\n') + '\n';
}

export function chartJson(c: ChartSpec, ctx: ExportContext, extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      format: 'crowdfind-chart',
      chart: c.id,
      title: c.title,
      ...provenance(ctx),
      x: { label: c.xLabel, column: c.xColumn, values: c.x },
      y: { label: c.yLabel, log: !!c.yLog },
      series: c.series.map((s) => ({ label: s.label, values: s.values })),
      ...extra,
    },
    null,
    1,
  );
}

export function chartSvg(c: ChartSpec, ctx: ExportContext): string {
  return chartToSvg(c, metaLine(ctx));
}

/** rasterises an SVG document at `scale` into a PNG */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = SVG_W * scale;
    c.height = SVG_H * scale;
    const ctx = c.getContext('2d')!;
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, SVG_W, SVG_H);
    return await canvasPng(c);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function canvasPng(c: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => c.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode a PNG'))), 'image/png'));
}

/** the map canvas, with the attribution and a caption drawn into the image */
export async function mapSnapshot(mapCanvas: HTMLCanvasElement, attribution: string, caption: string): Promise<Blob> {
  const c = document.createElement('canvas');
  c.width = mapCanvas.width;
  c.height = mapCanvas.height;
  const ctx = c.getContext('2d')!;
  ctx.drawImage(mapCanvas, 0, 0);
  const k = mapCanvas.width / Math.max(1, mapCanvas.clientWidth || mapCanvas.width);
  ctx.scale(k, k);
  const w = c.width / k, h = c.height / k;
  ctx.font = '12px system-ui, sans-serif';
  const pad = 6;
  const aw = ctx.measureText(attribution).width + 2 * pad;
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(w - aw, h - 20, aw, 20);
  ctx.fillStyle = '#333';
  ctx.textBaseline = 'middle';
  ctx.fillText(attribution, w - aw + pad, h - 10);
  ctx.font = '600 13px system-ui, sans-serif';
  const cw = ctx.measureText(caption).width + 2 * pad;
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.fillRect(0, 0, cw, 24);
  ctx.fillStyle = '#1c1c1e';
  ctx.fillText(caption, pad, 12);
  return canvasPng(c);
}

export function scenarioFile(s: Scenario): Blob {
  return new Blob([JSON.stringify(s, null, 2) + '\n'], { type: 'application/json' });
}
