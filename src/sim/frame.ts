/**
 * What the UI draws, packed into typed arrays that travel to the main thread as
 * transferred buffers (no structured cloning of object graphs per frame).
 */
import type { Estimate } from './estimators.ts';
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
  /** tag kind: 0 lost at rest, 1 carried, 2 in a vehicle */
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

const scratch: Estimate = { x: 0, y: 0, r: 0 };
/** a finder flashes for this long after hearing a beacon (simulated seconds, at least one frame) */
const HEARD_FLASH_S = 3;

export function buildFrame(sim: Simulation, speed: number): Frame {
  const f = sim.finders;
  const n = f.count;
  const finderXY = new Float32Array(2 * n);
  const finderInfo = new Uint8Array(n);
  const stage = sim.finderStage;
  const participation = sim.scenario.finders.participation;
  const flashAfter = sim.t - Math.max(HEARD_FLASH_S, 2 * sim.scenario.stepSeconds);
  for (let i = 0; i < n; i++) {
    finderXY[2 * i] = f.x[i];
    finderXY[2 * i + 1] = f.y[i];
    let info = f.mode[i];
    if (f.u[i] < participation) info |= FINDER_PARTICIPATES;
    if (stage.queueHead[i] >= 0) info |= FINDER_HOLDS_REPORTS;
    if (stage.heardAt[i] >= flashAfter) info |= FINDER_HEARD;
    finderInfo[i] = info;
  }
  const g = sim.tags;
  const m = g.count;
  const tagXY = new Float32Array(2 * m);
  const tagInfo = new Uint8Array(m);
  const tagEstimate = new Float32Array(3 * m);
  const tagError = new Float32Array(m);
  const tagNewest = new Float32Array(m);
  const estimator = sim.scenario.owner.estimator;
  for (let j = 0; j < m; j++) {
    tagXY[2 * j] = g.x[j];
    tagXY[2 * j + 1] = g.y[j];
    tagInfo[j] = sim.tagKind[j];
    tagNewest[j] = sim.owner.held[j].newest;
    if (sim.owner.estimate(j, estimator, sim.t, scratch)) {
      tagEstimate[3 * j] = scratch.x;
      tagEstimate[3 * j + 1] = scratch.y;
      tagEstimate[3 * j + 2] = scratch.r;
      tagError[j] = Math.hypot(scratch.x - g.x[j], scratch.y - g.y[j]);
    } else {
      tagEstimate[3 * j] = tagEstimate[3 * j + 1] = tagEstimate[3 * j + 2] = NaN;
      tagError[j] = NaN;
    }
  }
  return {
    t: sim.t, steps: sim.steps, speed, finderCount: n, finderXY, finderInfo, tagCount: m, tagXY, tagInfo,
    tagEstimate, tagError, tagNewest, estimator, crypto: sim.scenario.crypto,
  };
}

export function frameTransferables(f: Frame): ArrayBuffer[] {
  return [f.finderXY, f.finderInfo, f.tagXY, f.tagInfo, f.tagEstimate, f.tagError, f.tagNewest].map((a) => a.buffer as ArrayBuffer);
}
