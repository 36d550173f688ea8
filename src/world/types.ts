/**
 * A world: everything the simulation and the renderer need to know about a place.
 *
 * Coordinates are in a local metric frame (metres east = x, metres north = y) about
 * `center`, produced by the world's equirectangular projection (see projection.ts).
 * Hot loops work in this frame only; lon/lat appear at load time and in reports.
 */

/** Bits of StreetGraph.edgeFlags. */
export const WALK = 1;
export const DRIVE = 2;

/** Street classes for drawing, index into STREET_CLASSES. */
export const STREET_CLASSES = [
  'motorway', 'primary', 'secondary', 'tertiary', 'residential', 'service', 'pedestrian', 'footway', 'steps', 'other',
] as const;
export type StreetClass = (typeof STREET_CLASSES)[number];

/**
 * Routable street graph in segment form: every polyline vertex is a node, every edge a
 * straight segment. OSM ways are split at shared nodes by construction, and only the
 * largest connected component is kept.
 */
export interface StreetGraph {
  /** node i at (nodeX[i], nodeY[i]) metres in the local frame */
  nodeX: Float64Array;
  nodeY: Float64Array;
  /** undirected edge e joins edgeA[e] and edgeB[e] */
  edgeA: Uint32Array;
  edgeB: Uint32Array;
  /** geodesic length of the segment in metres */
  edgeLength: Float64Array;
  /** WALK | DRIVE bits */
  edgeFlags: Uint8Array;
  /** index into STREET_CLASSES */
  edgeClass: Uint8Array;
}

/** A graph over the given nodes with room for `edgeCount` edges (zeroed), for builders to fill. */
export function allocStreetGraph(nodeX: Float64Array, nodeY: Float64Array, edgeCount: number): StreetGraph {
  return {
    nodeX,
    nodeY,
    edgeA: new Uint32Array(edgeCount),
    edgeB: new Uint32Array(edgeCount),
    edgeLength: new Float64Array(edgeCount),
    edgeFlags: new Uint8Array(edgeCount),
    edgeClass: new Uint8Array(edgeCount),
  };
}

/** A polygon or line for drawing: flat [x0, y0, x1, y1, ...] in local metres. */
export type FlatPath = number[];

export interface World {
  id: string;
  name: string;
  /** shown wherever the map is shown */
  attribution: string;
  /** projection origin [lon, lat] in degrees */
  center: [number, number];
  /** [minLon, minLat, maxLon, maxLat] of the street graph */
  bbox: [number, number, number, number];
  /** extent of the street graph in local metres [minX, minY, maxX, maxY] */
  extent: [number, number, number, number];
  /**
   * Area in km² that density sliders divide by: the area of the convex hull of the
   * kept street graph (where finders can be), computed with turf at conversion time.
   */
  areaKm2: number;
  graph: StreetGraph;
  buildings: FlatPath[];
  water: FlatPath[];
  parks: FlatPath[];
  /** 'wrap' worlds (the open field) let finders cross the edge and reappear opposite */
  topology: 'graph' | 'open';
}
