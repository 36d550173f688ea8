/// <reference lib="webworker" />
/**
 * A sweep worker: runs single sweep runs headless (the same runOne the CLI's threads
 * run), in-thread cryptography, on a world it loads once. The page keeps a pool of these
 * sized to the machine; cancelling a sweep terminates them.
 */
import * as Comlink from 'comlink';
import { runOne } from '../src/sweep/run-one.ts';
import type { SweepDefinition } from '../src/sweep/definition.ts';
import { loadWorldById } from '../src/world/catalog.ts';
import { parseWorldFile } from '../src/world/world-file.ts';
import type { World } from '../src/world/types.ts';

let world: World | undefined;

const api = {
  /** loads the sweep's world: a built-in one by id (fetched relative to baseUrl), or world-file text */
  async load(source: { worldId: string; baseUrl: string } | { worldText: string }) {
    world = 'worldText' in source
      ? { ...parseWorldFile(JSON.parse(source.worldText)), id: 'custom' }
      : await loadWorldById(source.worldId, async (path) => {
          const res = await fetch(new URL(path, source.baseUrl));
          if (!res.ok) throw new Error(`could not load ${path}: HTTP ${res.status}`);
          return res.text();
        });
  },
  async run(def: SweepDefinition, runIndex: number) {
    if (!world) throw new Error('sweep worker: no world loaded');
    return runOne(def, runIndex, world);
  },
};

export type SweepWorkerApi = typeof api;
Comlink.expose(api);
