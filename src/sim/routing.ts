/**
 * Shortest-path routing for movers on one class of street (walkable or drivable).
 *
 * Movers travel shortest paths between random destinations (as in The ONE simulator's
 * ShortestPathMapBasedMovement). Instead of one Dijkstra per trip, destinations are
 * drawn from a fixed random set of nodes, and for each destination a shortest-path
 * tree is computed once (lazily) and stored as a next-hop array: a mover at node u
 * heading to destination d steps to nextHop[d][u]. Per-step routing is then one array
 * read, with no allocation, whatever the number of movers.
 */
import type { StreetGraph } from '../world/types.ts';
import { MinHeap } from './min-heap.ts';

export class ModeGraph {
  /** node ids (into the StreetGraph) of this mode's largest connected component */
  readonly nodes: Uint32Array;
  /** CSR adjacency over StreetGraph node ids, restricted to the component */
  private readonly adjStart: Uint32Array;
  private readonly adjNode: Uint32Array;
  private readonly adjLen: Float64Array;
  /** destination node ids */
  readonly destinations: Uint32Array;
  private readonly nextHop: (Int32Array | undefined)[];
  private readonly nodeCount: number;

  constructor(graph: StreetGraph, flagMask: number, destinationCount: number, pickIndex: (n: number) => number) {
    const n = graph.nodeX.length;
    this.nodeCount = n;
    const edges: number[] = [];
    for (let e = 0; e < graph.edgeA.length; e++) if (graph.edgeFlags[e] & flagMask) edges.push(e);
    const component = largestComponent(n, graph, edges);
    const inComp = new Uint8Array(n);
    for (const v of component) inComp[v] = 1;
    const deg = new Uint32Array(n + 1);
    const kept = edges.filter((e) => inComp[graph.edgeA[e]] && inComp[graph.edgeB[e]] && graph.edgeA[e] !== graph.edgeB[e]);
    for (const e of kept) {
      deg[graph.edgeA[e] + 1]++;
      deg[graph.edgeB[e] + 1]++;
    }
    for (let i = 0; i < n; i++) deg[i + 1] += deg[i];
    this.adjStart = deg;
    this.adjNode = new Uint32Array(deg[n]);
    this.adjLen = new Float64Array(deg[n]);
    const fill = deg.slice(0, n);
    for (const e of kept) {
      const a = graph.edgeA[e], b = graph.edgeB[e];
      // movement uses local-frame segment lengths so that positions and distances agree
      const len = Math.hypot(graph.nodeX[a] - graph.nodeX[b], graph.nodeY[a] - graph.nodeY[b]);
      this.adjNode[fill[a]] = b;
      this.adjLen[fill[a]++] = len;
      this.adjNode[fill[b]] = a;
      this.adjLen[fill[b]++] = len;
    }
    this.nodes = Uint32Array.from(component);
    const d = Math.min(destinationCount, this.nodes.length);
    this.destinations = new Uint32Array(d);
    for (let i = 0; i < d; i++) this.destinations[i] = this.nodes[pickIndex(this.nodes.length)];
    this.nextHop = new Array(d);
  }

  get empty(): boolean {
    return this.nodes.length < 2;
  }

  /** next node from `node` toward destination index `dest` (-1 when already there) */
  next(dest: number, node: number): number {
    let table = this.nextHop[dest];
    if (!table) table = this.nextHop[dest] = this.buildTree(this.destinations[dest]);
    return table[node];
  }

  /** Dijkstra from the destination over the undirected graph: parent pointers = next hops. */
  private buildTree(target: number): Int32Array {
    const n = this.nodeCount;
    const next = new Int32Array(n).fill(-1);
    const dist = new Float64Array(n).fill(Infinity);
    const heap = new MinHeap(this.nodes.length + 16);
    dist[target] = 0;
    heap.push(target, 0);
    while (heap.size > 0) {
      const u = heap.popNode();
      const du = dist[u];
      if (heap.lastKey > du) continue; // stale entry: u was settled with a shorter distance
      for (let i = this.adjStart[u]; i < this.adjStart[u + 1]; i++) {
        const v = this.adjNode[i];
        const dv = du + this.adjLen[i];
        if (dv < dist[v]) {
          dist[v] = dv;
          next[v] = u;
          heap.push(v, dv);
        }
      }
    }
    return next;
  }
}

function largestComponent(n: number, graph: StreetGraph, edges: number[]): number[] {
  // union-find over the mode's edges
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const touched = new Uint8Array(n);
  for (const e of edges) {
    const a = graph.edgeA[e], b = graph.edgeB[e];
    touched[a] = touched[b] = 1;
    const ra = find(a), rb = find(b);
    if (ra !== rb) parent[ra] = rb;
  }
  const size = new Uint32Array(n);
  let best = -1;
  for (let i = 0; i < n; i++) {
    if (!touched[i]) continue;
    const r = find(i);
    if (++size[r] > (best < 0 ? 0 : size[best])) best = r;
  }
  const out: number[] = [];
  if (best < 0) return out;
  for (let i = 0; i < n; i++) if (touched[i] && find(i) === best) out.push(i);
  return out;
}
