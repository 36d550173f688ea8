/**
 * Sea polygons from natural=coastline lines. OSM coastlines carry the sea on their right;
 * an extract holds only pieces of them. Clip the pieces to a box, then close each into a
 * polygon by walking the box edge clockwise (keeping the sea inside) from a piece's end to
 * the next piece's start (the usual coastline-to-polygon method, as osmcoastline does it
 * at planet scale). Closed coastlines inside the box are islands: the sea around them is
 * already covered by the polygon that surrounds them, so they are skipped.
 */
import { bboxClip, lineString } from '@turf/turf';

type Pt = [number, number];

/** Joins lines that share end points into longer chains (coastline ways meet end to start). */
function mergeChains(lines: Pt[][]): Pt[][] {
  const key = (p: Pt): string => `${p[0]},${p[1]}`;
  const chains = lines.filter((l) => l.length >= 2).map((l) => l.slice());
  let merged = true;
  while (merged) {
    merged = false;
    const byStart = new Map<string, number>();
    chains.forEach((c, i) => byStart.set(key(c[0]), i));
    for (let i = 0; i < chains.length; i++) {
      const c = chains[i];
      const j = byStart.get(key(c[c.length - 1]));
      if (j === undefined || j === i) continue;
      chains[i] = c.concat(chains[j].slice(1));
      chains.splice(j, 1);
      merged = true;
      break;
    }
  }
  return chains;
}

/** Position along the box boundary, counterclockwise from the bottom-left corner. */
function perimeterPos(box: [number, number, number, number], p: Pt): { t: number; p: Pt } {
  const [x0, y0, x1, y1] = box;
  const w = x1 - x0;
  const h = y1 - y0;
  const x = Math.min(x1, Math.max(x0, p[0]));
  const y = Math.min(y1, Math.max(y0, p[1]));
  // snap to the nearest side (pieces from bboxClip end on it already; this tolerates data gaps)
  const d = [y - y0, x1 - x, y1 - y, x - x0];
  const side = d.indexOf(Math.min(...d));
  if (side === 0) return { t: x - x0, p: [x, y0] };
  if (side === 1) return { t: w + (y - y0), p: [x1, y] };
  if (side === 2) return { t: w + h + (x1 - x), p: [x, y1] };
  return { t: 2 * w + h + (y1 - y), p: [x0, y] };
}

/**
 * Sea polygons (open rings, local metres) covering the part of `box` on the sea side of
 * the coastline lines. Returns [] when there is no coastline crossing the box.
 */
export function seaPolygons(coastlines: Pt[][], box: [number, number, number, number]): Pt[][] {
  const [x0, y0, x1, y1] = box;
  const w = x1 - x0;
  const h = y1 - y0;
  const per = 2 * (w + h);
  const corners: { t: number; p: Pt }[] = [
    { t: 0, p: [x0, y0] }, { t: w, p: [x1, y0] }, { t: w + h, p: [x1, y1] }, { t: 2 * w + h, p: [x0, y1] },
  ];
  const pieces: Pt[][] = [];
  for (const chain of mergeChains(coastlines)) {
    const closed = chain[0][0] === chain[chain.length - 1][0] && chain[0][1] === chain[chain.length - 1][1];
    const inside = chain.every(([x, y]) => x > x0 && x < x1 && y > y0 && y < y1);
    if (closed && inside) continue; // island
    const clipped = bboxClip(lineString(chain), box).geometry;
    const parts = clipped.type === 'LineString' ? [clipped.coordinates] : clipped.coordinates;
    for (const part of parts) if (part.length >= 2) pieces.push(part as Pt[]);
  }
  if (pieces.length === 0) return [];
  const ends = pieces.map((pc) => ({ s: perimeterPos(box, pc[0]), e: perimeterPos(box, pc[pc.length - 1]) }));
  const cw = (from: number, to: number): number => (((from - to) % per) + per) % per; // clockwise distance
  const used = new Uint8Array(pieces.length);
  const polygons: Pt[][] = [];
  for (let first = 0; first < pieces.length; first++) {
    if (used[first]) continue;
    const ring: Pt[] = [];
    let cur = first;
    for (let guard = 0; guard <= pieces.length; guard++) {
      used[cur] = 1;
      ring.push(ends[cur].s.p, ...pieces[cur], ends[cur].e.p);
      // next piece: the first start met walking clockwise from this end
      let next = -1;
      let best = Infinity;
      for (let j = 0; j < pieces.length; j++) {
        const d = cw(ends[cur].e.t, ends[j].s.t);
        if (d < best && (!used[j] || j === first)) {
          best = d;
          next = j;
        }
      }
      if (next < 0) break;
      for (const c of corners.map((c) => ({ c, d: cw(ends[cur].e.t, c.t) })).filter((x) => x.d > 0 && x.d < best).sort((a, b) => a.d - b.d)) {
        ring.push(c.c.p);
      }
      if (next === first) break;
      cur = next;
    }
    polygons.push(dedupe(ring));
  }
  return polygons.filter((r) => r.length >= 3);
}

function dedupe(ring: Pt[]): Pt[] {
  const out: Pt[] = [];
  for (const p of ring) {
    const q = out[out.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  return out;
}
