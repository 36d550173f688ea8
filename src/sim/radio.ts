/**
 * Whether a finder hears one advertisement.
 *
 * Log-distance path loss with log-normal shadowing: RSSI = RSSI@1m - 10 n log10(d) + X,
 * X ~ N(0, sigma); heard when RSSI >= sensitivity and the scanner happens to be listening
 * (probability = scan duty cycle; BLE's random advertising delay decorrelates
 * advertisements from scan windows). So P(heard | listening) = Phi((RSSI(d) - sens) / sigma).
 * The probability is tabulated by distance once, so the hot loop does a table lookup.
 * A 'disk' model (always heard within a radius) serves the encounter-theory tests.
 */
export interface RadioParams {
  rssiAt1m: number;
  pathLossExponent: number;
  shadowingSigmaDb: number;
  sensitivityDbm: number;
  scanDuty: number;
  /** when set, a disk model of this radius replaces path loss (tests and teaching) */
  diskRangeM?: number;
}

/**
 * Beyond the distance where P(heard | listening) falls below this, a finder counts as out
 * of range (with a 10% duty cycle, one advertisement in 10,000 at the edge): it bounds the
 * neighbour search.
 */
const NEGLIGIBLE = 1e-3;
const TABLE_STEP = 0.25; // metres

export class Radio {
  /** distance beyond which P(heard | listening) < NEGLIGIBLE */
  readonly maxRange: number;
  private readonly table: Float32Array;

  constructor(readonly params: RadioParams) {
    if (params.diskRangeM !== undefined) {
      this.maxRange = params.diskRangeM;
      this.table = new Float32Array(0);
      return;
    }
    const { rssiAt1m, pathLossExponent: n, shadowingSigmaDb: sigma, sensitivityDbm: sens } = params;
    // solve Phi((rssi(d) - sens)/sigma) = NEGLIGIBLE for d
    const margin = sigma > 0 ? -sigma * normalQuantile(NEGLIGIBLE) : 0;
    this.maxRange = Math.max(1, 10 ** ((rssiAt1m - sens + margin) / (10 * n)));
    const size = Math.ceil(this.maxRange / TABLE_STEP) + 2;
    this.table = new Float32Array(size);
    for (let i = 0; i < size; i++) this.table[i] = this.hearProbabilityExact(i * TABLE_STEP);
  }

  /** mean RSSI at distance d (d < 1 m is treated as 1 m, the model's reference) */
  meanRssi(d: number): number {
    return this.params.rssiAt1m - 10 * this.params.pathLossExponent * Math.log10(Math.max(d, 1));
  }

  /** P(heard | scanner listening) at distance d, from the closed form */
  hearProbabilityExact(d: number): number {
    if (this.params.diskRangeM !== undefined) return d <= this.params.diskRangeM ? 1 : 0;
    const { shadowingSigmaDb: sigma, sensitivityDbm: sens } = this.params;
    const margin = this.meanRssi(d) - sens;
    if (sigma === 0) return margin >= 0 ? 1 : 0;
    return normalCdf(margin / sigma);
  }

  /** P(heard | listening) from the table, linearly interpolated; for the hot loop */
  hearProbability(d: number): number {
    if (this.params.diskRangeM !== undefined) return d <= this.params.diskRangeM ? 1 : 0;
    const f = d / TABLE_STEP;
    const i = Math.floor(f);
    if (i >= this.table.length - 1) return 0;
    return this.table[i] + (f - i) * (this.table[i + 1] - this.table[i]);
  }

  /** distance at which half of the advertisements are heard by a listening scanner */
  medianRange(): number {
    if (this.params.diskRangeM !== undefined) return this.params.diskRangeM;
    return 10 ** ((this.params.rssiAt1m - this.params.sensitivityDbm) / (10 * this.params.pathLossExponent));
  }
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 via erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5, r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}
