/**
 * One tag in detail: what the owner's app would show (the shown estimate, its age),
 * the three estimators side by side against the truth, and a timeline of the tag's
 * reports: when each was made, uploaded and fetched, with the delays in between.
 */
import type { Frame } from '../sim/frame.ts';
import { ESTIMATORS, type TagDetails } from '../sim/metrics-types.ts';
import { ESTIMATOR_COLORS } from './chart-data.ts';
import { escapeHtml, fmtClock, fmtDistance, fmtDuration } from './format.ts';
import { TAG_KIND_LABEL, tagName } from './tag-names.ts';
import { tagStatus } from './tag-status.ts';

const MODES = ['walking', 'driving', 'stationary'];
const EST_HELP: Record<string, string> = {
  latest: 'newest report (what the Find My app shows)',
  centroid: 'accuracy-weighted mean of recent reports',
  filter: 'motion-aware Kalman filter',
};

export class TagDetailsView {
  readonly el = document.createElement('div');
  private readonly title = document.createElement('h2');
  private readonly status = document.createElement('p');
  private readonly body = document.createElement('div');
  index = -1;

  constructor(onBack: () => void, private readonly onFocus: () => void) {
    this.el.className = 'tag-details';
    const back = document.createElement('button');
    back.type = 'button';
    back.className = 'back';
    back.textContent = '‹ All tags';
    back.setAttribute('aria-label', 'Back to all tags');
    back.addEventListener('click', onBack);
    const head = document.createElement('div');
    head.className = 'details-head';
    const focus = document.createElement('button');
    focus.type = 'button';
    focus.className = 'small';
    focus.textContent = 'Follow on map';
    focus.addEventListener('click', () => this.onFocus());
    head.append(back, focus);
    this.status.className = 'details-status';
    this.el.append(head, this.title, this.status, this.body);
  }

  show(i: number): void {
    this.index = i;
    this.title.textContent = tagName(i);
    this.body.innerHTML = '<p class="muted">Loading…</p>';
  }

  /** quick status from the frame (every frame is fine) */
  updateFrame(f: Frame): void {
    if (this.index < 0 || this.index >= f.tagCount) return;
    const st = tagStatus(f, this.index);
    this.status.textContent = `${TAG_KIND_LABEL[f.tagInfo[this.index] & 3] ?? ''} · ${st.text}`;
  }

  /** full details from the worker (about once a second) */
  updateDetails(d: TagDetails | undefined, now: number, shown: string): void {
    if (!d) {
      this.body.innerHTML = '<p class="muted">Report details appear here once the simulation publishes them (finding pipeline).</p>';
      return;
    }
    const rows = ESTIMATORS.map((e) => {
      const v = d.estimates[e];
      return `<tr class="${e === shown ? 'shown' : ''}"><th scope="row"><i style="background:${ESTIMATOR_COLORS[e]}"></i>${e}${e === shown ? ' <small>(shown)</small>' : ''}<br><small>${EST_HELP[e]}</small></th>` +
        `<td>${v ? fmtDistance(v.error) : '–'}</td><td>${v ? '±' + fmtDistance(v.radius) : '–'}</td></tr>`;
    }).join('');
    const first = (t: number) => (Number.isFinite(t) ? `${fmtClock(t)}` : 'not yet');
    const reports = d.reports.slice(0, 60);
    const nUp = d.reports.filter((r) => Number.isFinite(r.uploaded)).length;
    const nFe = d.reports.filter((r) => Number.isFinite(r.fetched)).length;
    const maxDelay = Math.max(60, ...reports.map((r) => (Number.isFinite(r.fetched) ? r.fetched : now) - r.made));
    const timeline = reports
      .map((r) => {
        const up = Number.isFinite(r.uploaded) ? r.uploaded - r.made : NaN;
        const fe = Number.isFinite(r.fetched) && Number.isFinite(r.uploaded) ? r.fetched - r.uploaded : NaN;
        const upW = ((Number.isFinite(up) ? up : now - r.made) / maxDelay) * 100;
        const feW = ((Number.isFinite(fe) ? fe : Number.isFinite(up) ? now - r.uploaded : 0) / maxDelay) * 100;
        const state = Number.isFinite(r.fetched) ? 'fetched' : Number.isFinite(r.uploaded) ? 'on the server' : 'waiting on the phone';
        return `<li><div class="tl-line"><b>${fmtClock(r.made)}</b> <span>${MODES[r.finderMode] ?? ''} phone, ±${r.accuracy} m</span></div>` +
          `<div class="tl-bar" aria-hidden="true"><span class="up${Number.isFinite(up) ? '' : ' open'}" style="width:${upW.toFixed(1)}%"></span><span class="fe${Number.isFinite(fe) ? '' : ' open'}" style="width:${feW.toFixed(1)}%"></span></div>` +
          `<div class="tl-delays">upload ${Number.isFinite(up) ? '+' + fmtDuration(up) : '…'} · fetch ${Number.isFinite(fe) ? '+' + fmtDuration(fe) : '…'} · ${state}</div></li>`;
      })
      .join('');
    this.body.innerHTML =
      `<h3>Estimates</h3><table class="estimators"><thead><tr><th></th><th>off by</th><th>radius</th></tr></thead><tbody>${rows}</tbody></table>` +
      `<p class="muted">First report made ${first(d.firstReportMade)} · first fix ${first(d.firstFix)}</p>` +
      `<h3>Reports <small>(${d.reports.length}${d.reports.length >= 200 ? '+' : ''}, newest first)</small></h3>` +
      `<p class="muted">${d.reports.length} made · ${nUp} uploaded · ${nFe} fetched by the owner${d.reports.length >= 200 ? ' (newest 200)' : ''}; green dots on the map</p>` +
      `<p class="tl-legend"><i class="up"></i>made → uploaded <i class="fe"></i>uploaded → fetched by the owner</p>` +
      (timeline ? `<ol class="timeline">${timeline}</ol>` : `<p class="muted">${escapeHtml('No finder has reported this tag yet.')}</p>`);
  }
}
