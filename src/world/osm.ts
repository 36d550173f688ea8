/**
 * Input decoding: bytes or text of .osm, .osm.gz, Overpass JSON or GeoJSON -> a GeoJSON
 * FeatureCollection. Runtime-neutral (fflate + osm2geojson-lite, no DOM, no fs), so the
 * page's file importer and the `npm run worlds` script share it.
 */
import { gunzipSync, strFromU8 } from 'fflate';
import osm2geojson from 'osm2geojson-lite';
import type { Feature, FeatureCollection, Geometry } from 'geojson';

/** Map data as read from a file: raw bytes (possibly gzipped) or already-decoded text. */
export type MapInput = Uint8Array | string;

/** Text of the input, gunzipped if it starts with the gzip magic bytes. */
export function decodeText(input: MapInput): string {
  if (typeof input === 'string') return input;
  let bytes = input;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (err) {
      throw new Error(`this file looks gzipped but cannot be decompressed (${(err as Error).message}); is it truncated?`);
    }
  }
  return strFromU8(bytes);
}

/**
 * OSM XML -> GeoJSON. Every tagged way becomes a feature (even when a relation also uses
 * it), tags flattened into properties, id "way/123". osm2geojson-lite's parser is
 * regex-based and lenient, so obvious breakage (truncation, not OSM at all) is checked here
 * to give the user a readable error instead of an empty map.
 */
export function osmXmlToGeoJson(xml: string): FeatureCollection {
  const head = xml.slice(0, 2000);
  if (!/<osm[\s>]/.test(head)) throw new Error('this is not OSM XML: no <osm> element at the start of the file');
  if (!/<\/osm>\s*$/.test(xml.slice(-200)) && !/<osm[^>]*\/>\s*$/.test(xml)) {
    throw new Error('this OSM XML file is truncated or malformed: it does not end with </osm>');
  }
  if (!/<(node|way)[\s>]/.test(xml)) throw new Error('this OSM file contains no map data (no nodes or ways)');
  return runOsm2GeoJson(xml);
}

/** Overpass / OSM JSON ({ elements: [...] }) -> GeoJSON. */
export function osmJsonToGeoJson(osm: { elements: unknown[] }): FeatureCollection {
  if (!Array.isArray(osm.elements) || osm.elements.length === 0) throw new Error('this OSM JSON file contains no map data (no elements)');
  return runOsm2GeoJson(osm);
}

function runOsm2GeoJson(osm: string | { [k: string]: unknown }): FeatureCollection {
  let fc: FeatureCollection;
  try {
    fc = osm2geojson(osm, { completeFeature: true, renderTagged: true, excludeWay: false }) as FeatureCollection;
  } catch (err) {
    throw new Error(`cannot read this OSM data: ${(err as Error).message}`);
  }
  if (!fc || !Array.isArray(fc.features)) throw new Error('cannot read this OSM data: the parser returned nothing');
  return fc;
}

/** Checks that a parsed JSON value is a GeoJSON FeatureCollection (shallowly; features are checked as used). */
export function asFeatureCollection(json: unknown): FeatureCollection {
  const o = json as { type?: unknown; features?: unknown };
  if (!o || typeof o !== 'object') throw new Error('this JSON file is not GeoJSON: expected an object');
  if (o.type === 'Feature') return { type: 'FeatureCollection', features: [o as Feature<Geometry>] };
  if (o.type !== 'FeatureCollection' || !Array.isArray(o.features)) {
    throw new Error('this JSON file is not a GeoJSON FeatureCollection (expected "type": "FeatureCollection" and a "features" array)');
  }
  return o as FeatureCollection;
}

/**
 * Any supported map file -> GeoJSON: OSM XML (.osm, .osm.gz), Overpass JSON, or GeoJSON.
 * Decided by content, not by file name, so a mislabelled file still works.
 */
export function mapInputToGeoJson(input: MapInput): FeatureCollection {
  const text = decodeText(input);
  const start = text.slice(0, 200).trimStart();
  if (start.length === 0) throw new Error('this file is empty');
  if (start.startsWith('<')) return osmXmlToGeoJson(text);
  if (start.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new Error(`this JSON file cannot be parsed: ${(err as Error).message}`);
    }
    if (json && typeof json === 'object' && Array.isArray((json as { elements?: unknown }).elements)) {
      return osmJsonToGeoJson(json as { elements: unknown[] });
    }
    return asFeatureCollection(json);
  }
  throw new Error('unrecognised file: expected OSM XML (.osm / .osm.gz), Overpass JSON or GeoJSON');
}
