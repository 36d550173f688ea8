/** Synthetic worlds and the local projection's accuracy. */
import { distance } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { largestComponent } from '../../src/world/components.ts';
import { makeProjection, project, unproject } from '../../src/world/projection.ts';
import { graphStats } from '../../src/world/stats.ts';
import { makeGridWorld, makeOpenWorld } from '../../src/world/synthetic.ts';
import { DRIVE, STREET_CLASSES, WALK } from '../../src/world/types.ts';
import { parseWorldFile, serializeWorld } from '../../src/world/world-file.ts';

describe('grid world', () => {
  it('has the promised size, area and connectivity', () => {
    const w = makeGridWorld({ blocks: 20, blockMetres: 100 });
    const g = w.graph;
    expect(g.nodeX.length).toBe(21 * 21);
    expect(g.edgeA.length).toBe(2 * 20 * 21);
    expect(w.areaKm2).toBeCloseTo(4, 9);
    expect(w.extent).toEqual([-1000, -1000, 1000, 1000]);
    expect(w.topology).toBe('graph');
    expect(largestComponent(g.nodeX.length, g.edgeA, g.edgeB).size).toBe(441);
    expect(new Set(g.edgeFlags)).toEqual(new Set([WALK | DRIVE]));
    expect(new Set(g.edgeClass)).toEqual(new Set([STREET_CLASSES.indexOf('residential')]));
    for (let e = 0; e < g.edgeA.length; e++) {
      expect(Math.hypot(g.nodeX[g.edgeA[e]] - g.nodeX[g.edgeB[e]], g.nodeY[g.edgeA[e]] - g.nodeY[g.edgeB[e]])).toBeCloseTo(g.edgeLength[e], 9);
    }
    const s = graphStats(g);
    expect(s.walkKm).toBeCloseTo(84, 9);
    expect(s.driveKm).toBeCloseTo(84, 9);
    expect(s.walkNodes).toBe(441);
    expect(w.buildings).toHaveLength(400);
    // the bbox spans 2 km of longitude and latitude about 0,0
    expect(distance([w.bbox[0], 0], [w.bbox[2], 0], { units: 'meters' })).toBeCloseTo(2000, -1);
  });

  it('round-trips through the world file and rejects nonsense sizes', () => {
    const w = makeGridWorld({ blocks: 3, blockMetres: 75 });
    const back = parseWorldFile(JSON.parse(serializeWorld(w)));
    expect(Array.from(back.graph.nodeX)).toEqual(Array.from(w.graph.nodeX));
    expect(back.areaKm2).toBeCloseTo(w.areaKm2, 6);
    expect(() => makeGridWorld({ blocks: 0, blockMetres: 100 })).toThrow(/blocks must be a positive integer/);
    expect(() => makeGridWorld({ blocks: 2.5, blockMetres: 100 })).toThrow(/blocks/);
    expect(() => makeGridWorld({ blocks: 2, blockMetres: -1 })).toThrow(/blockMetres/);
  });
});

describe('open world', () => {
  it('is an empty square field with wrap topology', () => {
    const w = makeOpenWorld({ sizeMetres: 1000 });
    expect(w.topology).toBe('open');
    expect(w.areaKm2).toBe(1);
    expect(w.extent).toEqual([-500, -500, 500, 500]);
    expect(w.graph.nodeX.length).toBe(0);
    expect(w.graph.edgeA.length).toBe(0);
    const back = parseWorldFile(JSON.parse(serializeWorld(w)));
    expect(back.topology).toBe('open');
    expect(back.areaKm2).toBe(1);
    expect(() => makeOpenWorld({ sizeMetres: Number.NaN })).toThrow(/sizeMetres/);
  });
});

describe('projection', () => {
  it('is within 0.5% of turf.distance for point pairs within 10 km of Monaco', () => {
    const center: [number, number] = [7.4206, 43.7383];
    const p = makeProjection(center[0], center[1]);
    // deterministic pseudo-random points in a 10 km radius
    let seed = 12345;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pts: [number, number][] = [center];
    for (let i = 0; i < 40; i++) {
      const r = 10_000 * Math.sqrt(rnd());
      const a = 2 * Math.PI * rnd();
      pts.push(unproject(p, r * Math.cos(a), r * Math.sin(a)));
    }
    let worst = 0;
    for (let i = 0; i < pts.length; i++) {
      for (let j = i + 1; j < pts.length; j++) {
        const [x1, y1] = project(p, ...pts[i]);
        const [x2, y2] = project(p, ...pts[j]);
        const t = distance(pts[i], pts[j], { units: 'meters' });
        if (t < 1) continue;
        worst = Math.max(worst, Math.abs(Math.hypot(x2 - x1, y2 - y1) - t) / t);
      }
    }
    expect(worst).toBeLessThan(0.005);
    // and project/unproject are inverse
    const [lon, lat] = unproject(p, ...project(p, 7.43, 43.75));
    expect(lon).toBeCloseTo(7.43, 12);
    expect(lat).toBeCloseTo(43.75, 12);
  });
});
