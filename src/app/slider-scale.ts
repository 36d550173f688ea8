/**
 * Slider positions (0..STEPS) <-> knob values, linear or logarithmic as the knob says.
 * A log knob whose range starts at 0 keeps position 0 for exactly 0 and spreads the rest
 * logarithmically from a small floor (max / 10^4), so 0-20,000 /km² is usable end to end.
 */
import type { NumberKnob } from '../sim/knobs.ts';

export const STEPS = 1000;

function logFloor(k: NumberKnob): number {
  return k.min > 0 ? k.min : Math.max(k.integer ? 1 : 0, k.max / 1e4) || k.max / 1e4;
}

/** a typed value: clamped to the range, whole or on the step grid where the knob says so, otherwise as typed */
export function clampToKnob(k: NumberKnob, v: number): number {
  if (!Number.isFinite(v)) return k.default;
  v = Math.min(k.max, Math.max(k.min, v));
  if (k.integer) return Math.round(v);
  if (k.step) return Number((Math.round(v / k.step) * k.step).toFixed(6));
  return v;
}

/** a slider value: like clampToKnob, and kept to 3 significant digits where the knob has no step */
export function roundToKnob(k: NumberKnob, v: number): number {
  if (!Number.isFinite(v)) return k.default;
  v = Math.min(k.max, Math.max(k.min, v));
  if (k.integer) return Math.round(v);
  if (k.step) return Number((Math.round(v / k.step) * k.step).toFixed(6));
  // no step given: keep 3 significant digits
  if (v === 0) return 0;
  const mag = Math.pow(10, Math.floor(Math.log10(Math.abs(v))) - 2);
  return Math.min(k.max, Math.max(k.min, Number((Math.round(v / mag) * mag).toPrecision(12))));
}

export function valueToPosition(k: NumberKnob, v: number): number {
  if (k.scale === 'log') {
    const lo = logFloor(k);
    if (v <= k.min && k.min <= 0) return 0;
    const first = k.min > 0 ? 0 : 1;
    const p = Math.log(Math.max(v, lo) / lo) / Math.log(k.max / lo);
    return Math.round(first + p * (STEPS - first));
  }
  return Math.round(((v - k.min) / (k.max - k.min)) * STEPS);
}

export function positionToValue(k: NumberKnob, pos: number): number {
  if (k.scale === 'log') {
    const lo = logFloor(k);
    if (pos <= 0) return k.min > 0 ? k.min : 0;
    const first = k.min > 0 ? 0 : 1;
    const p = (pos - first) / (STEPS - first);
    return roundToKnob(k, lo * Math.pow(k.max / lo, p));
  }
  return roundToKnob(k, k.min + (pos / STEPS) * (k.max - k.min));
}
