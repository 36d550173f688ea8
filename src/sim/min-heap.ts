/** Binary min-heap of (id, key) pairs in typed arrays; duplicates allowed (lazy deletion is the caller's). */
export class MinHeap {
  private nodes: Uint32Array;
  private keys: Float64Array;
  size = 0;
  /** key of the entry popNode last returned */
  lastKey = 0;
  constructor(capacity: number) {
    this.nodes = new Uint32Array(capacity);
    this.keys = new Float64Array(capacity);
  }
  push(node: number, key: number): void {
    if (this.size === this.nodes.length) {
      const nn = new Uint32Array(this.size * 2), nk = new Float64Array(this.size * 2);
      nn.set(this.nodes);
      nk.set(this.keys);
      this.nodes = nn;
      this.keys = nk;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p] <= key) break;
      this.nodes[i] = this.nodes[p];
      this.keys[i] = this.keys[p];
      i = p;
    }
    this.nodes[i] = node;
    this.keys[i] = key;
  }
  /** key of the smallest entry (Infinity when empty) */
  peekKey(): number {
    return this.size > 0 ? this.keys[0] : Infinity;
  }
  popNode(): number {
    const top = this.nodes[0];
    this.lastKey = this.keys[0];
    const lastNode = this.nodes[--this.size];
    const lastKey = this.keys[this.size];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && this.keys[c + 1] < this.keys[c]) c++;
      if (this.keys[c] >= lastKey) break;
      this.nodes[i] = this.nodes[c];
      this.keys[i] = this.keys[c];
      i = c;
    }
    this.nodes[i] = lastNode;
    this.keys[i] = lastKey;
    return top;
  }
}
