/** Bad input gives an Error a user can read, never an empty world or a stack of parser internals. */
import { readFileSync } from 'node:fs';
import { gzipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { convertMapInput, geoJsonToWorld } from '../../src/world/convert.ts';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/osm/${name}`, import.meta.url), 'utf8');

describe('converter errors', () => {
  it('truncated OSM XML', () => {
    const xml = fixture('crossing.osm');
    expect(() => convertMapInput(xml.slice(0, xml.length / 2))).toThrow(/truncated or malformed/);
  });

  it('text that is not OSM XML', () => {
    expect(() => convertMapInput('<html><body>Not found</body></html>')).toThrow(/not OSM XML/);
    expect(() => convertMapInput('hello')).toThrow(/unrecognised file/);
    expect(() => convertMapInput('')).toThrow(/this file is empty/);
    expect(() => convertMapInput('   \n')).toThrow(/this file is empty/);
  });

  it('OSM without nodes or ways', () => {
    expect(() => convertMapInput(fixture('empty.osm'))).toThrow(/no map data/);
    expect(() => convertMapInput('<?xml version="1.0"?><osm version="0.6"/>')).toThrow(/no map data/);
  });

  it('OSM with no streets', () => {
    expect(() => convertMapInput(fixture('no-streets.osm'))).toThrow(/no streets found in this file/);
  });

  it('broken gzip', () => {
    const gz = gzipSync(strToU8(fixture('crossing.osm')));
    expect(() => convertMapInput(gz.subarray(0, 40))).toThrow(/gzipped but cannot be decompressed/);
    expect(convertMapInput(gz).world.graph.edgeA.length).toBe(4);
  });

  it('JSON that is neither GeoJSON nor OSM JSON, or has no streets', () => {
    expect(() => convertMapInput('{"type": "Topology"}')).toThrow(/not a GeoJSON FeatureCollection/);
    expect(() => convertMapInput('{"type": ')).toThrow(/cannot be parsed/);
    expect(() => convertMapInput('{"elements": []}')).toThrow(/no map data/);
    expect(() => geoJsonToWorld({ type: 'FeatureCollection', features: [] })).toThrow(/no streets found/);
    const badCoords = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { highway: 'residential' }, geometry: { type: 'LineString', coordinates: [[0, 100], [1, 1]] } }] };
    expect(() => convertMapInput(JSON.stringify(badCoords))).toThrow(/invalid coordinate \[0, 100\]/);
  });

  it('Overpass JSON is accepted too', () => {
    const osm = {
      elements: [
        { type: 'node', id: 1, lat: 52.514, lon: 13.35 },
        { type: 'node', id: 2, lat: 52.514, lon: 13.351 },
        { type: 'way', id: 10, nodes: [1, 2], tags: { highway: 'residential' } },
      ],
    };
    const { world } = convertMapInput(JSON.stringify(osm));
    expect(world.graph.edgeA.length).toBe(1);
    expect(world.graph.edgeLength[0]).toBeGreaterThan(67);
    expect(world.graph.edgeLength[0]).toBeLessThan(68.5);
  });
});
