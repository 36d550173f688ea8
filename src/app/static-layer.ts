/**
 * The static map: land, parks, water, buildings and streets, drawn once per world in
 * local metres (y negated for the screen). Street widths are real widths in metres,
 * but never thinner than a minimum in pixels, so streets are redrawn when the zoom
 * changes by more than a quarter.
 */
import { Container, Graphics } from 'pixi.js';
import { STREET_CLASSES, type FlatPath, type World } from '../world/types.ts';
import { BUILDING, BUILDING_EDGE, CASING, DATA_MARGIN_M, LAND, PARK, STREET_STYLE, WATER } from './map-style.ts';

export class StaticLayer {
  readonly container = new Container();
  private readonly areas = new Graphics();
  private readonly streets = new Graphics();
  private world: World | undefined;
  private drawnScale = 0;
  /** segment index lists per street class, computed once per world */
  private byClass: number[][] = [];

  constructor() {
    this.container.addChild(this.areas, this.streets);
  }

  setWorld(world: World, scale: number): void {
    this.world = world;
    const g = world.graph;
    this.byClass = STREET_CLASSES.map(() => []);
    for (let e = 0; e < g.edgeA.length; e++) this.byClass[g.edgeClass[e]]?.push(e);
    this.drawAreas(world);
    this.drawStreets(scale);
  }

  /** redraws streets if the zoom moved enough for minimum widths to matter */
  onScale(scale: number): void {
    if (!this.world) return;
    const r = scale / this.drawnScale;
    if (r > 1.25 || r < 0.8) this.drawStreets(scale);
  }

  private drawAreas(world: World): void {
    const a = this.areas;
    a.clear();
    const [x0, y0, x1, y1] = world.extent;
    // land only where the world has data; outside, a plain 'no data' tone, so the sea and
    // parks clipped at the data's edge do not end abruptly in the middle of land
    const pad = DATA_MARGIN_M;
    a.rect(x0 - pad, -(y1 + pad), x1 - x0 + 2 * pad, y1 - y0 + 2 * pad).fill(LAND);
    const polys = (paths: FlatPath[], color: number, edge?: number) => {
      if (!paths.length) return;
      for (const p of paths) if (p.length >= 6) a.poly(flipY(p), true);
      a.fill(color);
      if (edge !== undefined) {
        for (const p of paths) if (p.length >= 6) a.poly(flipY(p), true);
        a.stroke({ width: 0.6, color: edge });
      }
    };
    polys(world.parks, PARK);
    polys(world.water, WATER);
    polys(world.buildings, BUILDING, BUILDING_EDGE);
  }

  private drawStreets(scale: number): void {
    const world = this.world!;
    const g = world.graph;
    const s = this.streets;
    s.clear();
    this.drawnScale = scale;
    // casings first (all classes), then fills from minor to major so major roads sit on top
    const order = [...STREET_CLASSES.keys()].reverse();
    for (const pass of ['casing', 'fill'] as const) {
      for (const c of order) {
        const edges = this.byClass[c];
        const style = STREET_STYLE[STREET_CLASSES[c]];
        if (!edges.length || (pass === 'casing' && !style.casing)) continue;
        const width = Math.max(style.metres, style.minPx / scale);
        for (const e of edges) {
          const a = g.edgeA[e], b = g.edgeB[e];
          s.moveTo(g.nodeX[a], -g.nodeY[a]).lineTo(g.nodeX[b], -g.nodeY[b]);
        }
        if (pass === 'casing') s.stroke({ width: width + 1.2 / scale + width * 0.15, color: CASING, cap: 'round', join: 'round' });
        else s.stroke({ width, color: style.color, cap: 'round', join: 'round' });
      }
    }
  }
}

function flipY(p: FlatPath): number[] {
  const out = new Array<number>(p.length);
  for (let i = 0; i < p.length; i += 2) {
    out[i] = p[i];
    out[i + 1] = -p[i + 1];
  }
  return out;
}
