/** A tag's one-line status from the frame, as the Find My item list words it. */
import type { Frame } from '../sim/frame.ts';
import { fmtAgo, fmtDistance } from './format.ts';

export type TagGroup = 0 | 1 | 2; // 0 fresh fix (<= 30 min), 1 older fix, 2 none yet

export interface TagStatus {
  group: TagGroup;
  text: string;
  error: number;
  age: number;
}

export const FRESH_S = 30 * 60;

export function tagStatus(f: Frame, i: number): TagStatus {
  const newest = f.tagNewest?.[i];
  const err = f.tagError?.[i];
  if (newest === undefined || !Number.isFinite(newest)) return { group: 2, text: 'No location yet', error: NaN, age: NaN };
  const age = Math.max(0, f.t - newest);
  const off = Number.isFinite(err) ? `located ${fmtDistance(err!)} off` : 'located';
  return { group: age <= FRESH_S ? 0 : 1, text: `${off[0].toUpperCase()}${off.slice(1)}, ${fmtAgo(age)}`, error: err ?? NaN, age };
}
