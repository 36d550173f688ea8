/**
 * A chart as a standalone SVG document, drawn from the chart's data (not a screenshot):
 * title, axes with ticks and unit labels, one path per series (gaps break the line),
 * and a legend. Used for the SVG export and, rasterised, for the PNG export.
 */
import type { ChartSpec } from './chart-data.ts';
import { escapeHtml } from './format.ts';

export const SVG_W = 760;
export const SVG_H = 470;

/** "nice" ticks covering [lo, hi] */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  if (!(hi > lo)) hi = lo + 1;
  const raw = (hi - lo) / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

export function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(Math.pow(10, e));
  return out;
}

function fmtTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 10000) return `${Number((v / 1000).toPrecision(3))}k`;
  return String(Number(v.toPrecision(4)));
}

export function chartToSvg(c: ChartSpec, meta: string): string {
  const W = SVG_W, H = SVG_H;
  const L = 72, R = 20, T = 48, B = 128;
  const pw = W - L - R, ph = H - T - B;
  const xs = c.x;
  const allY = c.series.flatMap((s) => s.values.filter((v): v is number => v !== null && (!c.yLog || v > 0)));
  let x0 = xs.length ? Math.min(...xs) : 0, x1 = xs.length ? Math.max(...xs) : 1;
  if (!(x1 > x0)) x1 = x0 + 1;
  let y0: number, y1: number, yTicks: number[];
  if (c.yLog) {
    y0 = allY.length ? Math.min(...allY) : 1;
    y1 = allY.length ? Math.max(...allY) : 100;
    yTicks = logTicks(Math.max(y0, 1e-3), Math.max(y1, 1e-3 * 10));
    y0 = yTicks[0];
    y1 = yTicks[yTicks.length - 1];
    if (!(y1 > y0)) y1 = y0 * 10;
  } else {
    y0 = c.yMin ?? (allY.length ? Math.min(...allY) : 0);
    y1 = c.yMax ?? (allY.length ? Math.max(...allY) : 1);
    if (!(y1 > y0)) y1 = y0 + 1;
    yTicks = niceTicks(y0, y1, 5);
    y1 = Math.max(y1, yTicks[yTicks.length - 1]);
  }
  const xTicks = niceTicks(x0, x1, 7);
  const px = (v: number) => L + ((v - x0) / (x1 - x0)) * pw;
  const py = (v: number) => (c.yLog ? T + ph - ((Math.log10(v) - Math.log10(y0)) / (Math.log10(y1) - Math.log10(y0))) * ph : T + ph - ((v - y0) / (y1 - y0)) * ph);
  const f = (v: number) => v.toFixed(1);
  const parts: string[] = [];
  parts.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  parts.push(`<title>${escapeHtml(c.title)}</title>`);
  parts.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  parts.push(`<text x="${L}" y="28" font-size="16" font-weight="bold" fill="#1c1c1e">${escapeHtml(c.title)}</text>`);
  // grid and ticks
  parts.push(`<g stroke="#e6e4df" stroke-width="1">`);
  for (const t of yTicks) if (t >= y0 && t <= y1) parts.push(`<line x1="${L}" x2="${L + pw}" y1="${f(py(t))}" y2="${f(py(t))}"/>`);
  for (const t of xTicks) parts.push(`<line x1="${f(px(t))}" x2="${f(px(t))}" y1="${T}" y2="${T + ph}"/>`);
  parts.push(`</g>`);
  parts.push(`<g fill="#55555a" font-size="11">`);
  for (const t of yTicks) if (t >= y0 && t <= y1) parts.push(`<text x="${L - 6}" y="${f(py(t) + 4)}" text-anchor="end">${fmtTick(t)}</text>`);
  for (const t of xTicks) parts.push(`<text x="${f(px(t))}" y="${T + ph + 16}" text-anchor="middle">${fmtTick(t)}</text>`);
  parts.push(`</g>`);
  parts.push(`<path d="M${L} ${T}V${T + ph}H${L + pw}" fill="none" stroke="#8a8780" stroke-width="1"/>`);
  parts.push(`<text x="${L + pw / 2}" y="${T + ph + 36}" text-anchor="middle" fill="#1c1c1e">${escapeHtml(c.xLabel)}</text>`);
  parts.push(`<text transform="translate(18 ${T + ph / 2}) rotate(-90)" text-anchor="middle" fill="#1c1c1e">${escapeHtml(c.yLabel)}${c.yLog ? ' (log scale)' : ''}</text>`);
  // series
  parts.push(`<g fill="none" stroke-width="2" stroke-linejoin="round" stroke-linecap="round">`);
  for (const s of c.series) {
    let d = '';
    let pen = false;
    for (let i = 0; i < xs.length && i < s.values.length; i++) {
      const v = s.values[i];
      if (v === null || (c.yLog && v <= 0)) {
        pen = false;
        continue;
      }
      const X = f(px(xs[i])), Y = f(py(v));
      if (!pen) d += `M${X} ${Y}`;
      else if (c.stepped) d += `H${X}V${Y}`;
      else d += `L${X} ${Y}`;
      pen = true;
    }
    if (!d) d = `M${L} ${T + ph}`;
    parts.push(`<path d="${d}" stroke="${s.color}"${s.dash ? ` stroke-dasharray="${s.dash.join(' ')}"` : ''}><title>${escapeHtml(s.label)}</title></path>`);
  }
  parts.push(`</g>`);
  // legend
  let lx = L, ly = T + ph + 62;
  parts.push(`<g font-size="12" fill="#1c1c1e">`);
  for (const s of c.series) {
    const w = 34 + s.label.length * 6.6;
    if (lx + w > W - R) {
      lx = L;
      ly += 18;
    }
    parts.push(`<line x1="${lx}" x2="${lx + 22}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2.5"${s.dash ? ` stroke-dasharray="${s.dash.join(' ')}"` : ''}/>`);
    parts.push(`<text x="${lx + 28}" y="${ly}">${escapeHtml(s.label)}</text>`);
    lx += w;
  }
  parts.push(`</g>`);
  parts.push(`<text x="${W - R}" y="${H - 8}" text-anchor="end" font-size="10" fill="#8a8780">${escapeHtml(meta)}</text>`);
  parts.push(`</svg>`);
  return parts.join('\n');
}
