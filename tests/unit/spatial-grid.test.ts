import { describe, expect, it } from 'vitest';
import { SpatialGrid } from '../../src/sim/spatial-grid.ts';
import { Rng } from '../../src/sim/rng.ts';

/** brute force: indices of points within `range` of (x, y), with optional wrap on a square */
function near(xs: Float64Array, ys: Float64Array, inc: Uint8Array, x: number, y: number, range: number, wrapSize?: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    if (!inc[i]) continue;
    let dx = xs[i] - x, dy = ys[i] - y;
    if (wrapSize) {
      dx -= Math.round(dx / wrapSize) * wrapSize;
      dy -= Math.round(dy / wrapSize) * wrapSize;
    }
    if (dx * dx + dy * dy <= range * range) out.push(i);
  }
  return out.sort((a, b) => a - b);
}

/** what the radio loop does: the neighbour cells' points, offsets taken on the torus when wrapping */
function gathered(g: SpatialGrid, xs: Float64Array, ys: Float64Array, x: number, y: number, range: number): number[] {
  const cells = new Int32Array(9);
  const n = g.neighbourCells(x, y, cells);
  const out: number[] = [];
  for (let c = 0; c < n; c++) {
    for (let k = g.cellStart[cells[c]]; k < g.cellStart[cells[c] + 1]; k++) {
      const i = g.items[k];
      let dx = xs[i] - x, dy = ys[i] - y;
      if (g.wrap) {
        dx -= Math.round(dx / g.widthM) * g.widthM;
        dy -= Math.round(dy / g.heightM) * g.heightM;
      }
      if (dx * dx + dy * dy <= range * range) out.push(i);
    }
  }
  return out.sort((a, b) => a - b);
}

describe('spatial grid', () => {
  for (const wrap of [false, true]) {
    it(`finds exactly the points a brute-force search finds (${wrap ? 'wrapping' : 'bounded'} world)`, () => {
      const rng = new Rng(42);
      const size = 1000, range = 60, n = 3000;
      const xs = new Float64Array(n), ys = new Float64Array(n), u = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        xs[i] = rng.uniform(-500, 500);
        ys[i] = rng.uniform(-500, 500);
        u[i] = rng.next();
      }
      const g = new SpatialGrid();
      g.configure([-500, -500, 500, 500], range, wrap);
      const inc = new Uint8Array(n);
      g.build(n, xs, ys, u, 0.8, inc);
      expect(inc.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.7 * n);
      let total = 0;
      for (let q = 0; q < 300; q++) {
        // queries include points near the edges, where wrapping matters
        const x = q % 3 === 0 ? rng.uniform(480, 500) : rng.uniform(-500, 500);
        const y = q % 5 === 0 ? rng.uniform(-500, -480) : rng.uniform(-500, 500);
        const expected = near(xs, ys, inc, x, y, range, wrap ? size : undefined);
        expect(gathered(g, xs, ys, x, y, range)).toEqual(expected);
        total += expected.length;
      }
      expect(total).toBeGreaterThan(300);
    });
  }

  it('rebuilds in place when points move', () => {
    const xs = Float64Array.from([0, 10, 400]), ys = Float64Array.from([0, 0, 0]), u = new Float64Array(3), inc = new Uint8Array(3);
    const g = new SpatialGrid();
    g.configure([-500, -500, 500, 500], 50, false);
    g.build(3, xs, ys, u, 1, inc);
    expect(gathered(g, xs, ys, 0, 0, 50)).toEqual([0, 1]);
    xs[2] = 20;
    g.build(3, xs, ys, u, 1, inc);
    expect(gathered(g, xs, ys, 0, 0, 50)).toEqual([0, 1, 2]);
  });
});
