/**
 * Finders and tags on the map, in screen space: finders are particles in a pixi
 * ParticleContainer (one quad each, tinted by kind), tags are pins. Positions come
 * from the latest frame and are re-projected on every pan or zoom.
 *
 * Two more particle layers mark finder state: a soft yellow halo flashes under a finder
 * that just heard a beacon (FINDER_HEARD), and a dark ring circles a finder holding
 * reports it has not uploaded yet (FINDER_HOLDS_REPORTS).
 */
import { Container, Graphics, Particle, ParticleContainer, Sprite, type Renderer, type Texture } from 'pixi.js';
import { FINDER_HEARD, FINDER_HOLDS_REPORTS, FINDER_PARTICIPATES, type Frame } from '../sim/frame.ts';
import { FINDER_COLORS, FINDER_OFF, HEARD_COLOR, HOLDS_COLOR, TAG_COLOR } from './map-style.ts';
import type { Viewport } from './viewport.ts';

export class AgentsLayer {
  readonly container = new Container();
  /** between finders and pins: estimates and reports (OverlayLayer) */
  readonly middle = new Container();
  private readonly halos: ParticleContainer;
  private readonly finders: ParticleContainer;
  private readonly rings: ParticleContainer;
  private readonly tags = new Container();
  private readonly dot: Texture;
  private readonly pin: Texture;
  private readonly halo: Texture;
  private readonly ring: Texture;
  private readonly selPin: Sprite;
  private frame: Frame | undefined;
  selectedTag = -1;

  constructor(renderer: Renderer) {
    const r = renderer.resolution;
    this.dot = renderer.generateTexture({ target: new Graphics().circle(0, 0, 3.2).fill(0xffffff).circle(0, 0, 3.2).stroke({ width: 0.8, color: 0xffffff, alpha: 0.6 }), resolution: r * 2, antialias: true });
    this.halo = renderer.generateTexture({
      target: new Graphics().circle(0, 0, 10).fill({ color: 0xffffff, alpha: 0.25 }).circle(0, 0, 7).fill({ color: 0xffffff, alpha: 0.45 }).circle(0, 0, 5).fill({ color: 0xffffff, alpha: 0.8 }),
      resolution: r * 2,
      antialias: true,
    });
    this.ring = renderer.generateTexture({ target: new Graphics().circle(0, 0, 5.5).stroke({ width: 1.2, color: 0xffffff }), resolution: r * 2, antialias: true });
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
    const dyn = { position: true, color: true, vertex: false, rotation: false, uvs: false };
    this.halos = new ParticleContainer({ dynamicProperties: dyn });
    this.finders = new ParticleContainer({ dynamicProperties: { ...dyn, vertex: true } });
    this.rings = new ParticleContainer({ dynamicProperties: dyn });
    this.selPin = new Sprite(this.pin);
    this.selPin.anchor.set(0.5, 1);
    this.selPin.scale.set(1.45);
    this.selPin.visible = false;
    this.container.addChild(this.halos, this.finders, this.rings, this.middle, this.tags, this.selPin);
  }

  setFrame(frame: Frame, view: Viewport): void {
    this.frame = frame;
    this.redraw(view);
  }

  /** true position of tag i in screen pixels, if known */
  tagScreen(i: number, view: Viewport): [number, number] | undefined {
    const f = this.frame;
    if (!f || i < 0 || i >= f.tagCount) return undefined;
    return [f.tagXY[2 * i] * view.scale + view.ox, -f.tagXY[2 * i + 1] * view.scale + view.oy];
  }

  /** the tag whose pin is under (sx, sy), or -1 */
  tagAt(sx: number, sy: number, view: Viewport): number {
    const f = this.frame;
    if (!f) return -1;
    let best = -1, bestD = 22 * 22;
    for (let i = 0; i < f.tagCount; i++) {
      const x = f.tagXY[2 * i] * view.scale + view.ox;
      const y = -f.tagXY[2 * i + 1] * view.scale + view.oy - 14; // pin head sits above the point
      const d = (x - sx) ** 2 + (y - sy) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
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
    const halos = this.halos.particleChildren as Particle[];
    const rings = this.rings.particleChildren as Particle[];
    let nh = 0, nr = 0;
    // rings stay faint at overview zoom, where most phones hold a report or two
    const ringAlpha = Math.min(0.45, Math.max(0, (scale - 0.3) * 0.8));
    // dots shrink a little when zoomed far out so dense crowds stay readable
    const size = Math.min(1, Math.max(0.45, scale * 2.5));
    for (let i = 0; i < f.finderCount; i++) {
      const p = particles[i];
      const x = f.finderXY[2 * i] * scale + ox;
      const y = -f.finderXY[2 * i + 1] * scale + oy;
      p.x = x;
      p.y = y;
      const info = f.finderInfo[i];
      const on = (info & FINDER_PARTICIPATES) !== 0;
      p.tint = on ? FINDER_COLORS[info & 3] : FINDER_OFF;
      p.alpha = on ? 0.9 : 0.45;
      const heard = (info & FINDER_HEARD) !== 0;
      p.scaleX = p.scaleY = heard ? size * 1.35 : size;
      if (heard) {
        let h = halos[nh];
        if (!h) halos.push((h = new Particle({ texture: this.halo, anchorX: 0.5, anchorY: 0.5, tint: HEARD_COLOR })));
        h.x = x;
        h.y = y;
        h.scaleX = h.scaleY = Math.max(0.7, size);
        nh++;
      }
      if (ringAlpha > 0.02 && info & FINDER_HOLDS_REPORTS) {
        let q = rings[nr];
        if (!q) rings.push((q = new Particle({ texture: this.ring, anchorX: 0.5, anchorY: 0.5, tint: HOLDS_COLOR })));
        q.alpha = ringAlpha;
        q.x = x;
        q.y = y;
        q.scaleX = q.scaleY = Math.max(0.6, size);
        nr++;
      }
    }
    if (halos.length !== nh) {
      halos.length = nh;
      this.halos.update();
    } else if (nh) this.halos.update();
    if (rings.length !== nr) {
      rings.length = nr;
      this.rings.update();
    } else if (nr) this.rings.update();

    const pins = this.tags.children as Sprite[];
    while (pins.length > f.tagCount) this.tags.removeChildAt(pins.length - 1).destroy();
    while (pins.length < f.tagCount) {
      const s = new Sprite(this.pin);
      s.anchor.set(0.5, 1);
      this.tags.addChild(s);
    }
    // many tags: smaller pins so they do not hide the streets
    const pinScale = f.tagCount > 200 ? 0.6 : f.tagCount > 60 ? 0.8 : 1;
    for (let i = 0; i < f.tagCount; i++) {
      const s = pins[i];
      s.x = f.tagXY[2 * i] * scale + ox;
      s.y = -f.tagXY[2 * i + 1] * scale + oy;
      s.scale.set(pinScale);
    }
    // the selected tag gets a bigger pin drawn above all others
    const sel = this.selectedTag;
    this.selPin.visible = sel >= 0 && sel < f.tagCount;
    if (this.selPin.visible) this.selPin.position.set(f.tagXY[2 * sel] * scale + ox, -f.tagXY[2 * sel + 1] * scale + oy);
  }
}
