/**
 * Node-side world loading: reads public/worlds/<file> from this checkout (the page fetches
 * the same files over HTTP). Kept out of catalog.ts so the browser bundle has no fs.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadWorldById } from './catalog.ts';
import type { World } from './types.ts';

/** public/ of the repository, found from this file's location (src/world/ -> ../../public). */
export const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));

/** fetchText for Node: "worlds/monaco.json" -> contents of public/worlds/monaco.json. */
export async function nodeFetchText(path: string): Promise<string> {
  if (path.includes('..')) throw new Error(`refusing to read outside public/: ${path}`);
  try {
    return await readFile(new URL(path, new URL('../../public/', import.meta.url)), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`${path} not found under ${PUBLIC_DIR}; run \`npm run worlds\` to generate it`);
    throw err;
  }
}

/** Loads a built-in world by id from the files in this checkout. */
export function loadWorldFromDisk(id: string): Promise<World> {
  return loadWorldById(id, nodeFetchText);
}
