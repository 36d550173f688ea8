/**
 * A sweep chart as a standalone SVG document, drawn from its data: confidence bands as
 * filled vector paths, one path per line (measured points with markers, the theory
 * curve dashed), axes with units (log x when the values span decades), a legend and a
 * provenance line. The same size as the live charts' SVG so svgToPng rasterises it.
 */
import { escapeHtml } from './format.ts';
import { logTicks, niceTicks, SVG_H, SVG_W } from './chart-svg.ts';
import { yRange, type SweepChartSpec } from './sweep-chart-data.ts';

function fmtTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 10000) return `${Number((v / 1000).toPrecision(3))}k`;
  return String(Number(v.toPrecision(4)));
}

/** log x ticks: decades, plus 2 and 5 when there are few decades */
function logXTicks(lo: number, hi: number): number[] {
  const decades = logTicks(lo, hi);
  if (decades.length > 4) return decades.filter((t) => t >= lo * 0.999 && t <= hi * 1.001);
  return decades.flatMap((d) => [d, 2 * d, 5 * d]).filter((t) => t >= lo * 0.999 && t <= hi * 1.001);
}

export function sweepChartToSvg(c: SweepChartSpec, subtitle: string, meta: string): string {
  const W = SVG_W, H = SVG_H;
  const L = 72, R = 20, T = 62, B = 118;
  const pw = W - L - R, ph = H - T - B;
  const xs = c.x;
  let x0 = xs.length ? xs[0] : 0, x1 = xs.length ? xs[xs.length - 1] : 1;
  if (!(x1 > x0)) {
    x0 = c.xLog ? x0 / 2 : x0 - 1;
    x1 = c.xLog ? x1 * 2 : x1 + 1;
  }
  let [y0, y1] = yRange(c);
  if (!(y1 > y0)) y1 = c.yLog ? y0 * 10 : y0 + 1;
  let yTicks: number[];
  if (c.yLog) {
    const decades = logTicks(y0, y1);
    yTicks = (decades.length > 3 ? decades : decades.flatMap((d) => [d, 2 * d, 5 * d])).filter((t) => t >= y0 && t <= y1);
  } else {
    yTicks = niceTicks(y0, y1, 5);
    if (c.yMax === undefined) y1 = Math.max(y1, yTicks[yTicks.length - 1]);
  }
  const xTicks = c.xLog ? logXTicks(x0, x1) : niceTicks(x0, x1, 7).filter((t) => t >= x0 && t <= x1);
  const px = (v: number) => L + (c.xLog ? (Math.log10(v) - Math.log10(x0)) / (Math.log10(x1) - Math.log10(x0)) : (v - x0) / (x1 - x0)) * pw;
  const py = (v: number) => {
    const y = Math.min(Math.max(v, y0), y1);
    return T + ph - (c.yLog ? (Math.log10(y) - Math.log10(y0)) / (Math.log10(y1) - Math.log10(y0)) : (y - y0) / (y1 - y0)) * ph;
  };
  const f = (v: number) => v.toFixed(1);
  const p: string[] = [];
  p.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  p.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  p.push(`<title>${escapeHtml(c.title)}</title>`);
  p.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  p.push(`<text x="${L}" y="26" font-size="16" font-weight="bold" fill="#1c1c1e">${escapeHtml(c.title)}</text>`);
  p.push(`<text x="${L}" y="44" font-size="11.5" fill="#55555a">${escapeHtml(subtitle)}</text>`);
  p.push(`<g stroke="#e6e4df" stroke-width="1">`);
  for (const t of yTicks) if (t >= y0 && t <= y1) p.push(`<line x1="${L}" x2="${L + pw}" y1="${f(py(t))}" y2="${f(py(t))}"/>`);
  for (const t of xTicks) p.push(`<line x1="${f(px(t))}" x2="${f(px(t))}" y1="${T}" y2="${T + ph}"/>`);
  p.push(`</g>`);
  p.push(`<g fill="#55555a" font-size="11">`);
  for (const t of yTicks) if (t >= y0 && t <= y1) p.push(`<text x="${L - 6}" y="${f(py(t) + 4)}" text-anchor="end">${fmtTick(t)}</text>`);
  for (const t of xTicks) p.push(`<text x="${f(px(t))}" y="${T + ph + 16}" text-anchor="middle">${fmtTick(t)}</text>`);
  p.push(`</g>`);
  p.push(`<path d="M${L} ${T}V${T + ph}H${L + pw}" fill="none" stroke="#8a8780" stroke-width="1"/>`);
  p.push(`<text x="${L + pw / 2}" y="${T + ph + 36}" text-anchor="middle" fill="#1c1c1e">${escapeHtml(c.xLabel)}${c.xLog ? ', log scale' : ''}</text>`);
  p.push(`<text transform="translate(18 ${T + ph / 2}) rotate(-90)" text-anchor="middle" fill="#1c1c1e">${escapeHtml(c.yLabel)}${c.yLog ? ', log scale' : ''}</text>`);
  // bands first, under every line
  p.push(`<g stroke="none" class="bands">`);
  for (const l of c.lines) {
    if (!l.lo || !l.hi) continue;
    const idx = xs.map((_, i) => i).filter((i) => l.lo![i] !== null && l.hi![i] !== null);
    if (idx.length < 1) continue;
    const top = idx.map((i) => `${f(px(xs[i]))} ${f(py(l.hi![i]!))}`);
    const bottom = idx.reverse().map((i) => `${f(px(xs[i]))} ${f(py(l.lo![i]!))}`);
    const d = idx.length === 1 ? `M${top[0]}L${bottom[0]}` : `M${top.join('L')}L${bottom.join('L')}Z`;
    p.push(`<path d="${d}" fill="${l.color}" fill-opacity="${(0.14 * (l.bandWeight ?? 1)).toFixed(3)}"${idx.length === 1 ? ` stroke="${l.color}" stroke-opacity="0.35" stroke-width="6"` : ''}><title>${escapeHtml(l.label)}: 95% confidence interval</title></path>`);
  }
  p.push(`</g>`);
  p.push(`<g fill="none" stroke-width="2" stroke-linejoin="round" stroke-linecap="round" class="lines">`);
  // (values outside the y range are drawn at its edge: py clamps)
  for (const l of c.lines) {
    const pts = xs.map((x, i) => [x, l.values[i]] as const).filter((q): q is readonly [number, number] => q[1] !== null);
    const d = pts.length ? 'M' + pts.map(([x, y]) => `${f(px(x))} ${f(py(y))}`).join('L') : `M${L} ${T + ph}`;
    p.push(`<path d="${d}" stroke="${l.color}"${l.dash ? ` stroke-dasharray="${l.dash.join(' ')}"` : ''}><title>${escapeHtml(l.label)}</title></path>`);
    if (l.points) for (const [x, y] of pts) p.push(`<circle cx="${f(px(x))}" cy="${f(py(y))}" r="3" fill="${l.color}" stroke="none"/>`);
  }
  p.push(`</g>`);
  // legend
  let lx = L, ly = T + ph + 62;
  p.push(`<g font-size="12" fill="#1c1c1e">`);
  const entries = c.lines.map((l) => ({ label: l.label, color: l.color, dash: l.dash, band: false }));
  if (c.lines.some((l) => l.lo)) entries.push({ label: 'shaded: 95% CI over seeds', color: '#8a8780', dash: undefined, band: true });
  for (const e of entries) {
    const w = 34 + e.label.length * 6.6;
    if (lx + w > W - R) {
      lx = L;
      ly += 18;
    }
    if (e.band) p.push(`<rect x="${lx}" y="${ly - 10}" width="22" height="11" fill="${e.color}" fill-opacity="0.25"/>`);
    else p.push(`<line x1="${lx}" x2="${lx + 22}" y1="${ly - 4}" y2="${ly - 4}" stroke="${e.color}" stroke-width="2.5"${e.dash ? ` stroke-dasharray="${e.dash.join(' ')}"` : ''}/>`);
    p.push(`<text x="${lx + 28}" y="${ly}">${escapeHtml(e.label)}</text>`);
    lx += w;
  }
  p.push(`</g>`);
  p.push(`<text x="${W - R}" y="${H - 8}" text-anchor="end" font-size="10" fill="#8a8780">${escapeHtml(meta)}</text>`);
  p.push(`</svg>`);
  return p.join('\n');
}
