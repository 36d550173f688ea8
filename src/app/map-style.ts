/** Map colours and street widths, after OpenStreetMap Carto's palette. */
import type { StreetClass } from '../world/types.ts';

export const LAND = 0xf2efe9;
/** beyond the world's data (its streets plus the 200 m margin the converter keeps areas in) */
export const NO_DATA = 0xe3e1dc;
export const DATA_MARGIN_M = 200;
export const WATER = 0xaad3df;
export const PARK = 0xc8facc;
export const BUILDING = 0xd9d0c9;
export const BUILDING_EDGE = 0xc4b6ab;
export const CASING = 0xb8b2a8;

/** fill colour, width in metres, minimum width in pixels, and whether it gets a casing */
export const STREET_STYLE: Record<StreetClass, { color: number; metres: number; minPx: number; casing: boolean }> = {
  motorway: { color: 0xe892a2, metres: 16, minPx: 2.5, casing: true },
  primary: { color: 0xfcd6a4, metres: 13, minPx: 2.2, casing: true },
  secondary: { color: 0xf7fabf, metres: 11, minPx: 2, casing: true },
  tertiary: { color: 0xffffff, metres: 10, minPx: 1.8, casing: true },
  residential: { color: 0xffffff, metres: 8, minPx: 1.4, casing: true },
  service: { color: 0xffffff, metres: 5, minPx: 1, casing: true },
  pedestrian: { color: 0xdddde8, metres: 6, minPx: 1.2, casing: true },
  footway: { color: 0xf0a99c, metres: 1.8, minPx: 0.9, casing: false },
  steps: { color: 0xe0705e, metres: 2, minPx: 1, casing: false },
  other: { color: 0xffffff, metres: 4, minPx: 1, casing: true },
};

/** finder colours by mode (walk, drive, still), and for phones outside the network */
export const FINDER_COLORS = [0x1f77ff, 0xff8a00, 0x8e44ad];
export const FINDER_OFF = 0x9a9a9a;
export const TAG_COLOR = 0xe5383b;
/** finder markers: a halo when it just heard a beacon, a ring while it holds unsent reports */
export const HEARD_COLOR = 0xffd60a;
export const HOLDS_COLOR = 0x1c1c1e;
/** the owner's estimate: error circle, centre and the line to the truth */
export const ESTIMATE_COLOR = 0x0a84ff;
export const TRUTH_LINE_COLOR = 0x1c1c1e;
/** decrypted reports of the selected tag */
export const REPORT_COLOR = 0x2fa84f;
