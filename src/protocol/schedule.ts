/**
 * Which period's key a tag advertises at a given time.
 *
 * Near its owner a tag rotates every 15 minutes; after more than 30 minutes away from the owner
 * it switches to a key that changes once a day (around 04:00 local time). Sources: IETF draft
 * "Detecting Unwanted Location Trackers" (draft-ledvina-apple-google-unwanted-trackers);
 * FindMy.py. Real AirTags use a separately derived "secondary" key while separated; this model
 * keeps one chain, documented simplification:
 *
 * - Periods are numbered from 1: period i covers [epoch + (i-1)*15 min, epoch + i*15 min).
 * - Near the owner (or separated for <= 30 min) the live key is the period at `t`.
 * - Separated for more than 30 min: the key freezes at the period that was live when the
 *   separated mode began (separatedSince + 30 min) and afterwards jumps, at each daily change
 *   time, to the period live at that moment. So the live key is the one of the period at which
 *   the last change happened, and it stays live for up to 24 h.
 */

export const NEAR_OWNER_ROTATION_MS = 15 * 60 * 1000;
export const SEPARATED_AFTER_MS = 30 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

export interface KeySchedule {
  /** Unix ms at which period 1 starts (pairing time). */
  epochMs: number;
  /** Daily change time as an offset from UTC midnight (default 4 h: 04:00 UTC; set for local time). */
  dailyChangeOffsetMs?: number;
}

export interface LiveKey {
  period: number;
  mode: 'near-owner' | 'separated';
  /** Unix ms at which this key stops being live (the next rotation or daily change). */
  untilMs: number;
}

/** The 15-minute period covering `timeMs` (>= 1). */
export function periodAt(schedule: KeySchedule, timeMs: number): number {
  if (timeMs < schedule.epochMs) throw new RangeError('time is before the key schedule epoch');
  return Math.floor((timeMs - schedule.epochMs) / NEAR_OWNER_ROTATION_MS) + 1;
}

/** Unix ms at which period i starts. */
export function periodStartMs(schedule: KeySchedule, period: number): number {
  return schedule.epochMs + (period - 1) * NEAR_OWNER_ROTATION_MS;
}

/** The most recent daily change time at or before `timeMs`. */
export function lastDailyChangeMs(schedule: KeySchedule, timeMs: number): number {
  const offset = schedule.dailyChangeOffsetMs ?? 4 * 60 * 60 * 1000;
  return Math.floor((timeMs - offset) / DAY_MS) * DAY_MS + offset;
}

/**
 * The key live at `timeMs` for a tag separated from its owner since `separatedSinceMs`
 * (null: with its owner).
 */
export function liveKeyAt(schedule: KeySchedule, timeMs: number, separatedSinceMs: number | null): LiveKey {
  const nearPeriod = periodAt(schedule, timeMs);
  const separatedModeFrom = separatedSinceMs === null ? Infinity : separatedSinceMs + SEPARATED_AFTER_MS;
  if (timeMs < separatedModeFrom) {
    const nextRotation = periodStartMs(schedule, nearPeriod + 1);
    return { period: nearPeriod, mode: 'near-owner', untilMs: Math.min(nextRotation, separatedModeFrom) };
  }
  const lastChange = Math.max(separatedModeFrom, lastDailyChangeMs(schedule, timeMs));
  const nextChange = lastDailyChangeMs(schedule, timeMs) + DAY_MS;
  return { period: periodAt(schedule, Math.max(lastChange, schedule.epochMs)), mode: 'separated', untilMs: nextChange };
}

/**
 * Every period whose key was live at some time in [fromMs, toMs], in order. With
 * `separatedSinceMs` undefined (owner does not know), returns all 15-minute periods from
 * 24 h before `fromMs` (a separated key can be up to a day old) to `toMs`.
 */
export function periodsLiveBetween(
  schedule: KeySchedule,
  fromMs: number,
  toMs: number,
  separatedSinceMs?: number | null,
): number[] {
  if (toMs < fromMs) return [];
  const from = Math.max(fromMs, schedule.epochMs);
  if (toMs < from) return [];
  if (separatedSinceMs === undefined) {
    const first = periodAt(schedule, Math.max(schedule.epochMs, from - DAY_MS));
    const last = periodAt(schedule, toMs);
    return Array.from({ length: last - first + 1 }, (_, k) => first + k);
  }
  const periods: number[] = [];
  // The live key is piecewise constant; walk from one change to the next.
  for (let t = from; t <= toMs; ) {
    const live = liveKeyAt(schedule, t, separatedSinceMs);
    if (periods[periods.length - 1] !== live.period) periods.push(live.period);
    t = live.untilMs;
  }
  return periods;
}
