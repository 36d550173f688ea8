/// <reference lib="webworker" />
/**
 * The simulation worker: a thin comlink wrapper around SimHost. Worlds are loaded here
 * (from the page's own origin, or from the text of an imported file), frames go back as
 * transferred buffers, and report cryptography runs in a pool of crypto workers (one per
 * core beyond this one) in 'real' mode, in this thread in 'modeled' mode (no math to spread).
 */
import * as Comlink from 'comlink';
import { createBrowserCryptoPool } from '../src/protocol/browser-crypto-pool.ts';
import { InThreadCryptoPool } from '../src/protocol/pool.ts';
import { SimHost } from '../src/sim/host.ts';
import { frameTransferables } from '../src/sim/frame.ts';
import type { Scenario } from '../src/sim/scenario.ts';
import { loadWorldById } from '../src/world/catalog.ts';
import { parseWorldFile } from '../src/world/world-file.ts';

const cryptoThreads = Math.max(1, (self.navigator?.hardwareConcurrency || 2) - 1);
const host = new SimHost((mode) => (mode === 'real' ? createBrowserCryptoPool({ threads: cryptoThreads, mode }) : new InThreadCryptoPool(mode)));

const api = {
  /** Loads a built-in world by id (files fetched relative to baseUrl) and starts a run. */
  async startBuiltin(worldId: string, baseUrl: string, scenario: Scenario) {
    const world = await loadWorldById(worldId, async (path) => {
      const res = await fetch(new URL(path, baseUrl));
      if (!res.ok) throw new Error(`could not load ${path}: HTTP ${res.status}`);
      return res.text();
    });
    return host.start(world, scenario);
  },
  /** Starts a run on a world given as world-file text (an imported city). */
  startFromText(worldText: string, scenario: Scenario) {
    return host.start(parseWorldFile(JSON.parse(worldText)), scenario);
  },
  updateLive: (s: Scenario) => host.updateLive(s),
  play: () => host.play(),
  pause: () => host.pause(),
  setSpeed: (x: number) => host.setSpeed(x),
  step: (n: number) => host.step(n),
  info: () => host.info(),
  metricsSince: (k: number) => host.metricsSince(k),
  tagDetails: (i: number) => host.tagDetails(i),
  frame() {
    const f = host.frame();
    return Comlink.transfer(f, frameTransferables(f));
  },
};

export type SimWorkerApi = typeof api;
Comlink.expose(api);
