/**
 * The step loop: one object that owns a run. Each step advances simulated time by
 * scenario.stepSeconds and runs the stages in the order data flows:
 * mobility -> radio -> finders -> server -> owner -> metrics.
 */
import type { World } from '../world/types.ts';
import { Mobility } from './mobility.ts';
import { MODE_DRIVE, MODE_STILL, MODE_WALK, Movers } from './movers.ts';
import { Rng, STREAM } from './rng.ts';
import { finderCount, type Scenario } from './scenario.ts';

export class Simulation {
  /** simulated seconds since the start */
  t = 0;
  steps = 0;
  readonly finders = new Movers();
  readonly tags = new Movers();
  readonly mobility: Mobility;
  private readonly placeRng: Rng;

  constructor(
    readonly world: World,
    readonly scenario: Scenario,
  ) {
    const seed = scenario.seed;
    this.placeRng = new Rng(seed, STREAM.placement);
    this.mobility = new Mobility(world, scenario.mobility, new Rng(seed, STREAM.mobility), new Rng(seed, STREAM.routing));
    this.placeTags();
    this.setFinderCount(finderCount(scenario, world.areaKm2));
  }

  private placeTags(): void {
    const { count, mix } = this.scenario.tags;
    const m = this.tags;
    m.ensureCapacity(count);
    m.count = count;
    const w = mix.rest + mix.carried + mix.vehicle || 1;
    for (let i = 0; i < count; i++) {
      const r = this.placeRng.next() * w;
      const mode = r < mix.rest ? MODE_STILL : r < mix.rest + mix.carried ? MODE_WALK : MODE_DRIVE;
      this.mobility.place(m, i, mode, false, this.placeRng, this.t);
    }
  }

  /** Adds or removes finders so that `n` remain; existing finders keep their state. */
  setFinderCount(n: number): void {
    const m = this.finders;
    if (n <= m.count) {
      m.count = n;
      return;
    }
    const { mix, indoorShare } = this.scenario.finders;
    const w = mix.walk + mix.drive + mix.still || 1;
    m.ensureCapacity(n);
    for (let i = m.count; i < n; i++) {
      const r = this.placeRng.next() * w;
      const mode = r < mix.walk ? MODE_WALK : r < mix.walk + mix.drive ? MODE_DRIVE : MODE_STILL;
      const indoor = mode === MODE_STILL && this.placeRng.next() < indoorShare;
      m.count = i + 1;
      this.mobility.place(m, i, mode, indoor, this.placeRng, this.t);
    }
  }

  /** One step of scenario.stepSeconds. */
  step(): void {
    const dt = this.scenario.stepSeconds;
    this.mobility.step(this.finders, this.t, dt);
    this.mobility.step(this.tags, this.t, dt);
    this.t += dt;
    this.steps++;
  }

  /** Runs until simulated time reaches `until` seconds. */
  runUntil(until: number): void {
    while (this.t + 1e-9 < until) this.step();
  }
}
