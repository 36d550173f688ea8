/**
 * A population of movers (finders or tags) as a struct of typed arrays. One index per
 * mover; arrays grow by doubling so that finders can join a running simulation.
 */
export const MODE_WALK = 0;
export const MODE_DRIVE = 1;
export const MODE_STILL = 2;

export class Movers {
  count = 0;
  capacity = 0;
  /** position in local metres */
  x = new Float64Array(0);
  y = new Float64Array(0);
  /** MODE_WALK | MODE_DRIVE | MODE_STILL */
  mode = new Uint8Array(0);
  /** 1 when indoors (a stationary finder in a building) */
  indoor = new Uint8Array(0);
  /** graph movers: current segment from -> to (to = -1 while paused at `from`) */
  from = new Int32Array(0);
  to = new Int32Array(0);
  segPos = new Float64Array(0);
  segLen = new Float64Array(0);
  /** unit direction of the current segment (so the common step is two multiply-adds) */
  ux = new Float64Array(0);
  uy = new Float64Array(0);
  /** destination index into the mode graph's destination set */
  dest = new Int32Array(0);
  /** m/s for the current trip */
  speed = new Float64Array(0);
  /** open-world movers: velocity, m/s */
  vx = new Float64Array(0);
  vy = new Float64Array(0);
  /** simulated time at which a pause ends */
  pauseUntil = new Float64Array(0);
  /** fixed uniform draw in [0,1) per mover: participation and similar thresholds use it so changing a share live is stable */
  u = new Float64Array(0);

  ensureCapacity(n: number): void {
    if (n <= this.capacity) return;
    const cap = Math.max(n, this.capacity * 2, 64);
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.x = grow(this.x);
    this.y = grow(this.y);
    this.mode = grow(this.mode);
    this.indoor = grow(this.indoor);
    this.from = grow(this.from);
    this.to = grow(this.to);
    this.segPos = grow(this.segPos);
    this.segLen = grow(this.segLen);
    this.ux = grow(this.ux);
    this.uy = grow(this.uy);
    this.dest = grow(this.dest);
    this.speed = grow(this.speed);
    this.vx = grow(this.vx);
    this.vy = grow(this.vy);
    this.pauseUntil = grow(this.pauseUntil);
    this.u = grow(this.u);
    this.capacity = cap;
  }
}
