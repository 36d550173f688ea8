/** Order statistics on plain numbers (no allocation beyond one sorted copy). */
import type { Distribution } from './metrics-types.ts';

/** quantile q of sorted values, linear interpolation between order statistics (R type 7) */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function distribution(values: ArrayLike<number>): Distribution {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  const sorted = Float64Array.from(finite).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return { n: sorted.length, median: quantileSorted(sorted, 0.5), p90: quantileSorted(sorted, 0.9), mean: sorted.length ? sum / sorted.length : NaN };
}
