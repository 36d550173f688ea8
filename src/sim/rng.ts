/**
 * Seeded pseudo-random numbers: sfc32 (Chris Doty-Humphrey's Small Fast Chaotic
 * generator, 128-bit state, passes PractRand), seeded through splitmix32 so that
 * neighbouring seeds give unrelated streams. Each subsystem draws from its own stream
 * (see `stream`), so turning one feature on does not shift another's random numbers.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** spare normal deviate from the last Box-Muller pair */
  private spare = NaN;

  constructor(seed: number, stream = 0) {
    let s = (Math.trunc(seed) ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** uniform in [0, 1) */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** uniform in [lo, hi) */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** integer uniform in [0, n) */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** standard normal deviate (Box-Muller, polar form) */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const v = this.spare;
      this.spare = NaN;
      return v;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return u * f;
  }

  /** exponential deviate with the given mean */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }
}

/** Stream ids: one per subsystem, fixed forever so results stay reproducible. */
export const STREAM = {
  placement: 1,
  mobility: 2,
  routing: 3,
  radio: 4,
  gps: 5,
  upload: 6,
  crypto: 7,
  owner: 8,
  participation: 9,
} as const;
