/**
 * World file: compact JSON for a converted world (public/worlds/*.json).
 *
 * Coordinates are integers of decimetres in the world's local frame, delta-coded along
 * each array (neighbouring nodes are close, so most numbers are 1-3 digits); edge lengths
 * are integer centimetres, stored because a segment's geodesic length is not exactly its
 * rounded x/y distance. Decimetres keep positions to ±5 cm, far below GPS error.
 *
 *   { format: "crowdfind-world", version: 1, id, name, attribution, center, bbox, extent,
 *     areaKm2, topology,
 *     nodes:   [x0, y0, dx1, dy1, ...]          dm, each pair relative to the previous node
 *     edges:   [a0, b0-a0, a1-a0, b1-a1, ...]   a relative to the previous edge's a, b to a
 *     lengths: [cm, ...]
 *     kinds:   [class * 4 + flags, ...]         class: STREET_CLASSES index, flags: WALK|DRIVE
 *     buildings / water / parks: [[x0, y0, dx1, dy1, ...], ...]   dm, open rings or lines }
 */
import { STREET_CLASSES, allocStreetGraph, type FlatPath, type StreetGraph, type World } from './types.ts';

export const WORLD_FORMAT = 'crowdfind-world';
export const WORLD_FORMAT_VERSION = 1;

/** Coordinate units per metre (decimetres). */
const SCALE = 10;

interface WorldFileV1 {
  format: typeof WORLD_FORMAT;
  version: 1;
  id: string;
  name: string;
  attribution: string;
  center: [number, number];
  bbox: [number, number, number, number];
  extent: [number, number, number, number];
  areaKm2: number;
  topology: 'graph' | 'open';
  nodes: number[];
  edges: number[];
  lengths: number[];
  kinds: number[];
  buildings: number[][];
  water: number[][];
  parks: number[][];
}

const round = (v: number, digits: number): number => Number(v.toFixed(digits));

function encodePath(xs: ArrayLike<number>, ys: ArrayLike<number> | null): number[] {
  // ys null: xs is a flat [x, y, x, y, ...] path
  const count = ys ? xs.length : xs.length / 2;
  const out = new Array<number>(count * 2);
  let px = 0;
  let py = 0;
  for (let i = 0; i < count; i++) {
    const x = Math.round((ys ? xs[i] : xs[2 * i]) * SCALE);
    const y = Math.round((ys ? ys[i] : xs[2 * i + 1]) * SCALE);
    out[2 * i] = x - px;
    out[2 * i + 1] = y - py;
    px = x;
    py = y;
  }
  return out;
}

/** World -> JSON text (one line; the worlds are fetched, not read by people). */
export function serializeWorld(world: World): string {
  const g = world.graph;
  const m = g.edgeA.length;
  const edges = new Array<number>(2 * m);
  const lengths = new Array<number>(m);
  const kinds = new Array<number>(m);
  let prevA = 0;
  for (let e = 0; e < m; e++) {
    edges[2 * e] = g.edgeA[e] - prevA;
    edges[2 * e + 1] = g.edgeB[e] - g.edgeA[e];
    prevA = g.edgeA[e];
    lengths[e] = Math.round(g.edgeLength[e] * 100);
    kinds[e] = g.edgeClass[e] * 4 + g.edgeFlags[e];
  }
  const file: WorldFileV1 = {
    format: WORLD_FORMAT,
    version: WORLD_FORMAT_VERSION,
    id: world.id,
    name: world.name,
    attribution: world.attribution,
    center: [round(world.center[0], 7), round(world.center[1], 7)],
    bbox: world.bbox.map((v) => round(v, 7)) as WorldFileV1['bbox'],
    extent: world.extent.map((v) => round(v, 1)) as WorldFileV1['extent'],
    areaKm2: round(world.areaKm2, 6),
    topology: world.topology,
    nodes: encodePath(g.nodeX, g.nodeY),
    edges,
    lengths,
    kinds,
    buildings: world.buildings.map((p) => encodePath(p, null)),
    water: world.water.map((p) => encodePath(p, null)),
    parks: world.parks.map((p) => encodePath(p, null)),
  };
  return JSON.stringify(file);
}

function fail(msg: string): never {
  throw new Error(`invalid world file: ${msg}`);
}

function intArray(o: Record<string, unknown>, key: string): number[] {
  const v = o[key];
  if (!Array.isArray(v)) fail(`"${key}" must be an array of integers`);
  for (let i = 0; i < v.length; i++) if (!Number.isInteger(v[i])) fail(`"${key}"[${i}] is not an integer`);
  return v as number[];
}

function numbers<N extends number>(o: Record<string, unknown>, key: string, n: N): number[] {
  const v = o[key];
  if (!Array.isArray(v) || v.length !== n || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    fail(`"${key}" must be an array of ${n} numbers`);
  }
  return v as number[];
}

function text(o: Record<string, unknown>, key: string): string {
  const v = o[key];
  if (typeof v !== 'string') fail(`"${key}" must be a string`);
  return v;
}

function decodePaths(o: Record<string, unknown>, key: string): FlatPath[] {
  const v = o[key];
  if (!Array.isArray(v)) fail(`"${key}" must be an array of paths`);
  return v.map((_, i) => {
    const path = intArray(v as unknown as Record<string, unknown>, String(i));
    if (path.length % 2 !== 0) fail(`"${key}"[${i}] has an odd number of coordinates`);
    const out = new Array<number>(path.length);
    let x = 0;
    let y = 0;
    for (let j = 0; j < path.length; j += 2) {
      x += path[j];
      y += path[j + 1];
      out[j] = x / SCALE;
      out[j + 1] = y / SCALE;
    }
    return out;
  });
}

/**
 * Parsed JSON (the result of JSON.parse or response.json()) -> World. Validates everything
 * the simulation would otherwise trip over later (indices in range, flags, classes) and
 * throws an Error starting "invalid world file:" that says what is wrong.
 */
export function parseWorldFile(json: unknown): World {
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json);
    } catch (err) {
      fail(`not JSON (${(err as Error).message})`);
    }
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) fail('expected a JSON object');
  const o = json as Record<string, unknown>;
  if (o.format !== WORLD_FORMAT) fail(`"format" must be "${WORLD_FORMAT}" (is this a world file?)`);
  if (o.version !== WORLD_FORMAT_VERSION) fail(`unsupported version ${JSON.stringify(o.version)}; this build reads version ${WORLD_FORMAT_VERSION}`);
  const topology = o.topology;
  if (topology !== 'graph' && topology !== 'open') fail('"topology" must be "graph" or "open"');
  const areaKm2 = o.areaKm2;
  if (typeof areaKm2 !== 'number' || !(areaKm2 > 0) || !Number.isFinite(areaKm2)) fail('"areaKm2" must be a positive number');

  const nodes = intArray(o, 'nodes');
  if (nodes.length % 2 !== 0) fail('"nodes" has an odd number of coordinates');
  const n = nodes.length / 2;
  const nodeX = new Float64Array(n);
  const nodeY = new Float64Array(n);
  let x = 0;
  let y = 0;
  for (let i = 0; i < n; i++) {
    x += nodes[2 * i];
    y += nodes[2 * i + 1];
    nodeX[i] = x / SCALE;
    nodeY[i] = y / SCALE;
  }

  const edges = intArray(o, 'edges');
  const lengths = intArray(o, 'lengths');
  const kinds = intArray(o, 'kinds');
  const m = lengths.length;
  if (edges.length !== 2 * m || kinds.length !== m) fail(`"edges" (${edges.length / 2} pairs), "lengths" (${m}) and "kinds" (${kinds.length}) must have one entry per edge`);
  const graph = allocStreetGraph(nodeX, nodeY, m);
  let a = 0;
  for (let e = 0; e < m; e++) {
    a += edges[2 * e];
    const b = a + edges[2 * e + 1];
    if (a < 0 || a >= n || b < 0 || b >= n) fail(`edge ${e} joins node ${a} and ${b}, but there are ${n} nodes`);
    const flags = kinds[e] & 3;
    const cls = kinds[e] >> 2;
    if (kinds[e] < 0 || flags === 0 || cls >= STREET_CLASSES.length) fail(`edge ${e} has an invalid kind ${kinds[e]}`);
    if (lengths[e] < 0) fail(`edge ${e} has a negative length`);
    graph.edgeA[e] = a;
    graph.edgeB[e] = b;
    graph.edgeLength[e] = lengths[e] / 100;
    graph.edgeFlags[e] = flags;
    graph.edgeClass[e] = cls;
  }
  if (topology === 'graph' && m === 0) fail('a "graph" world needs at least one street edge');

  return {
    id: text(o, 'id'),
    name: text(o, 'name'),
    attribution: text(o, 'attribution'),
    center: numbers(o, 'center', 2) as [number, number],
    bbox: numbers(o, 'bbox', 4) as [number, number, number, number],
    extent: numbers(o, 'extent', 4) as [number, number, number, number],
    areaKm2,
    graph,
    buildings: decodePaths(o, 'buildings'),
    water: decodePaths(o, 'water'),
    parks: decodePaths(o, 'parks'),
    topology,
  };
}
