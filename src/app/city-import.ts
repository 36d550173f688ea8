/**
 * "Your own city": an OpenStreetMap extract (.osm, .osm.gz, Overpass JSON) or a GeoJSON
 * street file, chosen with the file picker or dropped on the page, is converted in a
 * worker (workers/convert.worker.ts) into world-file text. Nothing is changed here:
 * the caller starts the run and keeps the old world if that fails.
 */
import * as Comlink from 'comlink';
import type { ConvertWorkerApi } from '../../workers/convert.worker.ts';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const IMPORT_ACCEPT = '.osm,.gz,.xml,.json,.geojson,application/json,application/xml,application/gzip';
/** fewer street segments than this is not a street network worth simulating */
const MIN_EDGES = 10;

export interface ImportedCity {
  text: string;
  name: string;
  areaKm2: number;
  nodes: number;
  edges: number;
}

export function cityNameFromFile(fileName: string): string {
  const stem = fileName.replace(/\.(osm\.gz|osm|gz|xml|geojson|json)+$/i, '').replace(/[-_]+/g, ' ').trim();
  return stem ? stem[0].toUpperCase() + stem.slice(1) : 'My city';
}

export async function importCity(file: File): Promise<ImportedCity> {
  if (file.size === 0) throw new Error(`"${file.name}" is empty.`);
  if (file.size > MAX_IMPORT_BYTES) {
    throw new Error(`"${file.name}" is ${(file.size / 1048576).toFixed(0)} MB; the limit is ${MAX_IMPORT_BYTES / 1048576} MB. Export a smaller area (a district or a town).`);
  }
  const bytes = await file.arrayBuffer();
  const worker = new Worker(new URL('../../workers/convert.worker.ts', import.meta.url), { type: 'module', name: 'crowdfind-convert' });
  const api = Comlink.wrap<ConvertWorkerApi>(worker);
  const died = new Promise<never>((_, reject) =>
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      reject(new Error(`the converter crashed (${e.message || 'out of memory?'}); try a smaller extract`));
    }),
  );
  try {
    const r = await Promise.race([api.convert(Comlink.transfer(bytes, [bytes]), cityNameFromFile(file.name)), died]);
    if (r.edges < MIN_EDGES) throw new Error(`"${file.name}" has only ${r.edges} street segments after conversion: not a street network to simulate on.`);
    return r;
  } catch (err) {
    const msg = (err as Error)?.message ?? String(err);
    throw new Error(msg.startsWith('"') ? msg : `Could not import "${file.name}": ${msg}`);
  } finally {
    worker.terminate();
  }
}
