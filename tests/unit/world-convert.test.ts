/** Converter on real OSM data (Monaco) and on a hand-written fixture. */
import { readFileSync } from 'node:fs';
import { distance } from '@turf/turf';
import type { Feature, FeatureCollection, LineString } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertMapInput, geoJsonToWorld, type ConvertResult } from '../../src/world/convert.ts';
import { mapInputToGeoJson } from '../../src/world/osm.ts';
import { makeProjection, project, unproject } from '../../src/world/projection.ts';
import { DRIVE, STREET_CLASSES, WALK, type StreetGraph, type World } from '../../src/world/types.ts';

const root = new URL('../../', import.meta.url);
const read = (path: string): Uint8Array => readFileSync(new URL(path, root));

/** Nodes reachable from node 0 by BFS over all edges. */
function reachable(g: StreetGraph): number {
  const n = g.nodeX.length;
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (let e = 0; e < g.edgeA.length; e++) {
    adj[g.edgeA[e]].push(g.edgeB[e]);
    adj[g.edgeB[e]].push(g.edgeA[e]);
  }
  const seen = new Uint8Array(n);
  const queue = [0];
  seen[0] = 1;
  for (let q = 0; q < queue.length; q++) for (const v of adj[queue[q]]) if (!seen[v]) { seen[v] = 1; queue.push(v); }
  return queue.length;
}

/** Edge index per unordered node pair. */
function edgeIndex(g: StreetGraph): Map<string, number> {
  const m = new Map<string, number>();
  for (let e = 0; e < g.edgeA.length; e++) m.set(`${Math.min(g.edgeA[e], g.edgeB[e])}-${Math.max(g.edgeA[e], g.edgeB[e])}`, e);
  return m;
}

/** The edges of an OSM way's segments, found by projecting its vertices like the converter does. */
function wayEdges(world: World, way: Feature<LineString>): number[] {
  const proj = makeProjection(world.center[0], world.center[1]);
  const nodeAt = new Map<string, number>();
  for (let i = 0; i < world.graph.nodeX.length; i++) nodeAt.set(`${world.graph.nodeX[i]},${world.graph.nodeY[i]}`, i);
  const edges = edgeIndex(world.graph);
  const ids = way.geometry.coordinates.map(([lon, lat]) => nodeAt.get(project(proj, lon, lat).join(',')));
  const out: number[] = [];
  for (let i = 1; i < ids.length; i++) {
    const a = ids[i - 1];
    const b = ids[i];
    expect(a, 'way vertex is a graph node').toBeDefined();
    expect(b, 'way vertex is a graph node').toBeDefined();
    const e = edges.get(`${Math.min(a!, b!)}-${Math.max(a!, b!)}`);
    expect(e, 'way segment is a graph edge').toBeDefined();
    out.push(e!);
  }
  return out;
}

describe('Monaco (real OSM data)', () => {
  let geo: FeatureCollection;
  let res: ConvertResult;
  beforeAll(() => {
    geo = mapInputToGeoJson(read('data/osm/monaco.osm.gz'));
    res = geoJsonToWorld(geo, { id: 'monaco', name: 'Monaco' });
  });

  it('builds a sizeable graph with sane metadata', () => {
    const w = res.world;
    expect(w.graph.nodeX.length).toBeGreaterThan(3000);
    expect(w.graph.edgeA.length).toBeGreaterThan(3000);
    expect(w.topology).toBe('graph');
    expect(w.attribution).toBe('© OpenStreetMap contributors');
    expect(w.areaKm2).toBeGreaterThan(1.5);
    expect(w.areaKm2).toBeLessThan(6);
    expect(w.buildings.length).toBeGreaterThan(800);
    expect(w.water.length).toBeGreaterThan(0); // the sea, from the coastline
    // centre = centre of the graph's bbox, so the local extent is symmetric about 0
    expect(w.extent[0] + w.extent[2]).toBeCloseTo(0, 3);
    expect(w.extent[1] + w.extent[3]).toBeCloseTo(0, 3);
    expect(res.stats.walkNodes).toBeGreaterThan(res.stats.driveNodes);
  });

  it('keeps exactly one connected component', () => {
    expect(reachable(res.world.graph)).toBe(res.world.graph.nodeX.length);
    expect(res.stats.rawNodes).toBeGreaterThan(res.stats.nodes); // something small was dropped
  });

  it('has edge lengths that agree with turf.distance within 0.5%', () => {
    const { graph: g, center } = res.world;
    const proj = makeProjection(center[0], center[1]);
    let worst = 0;
    for (let e = 0; e < g.edgeA.length; e++) {
      const a = unproject(proj, g.nodeX[g.edgeA[e]], g.nodeY[g.edgeA[e]]);
      const b = unproject(proj, g.nodeX[g.edgeB[e]], g.nodeY[g.edgeB[e]]);
      const t = distance(a, b, { units: 'meters' });
      expect(g.edgeLength[e]).toBeGreaterThan(0);
      worst = Math.max(worst, Math.abs(g.edgeLength[e] - t) / t);
    }
    expect(worst).toBeLessThan(0.005);
  });

  it('classifies known ways: a primary road is walk+drive, steps and footways walk only', () => {
    const lines = geo.features.filter((f): f is Feature<LineString> => f.geometry?.type === 'LineString');
    const primary = lines.find((f) => f.id === 'way/4097656'); // Avenue Princesse Alice
    expect(primary?.properties?.highway).toBe('primary');
    for (const e of wayEdges(res.world, primary!)) {
      expect(res.world.graph.edgeFlags[e]).toBe(WALK | DRIVE);
      expect(STREET_CLASSES[res.world.graph.edgeClass[e]]).toBe('primary');
    }
    const { graph } = res.world;
    const plain = (f: Feature<LineString>): boolean => !['access', 'foot', 'motor_vehicle', 'vehicle', 'motorcar'].some((k) => f.properties?.[k] !== undefined);
    for (const kind of ['steps', 'footway'] as const) {
      const ways = lines.filter((f) => f.properties?.highway === kind && plain(f));
      expect(ways.length).toBeGreaterThan(5);
      let checked = 0;
      for (const way of ways.slice(0, 20)) {
        let edges: number[];
        try {
          edges = wayEdges(res.world, way);
        } catch {
          continue; // a way in a dropped component
        }
        for (const e of edges) {
          // a segment shared with a road keeps the road's access; count only the ones that are not
          if (graph.edgeClass[e] !== STREET_CLASSES.indexOf(kind)) continue;
          expect(graph.edgeFlags[e]).toBe(WALK);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(5);
    }
  });
});

describe('hand-written fixture', () => {
  it('splits crossing ways at the shared node and drops the small component', () => {
    const { world, stats } = convertMapInput(read('tests/fixtures/osm/crossing.osm'));
    const g = world.graph;
    // kept: 1-2-3 (primary) and 4-2-5 (footway) sharing node 2; dropped: 6-7 (disconnected),
    // 3-8 (construction: not a street), 1-9 (access=private)
    expect(stats.rawNodes).toBe(7);
    expect(g.nodeX.length).toBe(5);
    expect(g.edgeA.length).toBe(4);
    const degree = new Array<number>(5).fill(0);
    for (let e = 0; e < 4; e++) {
      degree[g.edgeA[e]]++;
      degree[g.edgeB[e]]++;
    }
    expect(degree.sort()).toEqual([1, 1, 1, 1, 4]);
    const flags = Array.from(g.edgeFlags).sort();
    expect(flags).toEqual([WALK, WALK, WALK | DRIVE, WALK | DRIVE]);
    expect(stats.walkNodes).toBe(5);
    expect(stats.driveNodes).toBe(3);
    expect(world.buildings).toHaveLength(1);
    expect(world.buildings[0]).toHaveLength(8); // open ring of 4 corners
    expect(g.edgeLength[0]).toBeCloseTo(distance([7.42, 43.73], [7.421, 43.73], { units: 'meters' }), 0);
  });

  it('accepts gzipped input and GeoJSON directly', () => {
    const fc: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { highway: 'residential' }, geometry: { type: 'LineString', coordinates: [[13.35, 52.514], [13.351, 52.514], [13.352, 52.5145]] } },
        { type: 'Feature', properties: { highway: 'steps' }, geometry: { type: 'MultiLineString', coordinates: [[[13.351, 52.514], [13.351, 52.513]]] } },
        { type: 'Feature', properties: { highway: 'motorway' }, geometry: { type: 'LineString', coordinates: [[13.352, 52.5145], [13.36, 52.52]] } },
        { type: 'Feature', properties: { leisure: 'park' }, geometry: { type: 'Polygon', coordinates: [[[13.35, 52.513], [13.351, 52.513], [13.351, 52.5135], [13.35, 52.513]]] } },
      ],
    };
    const viaText = convertMapInput(JSON.stringify(fc));
    const direct = geoJsonToWorld(fc);
    for (const { world } of [viaText, direct]) {
      expect(world.graph.nodeX.length).toBe(5);
      expect(world.graph.edgeA.length).toBe(4);
      expect(world.parks).toHaveLength(1);
      const byClass = Array.from(world.graph.edgeClass).map((c, e) => `${STREET_CLASSES[c]}:${world.graph.edgeFlags[e]}`).sort();
      expect(byClass).toEqual(['motorway:2', 'residential:3', 'residential:3', 'steps:1']);
    }
    const gz = read('data/osm/berlin-siegessaeule.osm.gz');
    expect(gz[0]).toBe(0x1f);
    const { world } = convertMapInput(gz);
    expect(reachable(world.graph)).toBe(world.graph.nodeX.length);
  });
});
