/**
 * What the UI draws, packed into typed arrays that travel to the main thread as
 * transferred buffers (no structured cloning of object graphs per frame).
 */
import type { Simulation } from './simulation.ts';

/** bits of Frame.finderInfo beyond the two mode bits */
export const FINDER_PARTICIPATES = 4;
export const FINDER_HOLDS_REPORTS = 8;
export const FINDER_HEARD = 16;

export interface Frame {
  t: number;
  steps: number;
  /** simulated seconds per wall second achieved over the last second */
  speed: number;
  finderCount: number;
  /** x0, y0, x1, y1, ... local metres */
  finderXY: Float32Array;
  /** mode (bits 0-1) | FINDER_* flags */
  finderInfo: Uint8Array;
  tagCount: number;
  tagXY: Float32Array;
  /** mode (bits 0-1): 0 at rest (MODE_STILL is 2 for movers; here 0 rest, 1 carried, 2 vehicle) */
  tagInfo: Uint8Array;
  /** per tag x, y, radius of the shown estimator's estimate; NaN when the owner has none */
  tagEstimate: Float32Array;
  /** per tag: distance of the shown estimate from the true position, m (NaN when none) */
  tagError: Float32Array;
  /** per tag: simulated time of the newest report the owner holds (NaN when none) */
  tagNewest: Float32Array;
  /** the estimator the estimates come from, and the crypto mode of the run */
  estimator: string;
  crypto: string;
}

export function buildFrame(sim: Simulation, speed: number): Frame {
  const f = sim.finders;
  const n = f.count;
  const finderXY = new Float32Array(2 * n);
  const finderInfo = new Uint8Array(n);
  const participation = sim.scenario.finders.participation;
  for (let i = 0; i < n; i++) {
    finderXY[2 * i] = f.x[i];
    finderXY[2 * i + 1] = f.y[i];
    finderInfo[i] = f.mode[i] | (f.u[i] < participation ? FINDER_PARTICIPATES : 0);
  }
  const g = sim.tags;
  const tagXY = new Float32Array(2 * g.count);
  const tagInfo = new Uint8Array(g.count);
  for (let i = 0; i < g.count; i++) {
    tagXY[2 * i] = g.x[i];
    tagXY[2 * i + 1] = g.y[i];
    tagInfo[i] = g.mode[i];
  }
  return { t: sim.t, steps: sim.steps, speed, finderCount: n, finderXY, finderInfo, tagCount: g.count, tagXY, tagInfo };
}

export function frameTransferables(f: Frame): ArrayBuffer[] {
  return [f.finderXY.buffer as ArrayBuffer, f.finderInfo.buffer as ArrayBuffer, f.tagXY.buffer as ArrayBuffer, f.tagInfo.buffer as ArrayBuffer];
}
