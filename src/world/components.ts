/**
 * Connected components of an undirected edge list, by union-find (near-linear, no
 * recursion, so a 100k-node city cannot blow the stack).
 */

/** Component label per node (the root's index); isolated nodes are their own component. */
export function componentLabels(nodeCount: number, edgeA: ArrayLike<number>, edgeB: ArrayLike<number>, keepEdge?: (e: number) => boolean): Uint32Array {
  const parent = new Uint32Array(nodeCount);
  for (let i = 0; i < nodeCount; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]]; // path halving
      i = parent[i];
    }
    return i;
  };
  for (let e = 0; e < edgeA.length; e++) {
    if (keepEdge && !keepEdge(e)) continue;
    const ra = find(edgeA[e]);
    const rb = find(edgeB[e]);
    if (ra !== rb) parent[ra < rb ? rb : ra] = ra < rb ? ra : rb;
  }
  for (let i = 0; i < nodeCount; i++) parent[i] = find(i);
  return parent;
}

/**
 * Mask of the nodes in the largest component that has at least one edge (with keepEdge,
 * only edges it accepts count). Returns the mask and its size (0 when there are no edges).
 */
export function largestComponent(nodeCount: number, edgeA: ArrayLike<number>, edgeB: ArrayLike<number>, keepEdge?: (e: number) => boolean): { mask: Uint8Array; size: number } {
  const label = componentLabels(nodeCount, edgeA, edgeB, keepEdge);
  // Only nodes touched by an accepted edge are candidates, so a lone node is never "largest".
  const touched = new Uint8Array(nodeCount);
  for (let e = 0; e < edgeA.length; e++) {
    if (keepEdge && !keepEdge(e)) continue;
    touched[edgeA[e]] = 1;
    touched[edgeB[e]] = 1;
  }
  const size = new Uint32Array(nodeCount);
  let best = -1;
  for (let i = 0; i < nodeCount; i++) {
    if (!touched[i]) continue;
    const s = ++size[label[i]];
    if (best < 0 || s > size[best]) best = label[i];
  }
  const mask = new Uint8Array(nodeCount);
  if (best < 0) return { mask, size: 0 };
  for (let i = 0; i < nodeCount; i++) if (touched[i] && label[i] === best) mask[i] = 1;
  return { mask, size: size[best] };
}
