/// <reference lib="webworker" />
/**
 * Converts an imported map file (OSM XML, .osm.gz, Overpass JSON, GeoJSON) into world-file
 * text off the main thread, so a large city does not freeze the page. Errors are the
 * converter's user-readable messages.
 */
import * as Comlink from 'comlink';
import { convertMapInput } from '../src/world/convert.ts';
import { serializeWorld } from '../src/world/world-file.ts';

const api = {
  convert(bytes: ArrayBuffer, name: string) {
    const { world, stats } = convertMapInput(new Uint8Array(bytes), { id: 'custom', name });
    return {
      text: serializeWorld(world),
      name: world.name,
      areaKm2: world.areaKm2,
      nodes: world.graph.nodeX.length,
      edges: world.graph.edgeA.length,
      buildings: stats.buildings,
    };
  },
};

export type ConvertWorkerApi = typeof api;
Comlink.expose(api);
