/**
 * The map: a pixi.js v8 application with the static map in world space (transformed by
 * the viewport) and the moving agents in screen space. Crisp on high-DPI screens
 * (resolution = devicePixelRatio, autoDensity) and resized with its element.
 */
import 'pixi.js/unsafe-eval'; // pixi without `new Function`, so the page can run under a strict CSP
import { Application } from 'pixi.js';
import type { Frame } from '../sim/frame.ts';
import type { World } from '../world/types.ts';
import { AgentsLayer } from './agents-layer.ts';
import { LAND } from './map-style.ts';
import { StaticLayer } from './static-layer.ts';
import { Viewport } from './viewport.ts';

export class MapView {
  readonly app = new Application();
  viewport!: Viewport;
  private readonly statics = new StaticLayer();
  private agents!: AgentsLayer;
  private world: World | undefined;

  async init(el: HTMLElement): Promise<void> {
    await this.app.init({
      resizeTo: el,
      background: LAND,
      antialias: true,
      resolution: Math.min(window.devicePixelRatio || 1, 3),
      autoDensity: true,
      preference: 'webgl',
      preserveDrawingBuffer: true, // lets the map be exported as a PNG snapshot
    });
    el.appendChild(this.app.canvas);
    this.app.canvas.setAttribute('aria-label', 'Simulation map');
    this.viewport = new Viewport(el);
    this.agents = new AgentsLayer(this.app.renderer);
    this.app.stage.addChild(this.statics.container, this.agents.container);
    this.viewport.onChange(() => this.applyView());
    new ResizeObserver(() => this.app.resize()).observe(el);
  }

  setWorld(world: World): void {
    this.world = world;
    this.viewport.fit(world.extent);
    this.statics.setWorld(world, this.viewport.scale);
    this.applyView();
  }

  setFrame(frame: Frame): void {
    this.agents.setFrame(frame, this.viewport);
  }

  private applyView(): void {
    const v = this.viewport;
    this.statics.container.position.set(v.ox, v.oy);
    this.statics.container.scale.set(v.scale);
    if (this.world) this.statics.onScale(v.scale);
    this.agents.redraw(v);
  }
}
