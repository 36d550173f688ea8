/**
 * Each tag's rotating keys in a run. Master keys come from the run's seed (so a run is
 * reproducible), the key chain and its schedule from the protocol module: a tag lost at
 * the start rotates every 15 minutes for its first 30 minutes apart from its owner, then
 * daily ('separated'); or every 15 minutes throughout ('near-owner').
 */
import { KeyChain, type PeriodKey } from '../protocol/keys.ts';
import { bytesFromScalar } from '../protocol/p224.ts';
import { scalarFromWideBytes } from '../protocol/keys.ts';
import { liveKeyAt, periodsLiveBetween, type KeySchedule } from '../protocol/schedule.ts';
import type { Rng } from './rng.ts';
import type { RotationSchedule } from './scenario.ts';

/** Wall-clock time of simulated t = 0 (report timestamps are real dates). */
export const SIM_EPOCH_MS = Date.UTC(2026, 5, 1, 8, 0, 0);

export class TagKeys {
  private readonly chains: KeyChain[] = [];
  readonly schedule: KeySchedule = { epochMs: SIM_EPOCH_MS };
  /** per tag: period live now and the simulated time until which it stays live */
  readonly livePeriod: Int32Array;
  private readonly liveUntil: Float64Array;
  private readonly separatedSinceMs: number | null;

  constructor(count: number, rotation: RotationSchedule, rng: Rng) {
    const bytes = (n: number) => {
      const b = new Uint8Array(n);
      for (let i = 0; i < n; i++) b[i] = rng.nextUint32() & 0xff;
      return b;
    };
    for (let i = 0; i < count; i++) {
      const privateKey = bytesFromScalar(scalarFromWideBytes(bytes(36)));
      this.chains.push(new KeyChain({ privateKey, secret: bytes(32) }, { keyCacheSize: 256 }));
    }
    this.livePeriod = new Int32Array(count);
    this.liveUntil = new Float64Array(count).fill(-Infinity);
    // tags are lost (apart from their owner) from the start of the run
    this.separatedSinceMs = rotation === 'separated' ? SIM_EPOCH_MS : null;
  }

  /** period whose key tag i advertises at simulated time t (cached until it changes) */
  periodAt(i: number, t: number): number {
    if (t < this.liveUntil[i]) return this.livePeriod[i];
    const live = liveKeyAt(this.schedule, SIM_EPOCH_MS + t * 1000, this.separatedSinceMs);
    this.livePeriod[i] = live.period;
    this.liveUntil[i] = (live.untilMs - SIM_EPOCH_MS) / 1000;
    return live.period;
  }

  key(i: number, period: number): PeriodKey {
    return this.chains[i].keyAt(period);
  }

  /** periods of tag i live at some time in [from, to] simulated seconds (the owner's query) */
  periodsBetween(i: number, from: number, to: number): number[] {
    void i; // all tags share one schedule; kept per tag for owners paired at different times
    return periodsLiveBetween(this.schedule, SIM_EPOCH_MS + Math.max(0, from) * 1000, SIM_EPOCH_MS + to * 1000, this.separatedSinceMs);
  }
}
