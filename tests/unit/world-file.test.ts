/** World file round trip, size/speed budget, validation, and the catalog loaders. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_ID, loadWorldById, WORLD_CATALOG } from '../../src/world/catalog.ts';
import { convertMapInput } from '../../src/world/convert.ts';
import { loadWorldFromDisk } from '../../src/world/node-loader.ts';
import type { World } from '../../src/world/types.ts';
import { parseWorldFile, serializeWorld } from '../../src/world/world-file.ts';

const root = new URL('../../', import.meta.url);

/** Largest absolute difference between two equally long number sequences (Infinity if lengths differ). */
function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/** Same world up to the file's precision: positions within 0.1 m, lengths within 1 cm, topology exact. */
function expectSameWorld(a: World, b: World): void {
  expect(b.id).toBe(a.id);
  expect(b.topology).toBe(a.topology);
  expect(b.areaKm2).toBeCloseTo(a.areaKm2, 5);
  expect(maxDiff(a.center, b.center)).toBeLessThan(1e-6);
  expect(maxDiff(a.extent, b.extent)).toBeLessThanOrEqual(0.1);
  const ga = a.graph;
  const gb = b.graph;
  expect(maxDiff(ga.nodeX, gb.nodeX)).toBeLessThanOrEqual(0.1);
  expect(maxDiff(ga.nodeY, gb.nodeY)).toBeLessThanOrEqual(0.1);
  expect(maxDiff(ga.edgeA, gb.edgeA)).toBe(0);
  expect(maxDiff(ga.edgeB, gb.edgeB)).toBe(0);
  expect(maxDiff(ga.edgeFlags, gb.edgeFlags)).toBe(0);
  expect(maxDiff(ga.edgeClass, gb.edgeClass)).toBe(0);
  expect(maxDiff(ga.edgeLength, gb.edgeLength)).toBeLessThanOrEqual(0.01);
  for (const k of ['buildings', 'water', 'parks'] as const) {
    expect(b[k].length).toBe(a[k].length);
    expect(Math.max(0, ...a[k].map((p, i) => maxDiff(p, b[k][i])))).toBeLessThanOrEqual(0.1);
  }
}

describe('world file', () => {
  let monaco: World;
  beforeAll(() => {
    monaco = convertMapInput(readFileSync(new URL('data/osm/monaco.osm.gz', root)), { id: 'monaco', name: 'Monaco' }).world;
  });

  it('round-trips Monaco within 0.1 m, under 1 MB, parsed in well under a second', () => {
    const text = serializeWorld(monaco);
    expect(text.length).toBeLessThan(1_000_000);
    const t0 = performance.now();
    const back = parseWorldFile(JSON.parse(text));
    expect(performance.now() - t0).toBeLessThan(300);
    expectSameWorld(monaco, back);
    // serializing a parsed world is stable (nothing drifts on re-save)
    expect(serializeWorld(back)).toBe(text);
  });

  it('accepts the JSON text as well as the parsed object', () => {
    const text = serializeWorld(monaco);
    expect(parseWorldFile(text).graph.edgeA.length).toBe(monaco.graph.edgeA.length);
  });

  it('rejects malformed files with a readable message', () => {
    const good = JSON.parse(serializeWorld(monaco)) as Record<string, unknown>;
    const bad = (patch: Record<string, unknown>): unknown => ({ ...good, ...patch });
    expect(() => parseWorldFile('{ not json')).toThrow(/invalid world file: not JSON/);
    expect(() => parseWorldFile(null)).toThrow(/invalid world file: expected a JSON object/);
    expect(() => parseWorldFile([1, 2])).toThrow(/expected a JSON object/);
    expect(() => parseWorldFile({ type: 'FeatureCollection' })).toThrow(/"format" must be "crowdfind-world"/);
    expect(() => parseWorldFile(bad({ version: 99 }))).toThrow(/unsupported version 99/);
    expect(() => parseWorldFile(bad({ nodes: [1, 2, 3] }))).toThrow(/odd number/);
    expect(() => parseWorldFile(bad({ nodes: [1, 'x'] }))).toThrow(/"nodes"\[1\] is not an integer/);
    expect(() => parseWorldFile(bad({ edges: [0, 1e9], lengths: [1], kinds: [5] }))).toThrow(/edge 0 joins node 0 and 1000000000/);
    expect(() => parseWorldFile(bad({ kinds: (good.kinds as number[]).map(() => 4) }))).toThrow(/invalid kind/);
    expect(() => parseWorldFile(bad({ lengths: [] }))).toThrow(/one entry per edge/);
    expect(() => parseWorldFile(bad({ topology: 'torus' }))).toThrow(/"topology"/);
    expect(() => parseWorldFile(bad({ areaKm2: -1 }))).toThrow(/"areaKm2"/);
    expect(() => parseWorldFile(bad({ center: [7] }))).toThrow(/"center" must be an array of 2 numbers/);
    expect(() => parseWorldFile(bad({ buildings: [[1, 2, 3]] }))).toThrow(/"buildings"\[0\] has an odd number/);
    expect(() => parseWorldFile(bad({ name: 5 }))).toThrow(/"name" must be a string/);
  });
});

describe('committed world files and the catalog', () => {
  it('lists the built-in worlds with monaco as the default', () => {
    expect(WORLD_CATALOG.map((w) => w.id)).toEqual(['monaco', 'andorra', 'tiergarten', 'grid', 'open']);
    expect(DEFAULT_WORLD_ID).toBe('monaco');
    for (const w of WORLD_CATALOG) expect(w.description.length).toBeGreaterThan(20);
  });

  it('index.json matches the files in public/worlds', () => {
    const index = JSON.parse(readFileSync(new URL('public/worlds/index.json', root), 'utf8')) as { worlds: { id: string; file: string; nodes: number; edges: number; bytes: number }[] };
    expect(index.worlds.map((w) => w.id)).toEqual(['monaco', 'andorra', 'tiergarten']);
    for (const w of index.worlds) {
      const text = readFileSync(new URL(`public/worlds/${w.file}`, root), 'utf8');
      expect(Buffer.byteLength(text)).toBe(w.bytes);
      const world = parseWorldFile(JSON.parse(text));
      expect(world.graph.nodeX.length).toBe(w.nodes);
      expect(world.graph.edgeA.length).toBe(w.edges);
      expect(world.attribution).toBe('© OpenStreetMap contributors');
    }
  });

  it('loads the committed Monaco and Tiergarten files, identical to a fresh conversion', async () => {
    for (const [id, source] of [['monaco', 'monaco'], ['tiergarten', 'berlin-siegessaeule']] as const) {
      const loaded = await loadWorldFromDisk(id);
      const fresh = convertMapInput(readFileSync(new URL(`data/osm/${source}.osm.gz`, root)), { id }).world;
      expectSameWorld(fresh, loaded);
    }
  });

  it('loads generated worlds without fetching, and names unknown ids', async () => {
    const noFetch = (): Promise<string> => Promise.reject(new Error('should not fetch'));
    expect((await loadWorldById('grid', noFetch)).topology).toBe('graph');
    expect((await loadWorldById('open', noFetch)).topology).toBe('open');
    await expect(loadWorldById('atlantis', noFetch)).rejects.toThrow(/unknown world "atlantis"; built-in worlds: monaco, andorra/);
    await expect(loadWorldById('monaco', noFetch)).rejects.toThrow(/cannot load world "monaco" \(monaco.json\): should not fetch/);
    await expect(loadWorldById('monaco', async () => '<html>404</html>')).rejects.toThrow(/monaco.json is not JSON/);
    const paths: string[] = [];
    await loadWorldById('tiergarten', async (p) => {
      paths.push(p);
      return readFileSync(new URL(`public/${p}`, root), 'utf8');
    });
    expect(paths).toEqual(['worlds/tiergarten.json']);
  });
});
