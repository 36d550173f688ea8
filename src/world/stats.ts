/** Summary numbers of a street graph, for the worlds table, index.json and the UI. */
import { largestComponent } from './components.ts';
import { DRIVE, WALK, type StreetGraph } from './types.ts';

export interface GraphStats {
  nodes: number;
  edges: number;
  /** km of street open to walkers / drivers */
  walkKm: number;
  driveKm: number;
  /** nodes in the largest walk-only / drive-only component (what the sim will keep) */
  walkNodes: number;
  driveNodes: number;
}

export function graphStats(g: StreetGraph): GraphStats {
  let walk = 0;
  let drive = 0;
  for (let e = 0; e < g.edgeA.length; e++) {
    if (g.edgeFlags[e] & WALK) walk += g.edgeLength[e];
    if (g.edgeFlags[e] & DRIVE) drive += g.edgeLength[e];
  }
  const n = g.nodeX.length;
  return {
    nodes: n,
    edges: g.edgeA.length,
    walkKm: walk / 1000,
    driveKm: drive / 1000,
    walkNodes: largestComponent(n, g.edgeA, g.edgeB, (e) => (g.edgeFlags[e] & WALK) !== 0).size,
    driveNodes: largestComponent(n, g.edgeA, g.edgeB, (e) => (g.edgeFlags[e] & DRIVE) !== 0).size,
  };
}
