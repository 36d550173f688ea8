/**
 * The decrypted reports an owner holds for one tag, kept sorted by report time and
 * bounded (the oldest go first): time, position in local metres, accuracy in metres.
 */
export const HOLD_CAPACITY = 256;

export class HeldReports {
  length = 0;
  readonly t = new Float64Array(HOLD_CAPACITY);
  readonly x = new Float64Array(HOLD_CAPACITY);
  readonly y = new Float64Array(HOLD_CAPACITY);
  readonly acc = new Float64Array(HOLD_CAPACITY);

  /** inserts in time order; when full, the oldest report is dropped */
  add(t: number, x: number, y: number, acc: number): void {
    if (this.length === HOLD_CAPACITY) {
      if (t <= this.t[0]) return;
      this.t.copyWithin(0, 1);
      this.x.copyWithin(0, 1);
      this.y.copyWithin(0, 1);
      this.acc.copyWithin(0, 1);
      this.length--;
    }
    let i = this.length;
    while (i > 0 && this.t[i - 1] > t) {
      this.t[i] = this.t[i - 1];
      this.x[i] = this.x[i - 1];
      this.y[i] = this.y[i - 1];
      this.acc[i] = this.acc[i - 1];
      i--;
    }
    this.t[i] = t;
    this.x[i] = x;
    this.y[i] = y;
    this.acc[i] = acc;
    this.length++;
  }

  get newest(): number {
    return this.length ? this.t[this.length - 1] : NaN;
  }
}
