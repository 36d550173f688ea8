/**
 * Finders and tags on the map, in screen space: finders are particles in a pixi
 * ParticleContainer (one quad each, tinted by kind), tags are pins. Positions come
 * from the latest frame and are re-projected on every pan or zoom.
 */
import { Container, Graphics, Particle, ParticleContainer, Sprite, type Renderer, type Texture } from 'pixi.js';
import { FINDER_PARTICIPATES, type Frame } from '../sim/frame.ts';
import { FINDER_COLORS, FINDER_OFF, TAG_COLOR } from './map-style.ts';
import type { Viewport } from './viewport.ts';

export class AgentsLayer {
  readonly container = new Container();
  private readonly finders: ParticleContainer;
  private readonly tags = new Container();
  private readonly dot: Texture;
  private readonly pin: Texture;
  private frame: Frame | undefined;

  constructor(renderer: Renderer) {
    const r = renderer.resolution;
    this.dot = renderer.generateTexture({ target: new Graphics().circle(0, 0, 3.2).fill(0xffffff).circle(0, 0, 3.2).stroke({ width: 0.8, color: 0xffffff, alpha: 0.6 }), resolution: r * 2, antialias: true });
    const pinShape = new Graphics()
      .moveTo(0, 0)
      .bezierCurveTo(-2, -6, -8, -9, -8, -15)
      .arc(0, -15, 8, Math.PI, 0)
      .bezierCurveTo(8, -9, 2, -6, 0, 0)
      .fill(TAG_COLOR)
      .stroke({ width: 1.5, color: 0xffffff })
      .circle(0, -15, 3.2)
      .fill(0xffffff);
    this.pin = renderer.generateTexture({ target: pinShape, resolution: r * 2, antialias: true });
    this.finders = new ParticleContainer({ dynamicProperties: { position: true, color: true, vertex: false, rotation: false, uvs: false } });
    this.container.addChild(this.finders, this.tags);
  }

  setFrame(frame: Frame, view: Viewport): void {
    this.frame = frame;
    this.redraw(view);
  }

  redraw(view: Viewport): void {
    const f = this.frame;
    if (!f) return;
    const { scale, ox, oy } = view;
    const particles = this.finders.particleChildren as Particle[];
    if (particles.length !== f.finderCount) {
      if (particles.length > f.finderCount) particles.length = f.finderCount;
      else for (let i = particles.length; i < f.finderCount; i++) particles.push(new Particle({ texture: this.dot, anchorX: 0.5, anchorY: 0.5 }));
      this.finders.update();
    }
    // dots shrink a little when zoomed far out so dense crowds stay readable
    const size = Math.min(1, Math.max(0.45, scale * 2.5));
    for (let i = 0; i < f.finderCount; i++) {
      const p = particles[i];
      p.x = f.finderXY[2 * i] * scale + ox;
      p.y = -f.finderXY[2 * i + 1] * scale + oy;
      p.scaleX = p.scaleY = size;
      const info = f.finderInfo[i];
      const on = (info & FINDER_PARTICIPATES) !== 0;
      p.tint = on ? FINDER_COLORS[info & 3] : FINDER_OFF;
      p.alpha = on ? 0.9 : 0.45;
    }
    const pins = this.tags.children as Sprite[];
    while (pins.length > f.tagCount) this.tags.removeChildAt(pins.length - 1).destroy();
    while (pins.length < f.tagCount) {
      const s = new Sprite(this.pin);
      s.anchor.set(0.5, 1);
      this.tags.addChild(s);
    }
    for (let i = 0; i < f.tagCount; i++) {
      const s = pins[i];
      s.x = f.tagXY[2 * i] * scale + ox;
      s.y = -f.tagXY[2 * i + 1] * scale + oy;
    }
  }
}
