/**
 * What the owner knows, drawn over the crowd: for every tag with an estimate, an error
 * circle, its centre and a thin line to the tag's true position; for the selected tag,
 * its decrypted reports as dots with accuracy circles. One Graphics, redrawn per frame
 * in screen space (cheap for up to ~1,000 tags).
 */
import { Graphics } from 'pixi.js';
import type { Frame } from '../sim/frame.ts';
import type { TagReportRecord } from '../sim/metrics-types.ts';
import { ESTIMATE_COLOR, REPORT_COLOR, TRUTH_LINE_COLOR } from './map-style.ts';
import type { Viewport } from './viewport.ts';

export class OverlayLayer {
  readonly g = new Graphics();
  private frame: Frame | undefined;
  selectedTag = -1;
  /** decrypted (fetched) reports of the selected tag */
  reports: TagReportRecord[] = [];
  showEstimates = true;

  setFrame(f: Frame, view: Viewport): void {
    this.frame = f;
    this.redraw(view);
  }

  redraw(view: Viewport): void {
    const g = this.g;
    g.clear();
    const f = this.frame;
    if (!f) return;
    const { scale, ox, oy } = view;
    const sx = (x: number) => x * scale + ox;
    const sy = (y: number) => -y * scale + oy;
    const est = f.tagEstimate;
    const sel = this.selectedTag;
    // selected tag's reports first, so estimates stay readable on top
    if (sel >= 0 && this.reports.length) {
      for (const r of this.reports) {
        if (!Number.isFinite(r.fetched)) continue;
        g.circle(sx(r.x), sy(r.y), Math.max(3, r.accuracy * scale));
      }
      g.fill({ color: REPORT_COLOR, alpha: 0.07 });
      for (const r of this.reports) {
        if (!Number.isFinite(r.fetched)) continue;
        g.circle(sx(r.x), sy(r.y), Math.max(3, r.accuracy * scale));
      }
      g.stroke({ width: 1, color: REPORT_COLOR, alpha: 0.5 });
      for (const r of this.reports) {
        if (!Number.isFinite(r.fetched)) continue;
        g.circle(sx(r.x), sy(r.y), 2.6);
      }
      g.fill({ color: REPORT_COLOR, alpha: 0.95 });
    }
    if (!est || !this.showEstimates) return;
    const n = Math.min(f.tagCount, Math.floor(est.length / 3));
    let any = false;
    // error circles: one fill and one stroke for all of them
    for (let i = 0; i < n; i++) {
      const x = est[3 * i], y = est[3 * i + 1], r = est[3 * i + 2];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      any = true;
      g.circle(sx(x), sy(y), Math.max(4, (Number.isFinite(r) ? r : 0) * scale));
    }
    if (!any) return;
    g.fill({ color: ESTIMATE_COLOR, alpha: 0.08 });
    for (let i = 0; i < n; i++) {
      const x = est[3 * i], y = est[3 * i + 1], r = est[3 * i + 2];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      g.circle(sx(x), sy(y), Math.max(4, (Number.isFinite(r) ? r : 0) * scale));
    }
    g.stroke({ width: 1, color: ESTIMATE_COLOR, alpha: 0.55 });
    // line from estimate to truth
    for (let i = 0; i < n; i++) {
      const x = est[3 * i], y = est[3 * i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      g.moveTo(sx(x), sy(y)).lineTo(sx(f.tagXY[2 * i]), sy(f.tagXY[2 * i + 1]));
    }
    g.stroke({ width: 1, color: TRUTH_LINE_COLOR, alpha: 0.6 });
    // estimate centres
    for (let i = 0; i < n; i++) {
      const x = est[3 * i], y = est[3 * i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      g.circle(sx(x), sy(y), i === sel ? 4.5 : 3);
    }
    g.fill({ color: ESTIMATE_COLOR });
    g.stroke({ width: 1.2, color: 0xffffff });
  }
}
