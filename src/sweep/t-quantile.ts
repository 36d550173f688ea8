/**
 * Student t quantile for two-sided 95% confidence intervals: t such that
 * P(|T_df| <= t) = 0.95. Tabulated for df 1..30 (exact to 3 decimals), then the
 * Cornish-Fisher expansion around the normal quantile, which is within 1e-4 of the
 * exact value from df 30 on, tending to 1.96 as df grows.
 */
const T975: readonly number[] = [
  NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
  2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

const Z975 = 1.959963984540054;

/** t quantile for a 95% two-sided interval with `df` degrees of freedom (NaN for df < 1). */
export function tQuantile95(df: number): number {
  if (!(df >= 1)) return NaN;
  if (!Number.isFinite(df)) return Z975;
  const d = Math.floor(df);
  if (d < T975.length) return T975[d];
  // Cornish-Fisher (Abramowitz & Stegun 26.7.5), first three correction terms
  const z = Z975, z3 = z ** 3, z5 = z ** 5, z7 = z ** 7;
  const g1 = (z3 + z) / 4;
  const g2 = (5 * z5 + 16 * z3 + 3 * z) / 96;
  const g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384;
  return z + g1 / d + g2 / d ** 2 + g3 / d ** 3;
}
