/**
 * The built-in worlds and how to load one. Runtime-neutral: the caller passes fetchText
 * (the page fetches `worlds/<file>` relative to itself; Node reads public/worlds, see
 * node-loader.ts), so this module touches neither the DOM nor the file system.
 */
import { makeGridWorld, makeOpenWorld } from './synthetic.ts';
import type { World } from './types.ts';
import { parseWorldFile } from './world-file.ts';

export type WorldId = 'monaco' | 'andorra' | 'tiergarten' | 'grid' | 'open';

export interface CatalogEntry {
  id: WorldId;
  name: string;
  description: string;
  /** world file under public/worlds/ for converted maps; absent for generated worlds */
  file?: string;
  /** OSM extract it is converted from (data/osm/), for the worlds script */
  source?: string;
}

export const DEFAULT_WORLD_ID: WorldId = 'monaco';

/** Default sizes of the generated worlds. */
export const GRID_DEFAULTS = { blocks: 20, blockMetres: 100 } as const;
export const OPEN_DEFAULTS = { sizeMetres: 1000 } as const;

export const WORLD_CATALOG: readonly CatalogEntry[] = [
  {
    id: 'monaco',
    name: 'Monaco',
    description: 'The whole principality: a dense city of streets, footways and steps up the hillside, between the harbour and the cliffs. A real, walkable downtown.',
    file: 'monaco.json',
    source: 'monaco.osm.gz',
  },
  {
    id: 'andorra',
    name: 'Andorra',
    description: 'A whole mountain country: towns in the valleys joined by long, empty roads. Shows where crowd density collapses and location fixes stop.',
    file: 'andorra.json',
    source: 'andorra.osm.gz',
  },
  {
    id: 'tiergarten',
    name: 'Berlin Tiergarten',
    description: 'The park paths and the big roundabout around the Victory Column in Berlin: a tiny scene for quick runs.',
    file: 'tiergarten.json',
    source: 'berlin-siegessaeule.osm.gz',
  },
  {
    id: 'grid',
    name: 'Grid',
    description: `A synthetic Manhattan grid, ${GRID_DEFAULTS.blocks}×${GRID_DEFAULTS.blocks} blocks of ${GRID_DEFAULTS.blockMetres} m: uniform street density, a clean baseline.`,
  },
  {
    id: 'open',
    name: 'Open field',
    description: `A ${OPEN_DEFAULTS.sizeMetres} m square with no streets: finders roam in random directions and wrap around the edges.`,
  },
];

export function isWorldId(id: string): id is WorldId {
  return WORLD_CATALOG.some((w) => w.id === id);
}

export function catalogEntry(id: string): CatalogEntry {
  const entry = WORLD_CATALOG.find((w) => w.id === id);
  if (!entry) throw new Error(`unknown world "${id}"; built-in worlds: ${WORLD_CATALOG.map((w) => w.id).join(', ')}`);
  return entry;
}

/** Path of a world file relative to the page (and to public/ in the repository). */
export function worldPath(file: string): string {
  return `worlds/${file}`;
}

/**
 * Loads a built-in world: generated ones are built in memory, converted ones fetched as
 * `fetchText("worlds/<file>")` (e.g. "worlds/monaco.json", a path relative to the page,
 * so the browser can pass `(p) => fetch(p).then((r) => r.text())`) and parsed.
 */
export async function loadWorldById(id: string, fetchText: (path: string) => Promise<string>): Promise<World> {
  const entry = catalogEntry(id);
  if (entry.id === 'grid') return makeGridWorld(GRID_DEFAULTS);
  if (entry.id === 'open') return makeOpenWorld(OPEN_DEFAULTS);
  if (!entry.file) throw new Error(`world "${id}" has no file`);
  let textContent: string;
  try {
    textContent = await fetchText(worldPath(entry.file));
  } catch (err) {
    throw new Error(`cannot load world "${id}" (${entry.file}): ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(textContent);
  } catch (err) {
    throw new Error(`cannot load world "${id}": ${entry.file} is not JSON (${(err as Error).message})`);
  }
  const world = parseWorldFile(json);
  return { ...world, id: entry.id, name: world.name || entry.name };
}
