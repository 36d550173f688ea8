/**
 * Where the owner thinks a tag is, from the reports it holds. All three are computed for
 * every tag; the scenario picks the one shown.
 *
 * - latest: the newest report's position and accuracy (what the Find My app shows).
 * - centroid: accuracy-weighted mean (weights 1/sigma^2) of the reports within
 *   CENTROID_WINDOW_S of the newest one; averaging finders scattered around the tag
 *   cancels part of the finder-to-tag offset.
 * - filter: a Kalman filter whose velocity is an Ornstein-Uhlenbeck process (each axis:
 *   position and velocity; velocity forgets itself with time constant TAU_S and has
 *   stationary spread SIGMA_V), run over the reports in time order, then predicted to
 *   the query time. It follows moving tags and, for a tag at
 *   rest, converges to a weighted mean. Measurement noise is the GPS error plus the
 *   finder-to-tag distance, whose scale is the radio's median range.
 */
import type { HeldReports } from './held-reports.ts';

export const CENTROID_WINDOW_S = 15 * 60;
/** velocity memory of the motion model */
const TAU_S = 120;
/** stationary speed spread of the motion model, m/s: a walker's pace */
const SIGMA_V = 1.4;
/** accuracy byte = 1.515 sigma (68% circle) */
const SIGMA_PER_ACCURACY = 1 / 1.515;

export interface Estimate {
  x: number;
  y: number;
  /** error circle radius, m */
  r: number;
}

export function latestEstimate(h: HeldReports, out: Estimate): boolean {
  if (!h.length) return false;
  const i = h.length - 1;
  out.x = h.x[i];
  out.y = h.y[i];
  out.r = h.acc[i];
  return true;
}

export function centroidEstimate(h: HeldReports, finderSpreadM: number, out: Estimate): boolean {
  if (!h.length) return false;
  const newest = h.t[h.length - 1];
  let sw = 0, sx = 0, sy = 0;
  for (let i = h.length - 1; i >= 0 && h.t[i] >= newest - CENTROID_WINDOW_S; i--) {
    const s = h.acc[i] * SIGMA_PER_ACCURACY;
    const w = 1 / (s * s + 1);
    sw += w;
    sx += w * h.x[i];
    sy += w * h.y[i];
  }
  out.x = sx / sw;
  out.y = sy / sw;
  // standard error of the weighted mean, with the finder-to-tag spread as extra noise
  let n = 0;
  for (let i = h.length - 1; i >= 0 && h.t[i] >= newest - CENTROID_WINDOW_S; i--) n++;
  out.r = Math.sqrt(1 / sw + (finderSpreadM * finderSpreadM) / n) * 1.515;
  return true;
}

/** Posterior of the motion filter at the time of the newest report. */
export class FilterState {
  valid = false;
  t = 0;
  x = 0;
  y = 0;
  vx = 0;
  vy = 0;
  /** per-axis covariance [pp, pv, vv] (both axes share it: isotropic noise) */
  pp = 0;
  pv = 0;
  vv = 0;

  /** runs the filter over all held reports */
  fit(h: HeldReports, finderSpreadM: number): void {
    this.valid = h.length > 0;
    if (!this.valid) return;
    const spread2 = finderSpreadM * finderSpreadM;
    for (let i = 0; i < h.length; i++) {
      const s = h.acc[i] * SIGMA_PER_ACCURACY;
      const r = s * s + spread2;
      if (i === 0) {
        this.t = h.t[0];
        this.x = h.x[0];
        this.y = h.y[0];
        this.vx = this.vy = 0;
        this.pp = r;
        this.pv = 0;
        this.vv = 1; // (1 m/s)^2: a tag may be moving at walking pace
        continue;
      }
      this.predict(h.t[i]);
      // update each axis with gain K = P H^T / (H P H^T + R), H = [1 0]
      const sInv = 1 / (this.pp + r);
      const kp = this.pp * sInv, kv = this.pv * sInv;
      const ex = h.x[i] - this.x, ey = h.y[i] - this.y;
      this.x += kp * ex;
      this.y += kp * ey;
      this.vx += kv * ex;
      this.vy += kv * ey;
      const pp = this.pp, pv = this.pv;
      this.pp = (1 - kp) * pp;
      this.pv = (1 - kp) * pv;
      this.vv -= kv * pv;
    }
  }

  /** advances the state to time t, growing the covariance by the exact OU process noise */
  predict(t: number): void {
    const dt = Math.max(0, t - this.t);
    if (dt === 0) return;
    const a = Math.exp(-dt / TAU_S);
    const b = TAU_S * (1 - a); // position gained per unit of current velocity
    this.x += b * this.vx;
    this.y += b * this.vy;
    this.vx *= a;
    this.vy *= a;
    const [qpp, qpv, qvv] = processNoise(dt, a, b);
    const pp = this.pp + 2 * b * this.pv + b * b * this.vv + qpp;
    const pv = a * this.pv + a * b * this.vv + qpv;
    this.vv = a * a * this.vv + qvv;
    this.pp = pp;
    this.pv = pv;
    this.t = t;
  }

  /**
   * The estimate at time t (>= the newest report): the filtered position at the newest
   * report, with the circle grown by how far the motion model lets the tag have moved
   * since. Velocity is not extrapolated: estimated from finders scattered tens of metres
   * around the tag it is too noisy to project minutes ahead (extrapolating doubled the
   * median error on Monaco in our runs).
   */
  estimateAt(t: number, out: Estimate): boolean {
    if (!this.valid) return false;
    const dt = Math.max(0, t - this.t);
    const a = Math.exp(-dt / TAU_S);
    const b = TAU_S * (1 - a);
    out.x = this.x;
    out.y = this.y;
    const pp = this.pp + b * b * this.vv + processNoise(dt, a, b)[0];
    out.r = Math.sqrt(Math.max(pp, 0)) * 1.515;
    return true;
  }
}

/**
 * Noise an Ornstein-Uhlenbeck velocity adds over dt to (position, velocity), given the
 * state at the start: Var of the integrated velocity, its covariance with the final
 * velocity, and the velocity's own variance.
 */
function processNoise(dt: number, a: number, b: number): [number, number, number] {
  const s2 = SIGMA_V * SIGMA_V;
  const qpp = s2 * (2 * TAU_S * dt - 2 * TAU_S * TAU_S * (1 - a) - TAU_S * TAU_S * (1 - a) * (1 - a));
  return [Math.max(qpp, 0), s2 * b * (1 - a), s2 * (1 - a * a)];
}
