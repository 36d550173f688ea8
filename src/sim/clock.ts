/**
 * Runs a simulation at a chosen speed (simulated seconds per wall second), independent
 * of the display rate: work is done in slices of a few milliseconds so the thread
 * stays responsive, and when the machine cannot keep up the clock drops the debt
 * instead of spiralling, and reports the speed it actually achieved.
 */
export interface Steppable {
  step(): void;
  readonly t: number;
}

const SLICE_MS = 12;
const MAX_DEBT_S = 2; // never try to catch up more than 2 wall seconds

export class SimClock {
  speed = 1;
  playing = false;
  private debt = 0; // simulated seconds owed
  private last = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
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
    this.schedule();
  }

  pause(): void {
    this.playing = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.debt = 0;
  }

  /** simulated seconds per wall second over the last second */
  achievedSpeed(): number {
    const w = this.window;
    if (!this.playing || w.length < 2) return 0;
    const a = w[0], b = w[w.length - 1];
    return b.wall > a.wall ? ((b.sim - a.sim) * 1000) / (b.wall - a.wall) : 0;
  }

  private schedule(): void {
    this.timer = setTimeout(() => this.slice(), 0);
  }

  private slice(): void {
    if (!this.playing) return;
    const start = this.now();
    this.debt = Math.min(this.debt + ((start - this.last) / 1000) * this.speed, MAX_DEBT_S * this.speed);
    this.last = start;
    const dt = this.stepSeconds();
    while (this.debt >= dt && this.now() - start < SLICE_MS) {
      this.sim.step();
      this.debt -= dt;
    }
    const end = this.now();
    this.window.push({ wall: end, sim: this.sim.t });
    while (this.window.length > 2 && end - this.window[0].wall > 1000) this.window.shift();
    // yield to the event loop; sleep a little when there is nothing to do
    this.timer = setTimeout(() => this.slice(), this.debt >= dt ? 0 : 4);
  }
}
