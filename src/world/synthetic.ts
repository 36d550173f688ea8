/**
 * Synthetic worlds, generated on the fly: a Manhattan grid (a clean baseline where street
 * density is uniform) and an open field (no streets; finders roam and wrap at the edges,
 * the textbook random-mobility model). Both sit at lon/lat 0,0 (the equator/prime meridian
 * crossing, where the projection is at its simplest); only reports ever show it.
 */
import { makeProjection, unproject } from './projection.ts';
import { DRIVE, STREET_CLASSES, WALK, type FlatPath, type World } from './types.ts';

const ORIGIN: [number, number] = [0, 0];
const SYNTHETIC_ATTRIBUTION = 'synthetic map (no map data)';

export interface GridWorldOptions {
  /** blocks per side; the grid has (blocks + 1)² intersections */
  blocks: number;
  /** side of one block in metres */
  blockMetres: number;
}

export interface OpenWorldOptions {
  /** side of the square field in metres */
  sizeMetres: number;
}

function bboxOf(extent: [number, number, number, number]): [number, number, number, number] {
  const p = makeProjection(ORIGIN[0], ORIGIN[1]);
  const [minLon, minLat] = unproject(p, extent[0], extent[1]);
  const [maxLon, maxLat] = unproject(p, extent[2], extent[3]);
  return [minLon, minLat, maxLon, maxLat];
}

function checkPositive(name: string, v: number, integer: boolean): void {
  if (!Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
    throw new Error(`${name} must be a positive ${integer ? 'integer' : 'number'}, got ${v}`);
  }
}

/**
 * A blocks x blocks grid of streets blockMetres apart, centred on the origin. Every edge
 * is one block side, open to walkers and drivers, class residential; each block gets one
 * building inset from the street so the map does not look empty.
 */
export function makeGridWorld({ blocks, blockMetres }: GridWorldOptions): World {
  checkPositive('blocks', blocks, true);
  checkPositive('blockMetres', blockMetres, false);
  const side = blocks + 1;
  const half = (blocks * blockMetres) / 2;
  const n = side * side;
  const nodeX = new Float64Array(n);
  const nodeY = new Float64Array(n);
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      nodeX[r * side + c] = c * blockMetres - half;
      nodeY[r * side + c] = r * blockMetres - half;
    }
  }
  const m = 2 * blocks * side;
  const edgeA = new Uint32Array(m);
  const edgeB = new Uint32Array(m);
  let e = 0;
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const i = r * side + c;
      if (c < blocks) { edgeA[e] = i; edgeB[e++] = i + 1; }
      if (r < blocks) { edgeA[e] = i; edgeB[e++] = i + side; }
    }
  }
  const inset = Math.min(blockMetres * 0.15, 12);
  const buildings: FlatPath[] = [];
  for (let r = 0; r < blocks; r++) {
    for (let c = 0; c < blocks; c++) {
      const x0 = c * blockMetres - half + inset;
      const y0 = r * blockMetres - half + inset;
      const x1 = x0 + blockMetres - 2 * inset;
      const y1 = y0 + blockMetres - 2 * inset;
      buildings.push([x0, y0, x1, y0, x1, y1, x0, y1]);
    }
  }
  const extent: [number, number, number, number] = [-half, -half, half, half];
  return {
    id: 'grid',
    name: `Grid ${blocks}×${blocks} blocks of ${blockMetres} m`,
    attribution: SYNTHETIC_ATTRIBUTION,
    center: [...ORIGIN],
    bbox: bboxOf(extent),
    extent,
    areaKm2: (2 * half) ** 2 / 1e6,
    graph: {
      nodeX,
      nodeY,
      edgeA,
      edgeB,
      edgeLength: new Float64Array(m).fill(blockMetres),
      edgeFlags: new Uint8Array(m).fill(WALK | DRIVE),
      edgeClass: new Uint8Array(m).fill(STREET_CLASSES.indexOf('residential')),
    },
    buildings,
    water: [],
    parks: [],
    topology: 'graph',
  };
}

/** An empty square field sizeMetres wide, centred on the origin; topology 'open', no streets. */
export function makeOpenWorld({ sizeMetres }: OpenWorldOptions): World {
  checkPositive('sizeMetres', sizeMetres, false);
  const half = sizeMetres / 2;
  const extent: [number, number, number, number] = [-half, -half, half, half];
  return {
    id: 'open',
    name: `Open field ${sizeMetres} m`,
    attribution: SYNTHETIC_ATTRIBUTION,
    center: [...ORIGIN],
    bbox: bboxOf(extent),
    extent,
    areaKm2: (sizeMetres * sizeMetres) / 1e6,
    graph: {
      nodeX: new Float64Array(0),
      nodeY: new Float64Array(0),
      edgeA: new Uint32Array(0),
      edgeB: new Uint32Array(0),
      edgeLength: new Float64Array(0),
      edgeFlags: new Uint8Array(0),
      edgeClass: new Uint8Array(0),
    },
    buildings: [],
    water: [],
    parks: [],
    topology: 'open',
  };
}
