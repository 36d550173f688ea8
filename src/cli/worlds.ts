/**
 * `npm run worlds`: converts the OSM extracts in data/osm/ into the world files the page
 * and the CLI load (public/worlds/*.json) plus public/worlds/index.json, and prints a
 * summary. Reads only data/osm/ in this repository.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WORLD_CATALOG } from '../world/catalog.ts';
import { convertMapInput, OSM_ATTRIBUTION } from '../world/convert.ts';
import { parseWorldFile, serializeWorld, WORLD_FORMAT, WORLD_FORMAT_VERSION } from '../world/world-file.ts';

const OSM_DIR = fileURLToPath(new URL('../../data/osm/', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('../../public/worlds/', import.meta.url));

interface IndexEntry {
  id: string;
  name: string;
  file: string;
  description: string;
  areaKm2: number;
  nodes: number;
  edges: number;
  walkKm: number;
  driveKm: number;
  bytes: number;
}

function main(): void {
  mkdirSync(OUT_DIR, { recursive: true });
  const rows: string[][] = [];
  const index: IndexEntry[] = [];
  for (const entry of WORLD_CATALOG) {
    if (!entry.file || !entry.source) continue;
    const t0 = performance.now();
    const { world, stats } = convertMapInput(readFileSync(OSM_DIR + entry.source), { id: entry.id, name: entry.name, attribution: OSM_ATTRIBUTION });
    const t1 = performance.now();
    const json = serializeWorld(world);
    writeFileSync(OUT_DIR + entry.file, json);
    const t2 = performance.now();
    parseWorldFile(JSON.parse(json)); // what every page load pays
    const t3 = performance.now();
    const bytes = Buffer.byteLength(json);
    index.push({
      id: entry.id, name: entry.name, file: entry.file, description: entry.description,
      areaKm2: round(world.areaKm2, 3), nodes: stats.nodes, edges: stats.edges,
      walkKm: round(stats.walkKm, 1), driveKm: round(stats.driveKm, 1), bytes,
    });
    rows.push([
      entry.id,
      `${stats.nodes} (of ${stats.rawNodes})`,
      `${stats.edges} (of ${stats.rawEdges})`,
      `${stats.walkNodes}`,
      `${stats.driveNodes}`,
      stats.walkKm.toFixed(1),
      stats.driveKm.toFixed(1),
      world.areaKm2.toFixed(2),
      `${stats.buildings}/${stats.water}/${stats.parks}`,
      `${(bytes / 1024).toFixed(0)} KB`,
      `${((t1 - t0) / 1000).toFixed(2)} s`,
      `${(t3 - t2).toFixed(0)} ms`,
    ]);
  }
  writeFileSync(
    OUT_DIR + 'index.json',
    JSON.stringify({ format: `${WORLD_FORMAT}-index`, version: WORLD_FORMAT_VERSION, attribution: OSM_ATTRIBUTION, license: 'ODbL-1.0', worlds: index }, null, 2) + '\n',
  );
  printTable(
    ['world', 'nodes', 'edges', 'walk nodes', 'drive nodes', 'walk km', 'drive km', 'area km²', 'bldg/water/park', 'file', 'convert', 'load'],
    rows,
  );
  console.log(`wrote ${index.length} worlds + index.json to public/worlds/ (map data ${OSM_ATTRIBUTION}, ODbL)`);
}

function round(v: number, digits: number): number {
  return Number(v.toFixed(digits));
}

function printTable(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

main();
