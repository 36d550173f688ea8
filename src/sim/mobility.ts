/**
 * Movement of finders and tags over a world.
 *
 * Graph worlds: walkers and drivers follow shortest paths (routing.ts) between random
 * destinations on their class of street, at a speed drawn per trip, and pause
 * uniformly in [0, pauseMax] on arrival (The ONE's ShortestPathMapBasedMovement).
 * Open worlds: movers keep a random heading at constant speed and wrap around the
 * square's edges, the isotropic model behind the encounter-rate formula.
 * Stationary movers never move. The step loop allocates nothing.
 */
import { DRIVE, WALK, type World } from '../world/types.ts';
import { MODE_DRIVE, MODE_STILL, MODE_WALK, Movers } from './movers.ts';
import { ModeGraph } from './routing.ts';
import type { Rng } from './rng.ts';

export interface MobilityParams {
  walkSpeedMin: number;
  walkSpeedMax: number;
  driveSpeedMin: number;
  driveSpeedMax: number;
  pauseMaxS: number;
}

/** How many destination trees each mode graph keeps (memory: 4 bytes x nodes each). */
const DESTINATIONS = 128;

export class Mobility {
  readonly walk: ModeGraph;
  readonly drive: ModeGraph;
  private readonly open: boolean;
  private readonly size: number;
  /** cumulative walkable edge length, for drawing uniform street points */
  private readonly walkEdgeCum: Float64Array;
  private readonly walkEdges: Uint32Array;
  private readonly buildingX: Float64Array;
  private readonly buildingY: Float64Array;

  constructor(
    readonly world: World,
    private readonly params: MobilityParams,
    /** draws trips, speeds and pauses */
    private readonly rng: Rng,
    routingRng: Rng,
  ) {
    const g = world.graph;
    const pick = (n: number) => routingRng.int(n);
    this.walk = new ModeGraph(g, WALK, DESTINATIONS, pick);
    this.drive = new ModeGraph(g, DRIVE, DESTINATIONS, pick);
    this.open = world.topology === 'open';
    this.size = world.extent[2] - world.extent[0];
    const inWalk = new Uint8Array(g.nodeX.length);
    for (const v of this.walk.nodes) inWalk[v] = 1;
    const edges: number[] = [];
    for (let e = 0; e < g.edgeA.length; e++) if (g.edgeFlags[e] & WALK && inWalk[g.edgeA[e]] && inWalk[g.edgeB[e]]) edges.push(e);
    this.walkEdges = Uint32Array.from(edges);
    this.walkEdgeCum = new Float64Array(edges.length);
    let acc = 0;
    edges.forEach((e, i) => (this.walkEdgeCum[i] = acc += g.edgeLength[e]));
    this.buildingX = new Float64Array(world.buildings.length);
    this.buildingY = new Float64Array(world.buildings.length);
    world.buildings.forEach((ring, i) => {
      let sx = 0, sy = 0;
      const k = ring.length >> 1;
      for (let j = 0; j < ring.length; j += 2) {
        sx += ring[j];
        sy += ring[j + 1];
      }
      this.buildingX[i] = sx / k;
      this.buildingY[i] = sy / k;
    });
    if (!this.open && this.walk.empty) throw new Error(`world "${world.id}" has no walkable streets to move on`);
  }

  private graphFor(mode: number): ModeGraph {
    // a world without drivable streets lets vehicles use the walkable graph
    return mode === MODE_DRIVE && !this.drive.empty ? this.drive : this.walk;
  }

  /**
   * Places mover i (already within m.count) in the world with the given mode.
   * `place` draws positions; a separate stream from the movement's own.
   */
  place(m: Movers, i: number, mode: number, indoor: boolean, place: Rng, t: number): void {
    m.mode[i] = mode;
    m.indoor[i] = 0;
    m.u[i] = place.next();
    m.pauseUntil[i] = t;
    m.to[i] = -1;
    m.segPos[i] = 0;
    m.segLen[i] = 0;
    if (this.open) {
      m.x[i] = this.world.extent[0] + place.next() * this.size;
      m.y[i] = this.world.extent[1] + place.next() * this.size;
      const a = place.next() * 2 * Math.PI;
      const v = mode === MODE_STILL ? 0 : this.drawSpeed(mode, place);
      m.vx[i] = v * Math.cos(a);
      m.vy[i] = v * Math.sin(a);
      m.speed[i] = v;
      return;
    }
    if (mode === MODE_STILL) {
      if (indoor && this.buildingX.length > 0) {
        const b = place.int(this.buildingX.length);
        m.x[i] = this.buildingX[b];
        m.y[i] = this.buildingY[b];
        m.indoor[i] = 1;
      } else this.streetPoint(m, i, place);
      return;
    }
    const g = this.graphFor(mode);
    const node = g.nodes[place.int(g.nodes.length)];
    m.from[i] = node;
    m.x[i] = this.world.graph.nodeX[node];
    m.y[i] = this.world.graph.nodeY[node];
    this.startTrip(m, i, g, place);
    // start somewhere along the first segment so movers do not all leave nodes in step
    if (m.to[i] >= 0) {
      m.segPos[i] = place.next() * m.segLen[i];
      this.updatePosition(m, i);
    }
  }

  /** a uniform point on the walkable streets (length-weighted) */
  streetPoint(m: Movers, i: number, rng: Rng): void {
    const g = this.world.graph;
    const total = this.walkEdgeCum[this.walkEdgeCum.length - 1];
    const r = rng.next() * total;
    let lo = 0, hi = this.walkEdgeCum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.walkEdgeCum[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    const e = this.walkEdges[lo];
    const f = rng.next();
    const a = g.edgeA[e], b = g.edgeB[e];
    m.x[i] = g.nodeX[a] + f * (g.nodeX[b] - g.nodeX[a]);
    m.y[i] = g.nodeY[a] + f * (g.nodeY[b] - g.nodeY[a]);
  }

  private drawSpeed(mode: number, rng: Rng): number {
    const p = this.params;
    return mode === MODE_DRIVE ? rng.uniform(p.driveSpeedMin, p.driveSpeedMax) : rng.uniform(p.walkSpeedMin, p.walkSpeedMax);
  }

  /** picks a new destination from the mover's current node and sets its first segment */
  private startTrip(m: Movers, i: number, g: ModeGraph, rng: Rng): void {
    const here = m.from[i];
    const nd = g.destinations.length;
    let d = rng.int(nd);
    // avoid a trip to where the mover already is
    if (g.destinations[d] === here) d = (d + 1) % nd;
    m.dest[i] = d;
    m.speed[i] = this.drawSpeed(m.mode[i], rng);
    const next = g.next(d, here);
    this.enterSegment(m, i, here, next);
  }

  private enterSegment(m: Movers, i: number, from: number, to: number): void {
    const g = this.world.graph;
    m.from[i] = from;
    m.to[i] = to;
    m.segPos[i] = 0;
    if (to < 0) {
      m.segLen[i] = 0;
      m.ux[i] = m.uy[i] = 0;
      return;
    }
    const dx = g.nodeX[to] - g.nodeX[from], dy = g.nodeY[to] - g.nodeY[from];
    const len = Math.sqrt(dx * dx + dy * dy); // not Math.hypot: several times slower in V8
    m.segLen[i] = len;
    m.ux[i] = len > 0 ? dx / len : 0;
    m.uy[i] = len > 0 ? dy / len : 0;
  }

  private updatePosition(m: Movers, i: number): void {
    const g = this.world.graph;
    const a = m.from[i], b = m.to[i];
    if (b < 0 || m.segLen[i] === 0) {
      m.x[i] = g.nodeX[a];
      m.y[i] = g.nodeY[a];
      return;
    }
    const f = m.segPos[i] / m.segLen[i];
    m.x[i] = g.nodeX[a] + f * (g.nodeX[b] - g.nodeX[a]);
    m.y[i] = g.nodeY[a] + f * (g.nodeY[b] - g.nodeY[a]);
  }

  /** Advances every mover of `m` from time t by dt seconds. */
  step(m: Movers, t: number, dt: number): void {
    if (this.open) return this.stepOpen(m, dt);
    const rng = this.rng;
    const pauseMax = this.params.pauseMaxS;
    const nodeX = this.world.graph.nodeX, nodeY = this.world.graph.nodeY;
    // locals: the JIT cannot hoist these loads out of the loop by itself
    const mode = m.mode, pauseUntil = m.pauseUntil, to = m.to, from = m.from, segPos = m.segPos, segLen = m.segLen;
    const speed = m.speed, destArr = m.dest, xs = m.x, ys = m.y, ux = m.ux, uy = m.uy;
    const walkGraph = this.graphFor(MODE_WALK), driveGraph = this.graphFor(MODE_DRIVE);
    const n = m.count;
    for (let i = 0; i < n; i++) {
      const md = mode[i];
      if (md === MODE_STILL || pauseUntil[i] > t) continue;
      const g = md === MODE_DRIVE ? driveGraph : walkGraph;
      if (to[i] < 0) this.startTrip(m, i, g, rng);
      let remaining = speed[i] * dt;
      // the common case: the step ends on the same segment
      const pos = segPos[i] + remaining;
      if (pos < segLen[i]) {
        segPos[i] = pos;
        xs[i] += ux[i] * remaining;
        ys[i] += uy[i] * remaining;
        continue;
      }
      const dest = destArr[i];
      const destNode = g.destinations[dest];
      let b = to[i];
      while (b >= 0) {
        const left = segLen[i] - segPos[i];
        if (remaining < left) {
          segPos[i] += remaining;
          break;
        }
        remaining -= left;
        if (b === destNode) {
          // arrived: pause here, then start a new trip
          this.enterSegment(m, i, b, -1);
          pauseUntil[i] = t + dt + rng.next() * pauseMax;
          break;
        }
        this.enterSegment(m, i, b, g.next(dest, b));
        b = to[i];
      }
      // after a segment change, place exactly on the new segment
      const a = from[i];
      b = to[i];
      if (b < 0 || segLen[i] === 0) {
        xs[i] = nodeX[a];
        ys[i] = nodeY[a];
      } else {
        const f = segPos[i] / segLen[i];
        xs[i] = nodeX[a] + f * (nodeX[b] - nodeX[a]);
        ys[i] = nodeY[a] + f * (nodeY[b] - nodeY[a]);
      }
    }
  }

  private stepOpen(m: Movers, dt: number): void {
    const [x0, y0] = this.world.extent;
    const size = this.size;
    for (let i = 0; i < m.count; i++) {
      if (m.mode[i] === MODE_STILL) continue;
      let x = m.x[i] + m.vx[i] * dt - x0;
      let y = m.y[i] + m.vy[i] * dt - y0;
      x -= Math.floor(x / size) * size;
      y -= Math.floor(y / size) * size;
      m.x[i] = x + x0;
      m.y[i] = y + y0;
    }
  }
}

export { MODE_DRIVE, MODE_STILL, MODE_WALK };
