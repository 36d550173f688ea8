/**
 * Pan and zoom state of the map: screen = (x * scale + ox, -y * scale + oy) for local
 * metres (x east, y north). Wheel zooms about the cursor, one pointer drags, two
 * pointers pinch. Listeners are told after every change.
 */
export class Viewport {
  scale = 1;
  ox = 0;
  oy = 0;
  private listeners: (() => void)[] = [];
  private pointers = new Map<number, { x: number; y: number }>();
  private pinch: { dist: number; cx: number; cy: number } | undefined;
  minScale = 1e-4;
  maxScale = 50;

  constructor(private readonly el: HTMLElement) {
    el.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    el.addEventListener('pointerdown', (e) => this.onDown(e));
    el.addEventListener('pointermove', (e) => this.onMove(e));
    const up = (e: PointerEvent) => this.onUp(e);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
    el.addEventListener('pointerleave', up);
  }

  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }

  /** fits the local-metre box into the element with a margin */
  fit(extent: readonly [number, number, number, number], margin = 24, coveredBottom = 0): void {
    const w = this.el.clientWidth, h = Math.max(120, this.el.clientHeight - coveredBottom);
    const [x0, y0, x1, y1] = extent;
    const s = Math.min((w - 2 * margin) / Math.max(x1 - x0, 1), (h - 2 * margin) / Math.max(y1 - y0, 1));
    this.scale = s;
    this.minScale = s / 8;
    this.maxScale = Math.max(s * 400, 20);
    this.ox = w / 2 - ((x0 + x1) / 2) * s;
    this.oy = h / 2 + ((y0 + y1) / 2) * s;
    this.emit();
  }

  toWorld(sx: number, sy: number): [number, number] {
    return [(sx - this.ox) / this.scale, -(sy - this.oy) / this.scale];
  }

  zoomAt(sx: number, sy: number, factor: number): void {
    const s = Math.min(this.maxScale, Math.max(this.minScale, this.scale * factor));
    const f = s / this.scale;
    this.ox = sx - (sx - this.ox) * f;
    this.oy = sy - (sy - this.oy) * f;
    this.scale = s;
    this.emit();
  }

  panBy(dx: number, dy: number): void {
    this.ox += dx;
    this.oy += dy;
    this.emit();
  }

  private local(e: { clientX: number; clientY: number }): { x: number; y: number } {
    const r = this.el.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const p = this.local(e);
    const delta = e.deltaMode === 1 ? e.deltaY * 33 : e.deltaY;
    this.zoomAt(p.x, p.y, Math.exp(-delta * 0.0015));
  }

  private onDown(e: PointerEvent): void {
    this.el.setPointerCapture?.(e.pointerId);
    this.pointers.set(e.pointerId, this.local(e));
    if (this.pointers.size === 2) this.pinch = this.pinchState();
  }

  private pinchState() {
    const [a, b] = [...this.pointers.values()];
    return { dist: Math.hypot(a.x - b.x, a.y - b.y), cx: (a.x + b.x) / 2, cy: (a.y + b.y) / 2 };
  }

  private onMove(e: PointerEvent): void {
    const prev = this.pointers.get(e.pointerId);
    if (!prev) return;
    const p = this.local(e);
    this.pointers.set(e.pointerId, p);
    if (this.pointers.size === 1) {
      this.panBy(p.x - prev.x, p.y - prev.y);
    } else if (this.pointers.size === 2 && this.pinch) {
      const now = this.pinchState();
      this.ox += now.cx - this.pinch.cx;
      this.oy += now.cy - this.pinch.cy;
      if (this.pinch.dist > 0) this.zoomAt(now.cx, now.cy, now.dist / this.pinch.dist);
      else this.emit();
      this.pinch = now;
    }
  }

  private onUp(e: PointerEvent): void {
    this.pointers.delete(e.pointerId);
    this.pinch = this.pointers.size === 2 ? this.pinchState() : undefined;
  }
}
