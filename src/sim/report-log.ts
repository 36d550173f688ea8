/**
 * Every report made in a run, as a struct of typed arrays: what the finder put in it (its
 * GPS fix), the ground truth the simulator knows and the protocol never sees (the tag's
 * true position), and its journey (made, uploaded, fetched). Metrics and the tag detail
 * view read it; the protocol path only ever sees the encrypted bytes.
 */
import { grow } from './growable.ts';

export class ReportLog {
  count = 0;
  finder = new Int32Array(0);
  tag = new Int32Array(0);
  period = new Int32Array(0);
  finderMode = new Uint8Array(0);
  /** the finder's GPS fix, local metres, and the accuracy byte it reported */
  fixX = new Float32Array(0);
  fixY = new Float32Array(0);
  accuracy = new Uint8Array(0);
  /** where the tag really was when the report was made */
  trueX = new Float32Array(0);
  trueY = new Float32Array(0);
  /** simulated seconds; NaN until it happens */
  made = new Float64Array(0);
  uploaded = new Float64Array(0);
  fetched = new Float64Array(0);
  /** next report in the same finder's upload queue (-1 = end) */
  nextQueued = new Int32Array(0);

  add(finder: number, tag: number, period: number, finderMode: number, fixX: number, fixY: number, accuracy: number, trueX: number, trueY: number, made: number): number {
    const i = this.count++;
    if (i >= this.finder.length) {
      const n = i + 1;
      this.finder = grow(this.finder, n);
      this.tag = grow(this.tag, n);
      this.period = grow(this.period, n);
      this.finderMode = grow(this.finderMode, n);
      this.fixX = grow(this.fixX, n);
      this.fixY = grow(this.fixY, n);
      this.accuracy = grow(this.accuracy, n);
      this.trueX = grow(this.trueX, n);
      this.trueY = grow(this.trueY, n);
      this.made = grow(this.made, n);
      this.uploaded = grow(this.uploaded, n);
      this.fetched = grow(this.fetched, n);
      this.nextQueued = grow(this.nextQueued, n);
    }
    this.finder[i] = finder;
    this.tag[i] = tag;
    this.period[i] = period;
    this.finderMode[i] = finderMode;
    this.fixX[i] = fixX;
    this.fixY[i] = fixY;
    this.accuracy[i] = accuracy;
    this.trueX[i] = trueX;
    this.trueY[i] = trueY;
    this.made[i] = made;
    this.uploaded[i] = NaN;
    this.fetched[i] = NaN;
    this.nextQueued[i] = -1;
    return i;
  }
}
