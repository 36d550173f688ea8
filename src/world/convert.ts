/**
 * Map data -> World. The pipeline is `OSM XML -> GeoJSON -> World` (osm.ts does the first
 * step); `geoJsonToWorld` is usable directly on GeoJSON with `highway` properties.
 *
 * The street graph is built in segment form: every polyline vertex is a node and every
 * segment an edge. Vertices are keyed by their exact coordinates (GeoJSON has no node
 * ids; the same OSM node always yields the same numbers), so ways are split at shared
 * nodes by construction. Only the largest connected component is kept.
 */
import { area, convex, featureCollection, point } from '@turf/turf';
import type { FeatureCollection, Position } from 'geojson';
import { largestComponent } from './components.ts';
import { mapInputToGeoJson, type MapInput } from './osm.ts';
import { makeProjection, project, type Projection } from './projection.ts';
import { seaPolygons } from './sea.ts';
import { graphStats, type GraphStats } from './stats.ts';
import { areaKind, isCoastline, isHighwayArea, streetKind, type AreaKind, type Tags } from './tags.ts';
import { allocStreetGraph, type FlatPath, type StreetGraph, type World } from './types.ts';

export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

export interface ConvertOptions {
  id?: string;
  name?: string;
  attribution?: string;
  /** areas (buildings, water, parks) farther than this outside the street graph are dropped; default 200 m */
  areaMarginMetres?: number;
}

export interface ConvertStats extends GraphStats {
  /** street nodes / edges before keeping the largest component */
  rawNodes: number;
  rawEdges: number;
  buildings: number;
  water: number;
  parks: number;
}

export interface ConvertResult {
  world: World;
  stats: ConvertStats;
}

/** Any supported map file (OSM XML, .osm.gz, Overpass JSON, GeoJSON) -> World. */
export function convertMapInput(input: MapInput, opts: ConvertOptions = {}): ConvertResult {
  return geoJsonToWorld(mapInputToGeoJson(input), opts);
}

/** Street vertices and segments in lon/lat, deduplicated. */
class RawGraph {
  lon: number[] = [];
  lat: number[] = [];
  a: number[] = [];
  b: number[] = [];
  flags: number[] = [];
  cls: number[] = [];
  private nodeIds = new Map<string, number>();
  private edgeIds = new Map<number, number>();

  node(p: Position): number {
    const lon = p[0];
    const lat = p[1];
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lon) > 360) {
      throw new Error(`invalid coordinate [${String(lon)}, ${String(lat)}] in a street: expected [longitude, latitude] in degrees`);
    }
    const key = `${lon},${lat}`;
    let id = this.nodeIds.get(key);
    if (id === undefined) {
      id = this.lon.length;
      this.nodeIds.set(key, id);
      this.lon.push(lon);
      this.lat.push(lat);
    }
    return id;
  }

  addLine(coords: Position[], flags: number, cls: number): void {
    let prev = -1;
    for (const p of coords) {
      const id = this.node(p);
      if (prev >= 0 && prev !== id) this.addEdge(prev, id, flags, cls);
      prev = id;
    }
  }

  /** Two ways over the same segment (a footway drawn on a road) make one edge open to both. */
  private addEdge(u: number, v: number, flags: number, cls: number): void {
    const lo = Math.min(u, v);
    const hi = Math.max(u, v);
    const key = lo * 2 ** 26 + hi; // exact below 2^53 for up to 67M nodes
    const e = this.edgeIds.get(key);
    if (e !== undefined) {
      this.flags[e] |= flags;
      this.cls[e] = Math.min(this.cls[e], cls); // the more important class draws
      return;
    }
    this.edgeIds.set(key, this.a.length);
    this.a.push(u);
    this.b.push(v);
    this.flags.push(flags);
    this.cls.push(cls);
  }
}

interface Collected {
  streets: RawGraph;
  areas: Record<AreaKind, Position[][]>;
  coastlines: Position[][];
}

/** Sorts features into streets, areas and coastlines. */
function collect(fc: FeatureCollection): Collected {
  const streets = new RawGraph();
  const areas: Record<AreaKind, Position[][]> = { building: [], water: [], park: [] };
  const coastlines: Position[][] = [];
  for (const f of fc.features) {
    const g = f?.geometry;
    if (!g) continue;
    const tags: Tags = (f.properties ?? {}) as Tags;
    const street = streetKind(tags);
    if (street) {
      // closed highway ways come out of osm2geojson as polygons: a ring street unless an area
      const isArea = isHighwayArea(tags) || tags.type === 'multipolygon';
      if (g.type === 'LineString') streets.addLine(g.coordinates, street.flags, street.cls);
      else if (g.type === 'MultiLineString') for (const l of g.coordinates) streets.addLine(l, street.flags, street.cls);
      else if (g.type === 'Polygon' && !isArea) streets.addLine(g.coordinates[0] ?? [], street.flags, street.cls);
      else if (g.type === 'MultiPolygon' && !isArea) for (const p of g.coordinates) streets.addLine(p[0] ?? [], street.flags, street.cls);
      continue;
    }
    if (isCoastline(tags)) {
      if (g.type === 'LineString') coastlines.push(g.coordinates);
      else if (g.type === 'MultiLineString') coastlines.push(...g.coordinates);
      continue;
    }
    const kind = areaKind(tags);
    if (!kind) continue;
    // FlatPath has no holes: outer rings only (courtyards get filled; fine for drawing)
    if (g.type === 'Polygon' && g.coordinates[0]) areas[kind].push(g.coordinates[0]);
    else if (g.type === 'MultiPolygon') for (const p of g.coordinates) if (p[0]) areas[kind].push(p[0]);
  }
  return { streets, areas, coastlines };
}

/** Length of a short segment in metres: the local projection at its own midpoint (ellipsoidal, <0.01% off). */
function segmentLength(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const p = makeProjection((lon1 + lon2) / 2, (lat1 + lat2) / 2);
  const [x1, y1] = project(p, lon1, lat1);
  const [x2, y2] = project(p, lon2, lat2);
  return Math.hypot(x2 - x1, y2 - y1);
}

/** GeoJSON FeatureCollection -> World (throws a readable Error when there are no streets). */
export function geoJsonToWorld(fc: FeatureCollection, opts: ConvertOptions = {}): ConvertResult {
  const { streets: raw, areas, coastlines } = collect(fc);
  if (raw.a.length === 0) {
    throw new Error('no streets found in this file: it has no ways tagged highway=* that walkers or drivers may use');
  }
  const { mask } = largestComponent(raw.lon.length, raw.a, raw.b);

  // renumber kept nodes in first-seen order (neighbours along a way stay close: good for delta coding)
  const newId = new Int32Array(raw.lon.length).fill(-1);
  const keptLon: number[] = [];
  const keptLat: number[] = [];
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  for (let i = 0; i < raw.lon.length; i++) {
    if (!mask[i]) continue;
    newId[i] = keptLon.length;
    keptLon.push(raw.lon[i]);
    keptLat.push(raw.lat[i]);
    minLon = Math.min(minLon, raw.lon[i]);
    maxLon = Math.max(maxLon, raw.lon[i]);
    minLat = Math.min(minLat, raw.lat[i]);
    maxLat = Math.max(maxLat, raw.lat[i]);
  }
  const center: [number, number] = [(minLon + maxLon) / 2, (minLat + maxLat) / 2];
  const proj = makeProjection(center[0], center[1]);

  const n = keptLon.length;
  const nodeX = new Float64Array(n);
  const nodeY = new Float64Array(n);
  for (let i = 0; i < n; i++) [nodeX[i], nodeY[i]] = project(proj, keptLon[i], keptLat[i]);

  const edges: number[] = [];
  for (let e = 0; e < raw.a.length; e++) if (mask[raw.a[e]]) edges.push(e); // b is in the same component
  const m = edges.length;
  const graph = allocStreetGraph(nodeX, nodeY, m);
  edges.forEach((e, k) => {
    const a = raw.a[e];
    const b = raw.b[e];
    graph.edgeA[k] = newId[a];
    graph.edgeB[k] = newId[b];
    graph.edgeLength[k] = segmentLength(raw.lon[a], raw.lat[a], raw.lon[b], raw.lat[b]);
    graph.edgeFlags[k] = raw.flags[e];
    graph.edgeClass[k] = raw.cls[e];
  });

  const extent = localExtent(nodeX, nodeY);
  const margin = opts.areaMarginMetres ?? 200;
  const box: [number, number, number, number] = [extent[0] - margin, extent[1] - margin, extent[2] + margin, extent[3] + margin];
  const toFlat = (rings: Position[][]): FlatPath[] => rings.map((r) => projectRing(proj, r)).filter((p) => p.length >= 6 && overlaps(p, box));
  const buildings = toFlat(areas.building);
  const parks = toFlat(areas.park);
  const sea = seaPolygons(
    coastlines.map((l) => l.map((p) => project(proj, p[0], p[1]))),
    box,
  ).map((ring) => ring.flat());
  const water = [...sea, ...toFlat(areas.water)];

  const world: World = {
    id: opts.id ?? 'imported',
    name: opts.name ?? 'Imported map',
    attribution: opts.attribution ?? OSM_ATTRIBUTION,
    center,
    bbox: [minLon, minLat, maxLon, maxLat],
    extent,
    areaKm2: hullAreaKm2(keptLon, keptLat, extent),
    graph,
    buildings,
    water,
    parks,
    topology: 'graph',
  };
  const stats: ConvertStats = {
    ...graphStats(graph),
    rawNodes: raw.lon.length,
    rawEdges: raw.a.length,
    buildings: buildings.length,
    water: water.length,
    parks: parks.length,
  };
  return { world, stats };
}

export function localExtent(xs: ArrayLike<number>, ys: ArrayLike<number>): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    x0 = Math.min(x0, xs[i]);
    x1 = Math.max(x1, xs[i]);
    y0 = Math.min(y0, ys[i]);
    y1 = Math.max(y1, ys[i]);
  }
  return [x0, y0, x1, y1];
}

/** Ring -> flat local coordinates, as an open ring (the closing vertex dropped; drawing closes it). */
function projectRing(proj: Projection, ring: Position[]): FlatPath {
  const out: number[] = [];
  const last = ring.length - 1;
  const closed = last > 0 && ring[0][0] === ring[last][0] && ring[0][1] === ring[last][1];
  for (let i = 0; i < (closed ? last : ring.length); i++) {
    const [x, y] = project(proj, ring[i][0], ring[i][1]);
    out.push(x, y);
  }
  return out;
}

function overlaps(path: FlatPath, box: [number, number, number, number]): boolean {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < path.length; i += 2) {
    x0 = Math.min(x0, path[i]);
    x1 = Math.max(x1, path[i]);
    y0 = Math.min(y0, path[i + 1]);
    y1 = Math.max(y1, path[i + 1]);
  }
  return x1 >= box[0] && x0 <= box[2] && y1 >= box[1] && y0 <= box[3];
}

/**
 * Convex hull area of the kept street nodes (where finders can be). A degenerate hull
 * (all nodes on one line) falls back to the extent's area, at least 1 m² wide, so density
 * sliders never divide by zero.
 */
function hullAreaKm2(lon: number[], lat: number[], extent: [number, number, number, number]): number {
  const hull = lon.length >= 3 ? convex(featureCollection(lon.map((x, i) => point([x, lat[i]])))) : null;
  const a = hull ? area(hull) : 0;
  if (a > 0) return a / 1e6;
  return Math.max(1, (extent[2] - extent[0]) * (extent[3] - extent[1])) / 1e6;
}
