/**
 * Uniform grid over points, rebuilt every step by counting sort (two passes over the
 * points, no allocation once sized). Cells are as large as the radio's maximum useful
 * range, so every point within range of a query lies in the 3x3 cells around it
 * (neighbourCells), listed in items[cellStart[c]..cellStart[c+1]]. On a wrapping (open)
 * world the grid wraps too; callers take offsets modulo widthM/heightM.
 */
export class SpatialGrid {
  cols = 1;
  rows = 1;
  cell = 1;
  private x0 = 0;
  private y0 = 0;
  /** true on a torus (the open world); then widthM/heightM are its size */
  wrap = false;
  widthM = 1;
  heightM = 1;
  /** cellStart[c]..cellStart[c+1] index into items */
  cellStart = new Int32Array(2);
  items = new Int32Array(0);
  private cellOf = new Int32Array(0);

  /**
   * Sizes the grid for an extent; `wrap` makes it a torus whose size must then be a
   * whole number of cells (the cell is shrunk to fit).
   */
  configure(extent: readonly [number, number, number, number], cellSize: number, wrap: boolean): void {
    const [x0, y0, x1, y1] = extent;
    const w = Math.max(x1 - x0, 1), h = Math.max(y1 - y0, 1);
    this.wrap = wrap;
    // bound the cell count so a tiny radio range on a huge world cannot exhaust memory
    const minCell = Math.sqrt((w * h) / 4e6);
    const size = Math.max(cellSize, minCell, 1);
    this.cols = Math.max(1, wrap ? Math.floor(w / size) : Math.ceil(w / size));
    this.rows = Math.max(1, wrap ? Math.floor(h / size) : Math.ceil(h / size));
    this.cell = wrap ? w / this.cols : size;
    this.widthM = this.cols * this.cell;
    this.heightM = this.rows * this.cell;
    this.x0 = x0;
    this.y0 = y0;
    if (this.cellStart.length !== this.cols * this.rows + 1) this.cellStart = new Int32Array(this.cols * this.rows + 1);
  }

  cellIndex(x: number, y: number): number {
    let cx = Math.floor((x - this.x0) / this.cell);
    let cy = Math.floor((y - this.y0) / this.cell);
    if (cx < 0) cx = this.wrap ? cx + this.cols : 0;
    else if (cx >= this.cols) cx = this.wrap ? cx - this.cols : this.cols - 1;
    if (cy < 0) cy = this.wrap ? cy + this.rows : 0;
    else if (cy >= this.rows) cy = this.wrap ? cy - this.rows : this.rows - 1;
    return cy * this.cols + cx;
  }

  /**
   * Inserts points 0..n-1 whose fixed draw u[i] is below `share` (the participating
   * finders), and records membership in `included`.
   */
  build(n: number, x: Float64Array, y: Float64Array, u: Float64Array, share: number, included: Uint8Array): void {
    if (this.cellOf.length < n) this.cellOf = new Int32Array(Math.max(n, this.cellOf.length * 2));
    if (this.items.length < n) this.items = new Int32Array(Math.max(n, this.items.length * 2));
    const start = this.cellStart, cellOf = this.cellOf, items = this.items;
    const x0 = this.x0, y0 = this.y0, inv = 1 / this.cell, cols = this.cols, rows = this.rows, wrap = this.wrap;
    start.fill(0);
    for (let i = 0; i < n; i++) {
      if (!(u[i] < share)) {
        included[i] = 0;
        cellOf[i] = -1;
        continue;
      }
      included[i] = 1;
      let cx = Math.floor((x[i] - x0) * inv);
      let cy = Math.floor((y[i] - y0) * inv);
      if (cx < 0) cx = wrap ? cx + cols : 0;
      else if (cx >= cols) cx = wrap ? cx - cols : cols - 1;
      if (cy < 0) cy = wrap ? cy + rows : 0;
      else if (cy >= rows) cy = wrap ? cy - rows : rows - 1;
      const c = cy * cols + cx;
      cellOf[i] = c;
      start[c + 1]++;
    }
    for (let c = 0; c < start.length - 1; c++) start[c + 1] += start[c];
    // place each point at its cell's cursor (start[c] advances), then shift the cursors back
    for (let i = 0; i < n; i++) {
      const c = cellOf[i];
      if (c >= 0) items[start[c]++] = i;
    }
    for (let c = start.length - 1; c > 0; c--) start[c] = start[c - 1];
    start[0] = 0;
  }

  /**
   * Writes the indices of the (up to 9) distinct cells around (x, y) into `out` and returns
   * how many: the cells whose points may lie within one cell size of (x, y).
   */
  neighbourCells(x: number, y: number, out: Int32Array): number {
    const cx = Math.floor((x - this.x0) / this.cell);
    const cy = Math.floor((y - this.y0) / this.cell);
    // on a torus narrower than 3 cells, visiting a column twice would double-count
    const spanX = !(this.wrap && this.cols < 3);
    const spanY = !(this.wrap && this.rows < 3);
    const ox0 = spanX ? -1 : 0, ox1 = spanX ? 1 : this.cols - 1;
    const oy0 = spanY ? -1 : 0, oy1 = spanY ? 1 : this.rows - 1;
    let n = 0;
    for (let oy = oy0; oy <= oy1; oy++) {
      let yy = spanY ? cy + oy : oy;
      if (yy < 0 || yy >= this.rows) {
        if (!this.wrap) continue;
        yy = (yy + this.rows) % this.rows;
      }
      for (let ox = ox0; ox <= ox1; ox++) {
        let xx = spanX ? cx + ox : ox;
        if (xx < 0 || xx >= this.cols) {
          if (!this.wrap) continue;
          xx = (xx + this.cols) % this.cols;
        }
        out[n++] = yy * this.cols + xx;
      }
    }
    return n;
  }
}
