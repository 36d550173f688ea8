/**
 * The simulation's API toward the UI: what workers/sim.worker.ts exposes through
 * comlink. Pure TypeScript (no worker globals), so tests drive it directly.
 */
import type { World } from '../world/types.ts';
import { SimClock } from './clock.ts';
import { buildFrame, type Frame } from './frame.ts';
import { finderCount, parseScenario, type Scenario } from './scenario.ts';
import { Simulation } from './simulation.ts';

export interface LoadedInfo {
  worldId: string;
  worldName: string;
  areaKm2: number;
  finderCount: number;
  tagCount: number;
}

export class SimHost {
  private sim: Simulation | undefined;
  private readonly clock: SimClock;
  private world: World | undefined;

  constructor() {
    this.clock = new SimClock({ step() {}, t: 0 }, () => this.sim?.scenario.stepSeconds ?? 1);
  }

  /** Starts a new run of `scenario` on `world` (paused). A bad scenario throws and leaves the current run as it was. */
  start(world: World, scenario: Scenario): LoadedInfo {
    const s = parseScenario(scenario);
    const sim = new Simulation(world, s);
    const wasPlaying = this.clock.playing;
    this.clock.pause();
    this.world = world;
    this.sim = sim;
    this.clock.setSim(sim);
    if (wasPlaying) this.clock.play();
    return this.info();
  }

  info(): LoadedInfo {
    const sim = this.need();
    return {
      worldId: sim.world.id,
      worldName: sim.world.name,
      areaKm2: sim.world.areaKm2,
      finderCount: sim.finders.count,
      tagCount: sim.tags.count,
    };
  }

  /** Applies the knobs that can change live (density, participation); returns the new finder count. */
  updateLive(scenario: Scenario): LoadedInfo {
    const sim = this.need();
    const s = parseScenario(scenario);
    sim.scenario.finders.participation = s.finders.participation;
    sim.scenario.finders.densityPerKm2 = s.finders.densityPerKm2;
    sim.setFinderCount(finderCount(s, sim.world.areaKm2));
    return this.info();
  }

  play(): void {
    this.need();
    this.clock.play();
  }

  pause(): void {
    this.clock.pause();
  }

  setSpeed(speed: number): void {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`speed must be a positive number, got ${speed}`);
    this.clock.speed = speed;
  }

  /** Advances n steps at once (the UI's step button; tests). */
  step(n = 1): void {
    const sim = this.need();
    for (let i = 0; i < n; i++) sim.step();
  }

  frame(): Frame {
    return buildFrame(this.need(), this.clock.achievedSpeed());
  }

  private need(): Simulation {
    if (!this.sim || !this.world) throw new Error('no simulation loaded');
    return this.sim;
  }
}
