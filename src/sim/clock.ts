/**
 * Runs a simulation at a chosen speed (simulated seconds per wall second), independent
 * of the display rate: work is done in slices of a few milliseconds so the thread
 * stays responsive, and when the machine cannot keep up the clock drops the debt
 * instead of spiralling, and reports the speed it actually achieved.
 */
export interface Steppable {
  /** one step; may return a promise (a network boundary awaiting the crypto pool) */
  advance(): void | Promise<void>;
  readonly t: number;
}

const SLICE_MS = 12;
const MAX_DEBT_S = 2; // never try to catch up more than 2 wall seconds

export class SimClock {
  speed = 1;
  playing = false;
  private debt = 0; // simulated seconds owed
  private last = 0;
  /** bumped by every play/pause so a slice from an older run of the loop stops */
  private generation = 0;
  /** the slice in progress, if any (awaited before anything else touches the simulation) */
  private running: Promise<void> | undefined;
  private window: { wall: number; sim: number }[] = [];

  constructor(
    private sim: Steppable,
    private readonly stepSeconds: () => number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  setSim(sim: Steppable): void {
    this.sim = sim;
    this.debt = 0;
    this.window = [];
  }

  play(): void {
    if (this.playing) return;
    this.playing = true;
    this.last = this.now();
    this.window = [];
    const gen = ++this.generation;
    setTimeout(() => this.loop(gen), 0);
  }

  pause(): void {
    this.playing = false;
    this.generation++;
    this.debt = 0;
  }

  /** pauses and waits until no step is in progress (then the caller may touch the simulation) */
  async idle(): Promise<boolean> {
    const was = this.playing;
    this.pause();
    while (this.running) await this.running;
    return was;
  }

  /** simulated seconds per wall second over the last second */
  achievedSpeed(): number {
    const w = this.window;
    if (!this.playing || w.length < 2) return 0;
    const a = w[0], b = w[w.length - 1];
    return b.wall > a.wall ? ((b.sim - a.sim) * 1000) / (b.wall - a.wall) : 0;
  }

  private async loop(gen: number): Promise<void> {
    if (gen !== this.generation || this.running) return;
    this.running = this.slice(gen);
    await this.running;
    this.running = undefined;
    if (gen === this.generation) setTimeout(() => this.loop(gen), this.debt >= this.stepSeconds() ? 0 : 4);
  }

  private async slice(gen: number): Promise<void> {
    const start = this.now();
    this.debt = Math.min(this.debt + ((start - this.last) / 1000) * this.speed, MAX_DEBT_S * this.speed);
    this.last = start;
    const dt = this.stepSeconds();
    const sim = this.sim;
    while (this.debt >= dt && this.now() - start < SLICE_MS) {
      const pending = sim.advance();
      if (pending) await pending;
      this.debt -= dt;
      if (gen !== this.generation) return;
    }
    const end = this.now();
    this.window.push({ wall: end, sim: sim.t });
    while (this.window.length > 2 && end - this.window[0].wall > 1000) this.window.shift();
  }
}
