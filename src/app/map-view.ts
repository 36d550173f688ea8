/**
 * The map: a pixi.js v8 application with the static map in world space (transformed by
 * the viewport) and the moving agents in screen space. Crisp on high-DPI screens
 * (resolution = devicePixelRatio, autoDensity) and resized with its element.
 * A tap (a press that does not move) on a tag's pin selects it; the selected tag can be
 * followed (the view keeps it centred) until the user pans.
 */
import 'pixi.js/unsafe-eval'; // pixi without `new Function`, so the page can run under a strict CSP
import { Application } from 'pixi.js';
import type { Frame } from '../sim/frame.ts';
import type { TagReportRecord } from '../sim/metrics-types.ts';
import type { World } from '../world/types.ts';
import { AgentsLayer } from './agents-layer.ts';
import { NO_DATA } from './map-style.ts';
import { OverlayLayer } from './overlay-layer.ts';
import { StaticLayer } from './static-layer.ts';
import { Viewport } from './viewport.ts';

export class MapView {
  readonly app = new Application();
  viewport!: Viewport;
  private readonly statics = new StaticLayer();
  private agents!: AgentsLayer;
  private readonly overlay = new OverlayLayer();
  private world: World | undefined;
  private el!: HTMLElement;
  /** keep the selected tag centred */
  following = false;
  onTagTap: (i: number) => void = () => {};

  async init(el: HTMLElement): Promise<void> {
    this.el = el;
    await this.app.init({
      resizeTo: el,
      background: NO_DATA,
      antialias: true,
      resolution: Math.min(window.devicePixelRatio || 1, 3),
      autoDensity: true,
      preference: 'webgl',
      preserveDrawingBuffer: true, // lets the map be exported as a PNG snapshot
      autoStart: false, // drawn on demand (below): a paused map costs no GPU or CPU
    });
    el.appendChild(this.app.canvas);
    this.app.canvas.setAttribute('aria-label', 'Simulation map');
    this.viewport = new Viewport(el);
    this.agents = new AgentsLayer(this.app.renderer);
    this.agents.middle.addChild(this.overlay.g);
    this.app.stage.addChild(this.statics.container, this.agents.container);
    this.viewport.onChange(() => this.applyView());
    new ResizeObserver(() => {
      this.app.resize();
      this.dirty = true;
    }).observe(el);
    this.watchTaps(el);
    const loop = () => {
      for (const fn of this.beforeDraw) fn();
      if (this.dirty) {
        this.dirty = false;
        this.app.render();
      }
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  }

  /** set when something changed; the next animation frame draws */
  private dirty = true;
  /** callbacks run on every animation frame before drawing (the app pulls frames here) */
  readonly beforeDraw: (() => void)[] = [];

  get canvas(): HTMLCanvasElement {
    return this.app.canvas;
  }

  setWorld(world: World): void {
    this.world = world;
    const [, vy] = this.visibleCentre(this.el.clientWidth, this.el.clientHeight);
    this.viewport.fit(world.extent, 24, Math.max(0, this.el.clientHeight - 2 * vy));
    this.statics.setWorld(world, this.viewport.scale);
    this.applyView();
  }

  setFrame(frame: Frame): void {
    if (this.following) this.centreOnTag();
    this.agents.setFrame(frame, this.viewport);
    this.overlay.setFrame(frame, this.viewport);
    this.dirty = true;
  }

  select(i: number, follow: boolean): void {
    this.agents.selectedTag = i;
    this.overlay.selectedTag = i;
    this.overlay.reports = [];
    this.following = follow && i >= 0;
    if (this.following) this.centreOnTag(true);
    this.applyView();
  }

  setReports(reports: TagReportRecord[]): void {
    this.overlay.reports = reports;
    this.overlay.redraw(this.viewport);
    this.dirty = true;
  }

  private centreOnTag(zoomIn = false): void {
    const p = this.agents.tagScreen(this.agents.selectedTag, this.viewport);
    if (!p) return;
    const w = this.el.clientWidth, h = this.el.clientHeight;
    // centre of the part of the map not covered by the panel / sheet
    const vis = this.visibleCentre(w, h);
    if (zoomIn && this.viewport.scale < 1.2) this.viewport.zoomAt(p[0], p[1], 1.2 / this.viewport.scale);
    const q = this.agents.tagScreen(this.agents.selectedTag, this.viewport)!;
    this.viewport.ox += vis[0] - q[0];
    this.viewport.oy += vis[1] - q[1];
  }

  /** the map area not hidden by overlays marked with [data-covers-map] */
  private visibleCentre(w: number, h: number): [number, number] {
    let bottom = h;
    const r = this.el.getBoundingClientRect();
    for (const o of document.querySelectorAll<HTMLElement>('[data-covers-map="bottom"]')) {
      const b = o.getBoundingClientRect();
      if (b.height > 0 && b.left <= r.left + 1 && b.right >= r.right - 1) bottom = Math.min(bottom, b.top - r.top);
    }
    return [w / 2, Math.max(60, bottom / 2)];
  }

  private watchTaps(el: HTMLElement): void {
    let down: { x: number; y: number; id: number } | undefined;
    let moved = false;
    el.addEventListener('pointerdown', (e) => {
      down = { x: e.clientX, y: e.clientY, id: e.pointerId };
      moved = false;
    });
    el.addEventListener('pointermove', (e) => {
      if (down && e.pointerId === down.id && Math.hypot(e.clientX - down.x, e.clientY - down.y) > 6) {
        moved = true;
        this.following = false; // the user took the map
      }
    });
    el.addEventListener('pointerup', (e) => {
      if (!down || moved || e.pointerId !== down.id) return;
      down = undefined;
      const r = el.getBoundingClientRect();
      const i = this.agents.tagAt(e.clientX - r.left, e.clientY - r.top, this.viewport);
      if (i >= 0) this.onTagTap(i);
    });
  }

  private applyView(): void {
    const v = this.viewport;
    this.statics.container.position.set(v.ox, v.oy);
    this.statics.container.scale.set(v.scale);
    if (this.world) this.statics.onScale(v.scale);
    this.agents.redraw(v);
    this.overlay.redraw(v);
    this.dirty = true;
  }
}
