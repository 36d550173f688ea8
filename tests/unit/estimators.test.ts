import { describe, expect, it } from 'vitest';
import { HeldReports, HOLD_CAPACITY } from '../../src/sim/held-reports.ts';
import { FilterState, centroidEstimate, latestEstimate, type Estimate } from '../../src/sim/estimators.ts';
import { Rng } from '../../src/sim/rng.ts';

const est = (): Estimate => ({ x: 0, y: 0, r: 0 });

describe('held reports', () => {
  it('keeps reports sorted by time and drops the oldest when full', () => {
    const h = new HeldReports();
    h.add(10, 1, 1, 5);
    h.add(5, 2, 2, 5);
    h.add(7, 3, 3, 5);
    expect(Array.from(h.t.subarray(0, h.length))).toEqual([5, 7, 10]);
    for (let i = 0; i < HOLD_CAPACITY + 10; i++) h.add(100 + i, 0, 0, 5);
    expect(h.length).toBe(HOLD_CAPACITY);
    expect(h.t[0]).toBe(110);
    expect(h.newest).toBe(100 + HOLD_CAPACITY + 9);
  });
});

describe('estimators', () => {
  // reports from finders scattered around a tag at the origin, as the radio makes them
  function scattered(n: number, spread: number, seed: number): HeldReports {
    const rng = new Rng(seed);
    const h = new HeldReports();
    for (let i = 0; i < n; i++) h.add(i * 30, spread * rng.normal(), spread * rng.normal(), 8);
    return h;
  }

  it('average out the finder-to-tag offset for a tag at rest: centroid and filter beat the latest report', () => {
    let latestErr = 0, centroidErr = 0, filterErr = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const h = scattered(20, 25, seed);
      const e = est();
      latestEstimate(h, e);
      latestErr += Math.hypot(e.x, e.y);
      centroidEstimate(h, 25, e);
      centroidErr += Math.hypot(e.x, e.y);
      const f = new FilterState();
      f.fit(h, 25);
      f.estimateAt(h.newest, e);
      filterErr += Math.hypot(e.x, e.y);
    }
    expect(centroidErr).toBeLessThan(0.5 * latestErr);
    expect(filterErr).toBeLessThan(0.8 * latestErr);
  });

  it('the filter follows a moving tag better than the centroid of the last 15 minutes', () => {
    let centroidErr = 0, filterErr = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const rng = new Rng(seed);
      const h = new HeldReports();
      // a tag walking east at 1.2 m/s, reported every 20 s by finders within ~25 m
      for (let i = 0; i < 45; i++) h.add(i * 20, 1.2 * i * 20 + 25 * rng.normal(), 25 * rng.normal(), 8);
      const truthX = 1.2 * 44 * 20;
      const e = est();
      centroidEstimate(h, 25, e);
      centroidErr += Math.abs(e.x - truthX);
      const f = new FilterState();
      f.fit(h, 25);
      f.estimateAt(h.newest, e);
      filterErr += Math.abs(e.x - truthX);
    }
    expect(filterErr).toBeLessThan(0.5 * centroidErr);
  });

  it('grows the filter\'s circle with time since the newest report', () => {
    const h = scattered(10, 20, 3);
    const f = new FilterState();
    f.fit(h, 20);
    const a = est(), b = est();
    f.estimateAt(h.newest, a);
    f.estimateAt(h.newest + 600, b);
    expect(b.r).toBeGreaterThan(a.r * 2);
    expect(b.x).toBe(a.x);
  });

  it('have no estimate without reports', () => {
    const h = new HeldReports();
    expect(latestEstimate(h, est())).toBe(false);
    expect(centroidEstimate(h, 25, est())).toBe(false);
    const f = new FilterState();
    f.fit(h, 25);
    expect(f.estimateAt(0, est())).toBe(false);
  });
});
