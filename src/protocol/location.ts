/**
 * The 10-byte plaintext of a location report and the report's clear header fields.
 *   lat int32 BE (deg * 1e7) | lon int32 BE (deg * 1e7) | accuracy uint8 (m, saturating) | status uint8
 * Timestamps are uint32 BE seconds since 2001-01-01 00:00 UTC (Apple's reference date).
 */

export const PLAINTEXT_BYTES = 10;
export const APPLE_EPOCH_MS = Date.UTC(2001, 0, 1);

export interface Location {
  /** degrees, -90..90 */
  lat: number;
  /** degrees, -180..180 */
  lon: number;
  /** horizontal accuracy in metres (stored as uint8, saturating at 255) */
  accuracy: number;
  /** the tag's status byte as the finder saw it */
  status: number;
}

/** Writes the 10-byte plaintext at `offset`. Rounds to 1e-7 degrees. */
export function writeLocation(loc: Location, out: Uint8Array, offset = 0): void {
  if (!(loc.lat >= -90 && loc.lat <= 90)) throw new RangeError(`latitude must be within -90..90, got ${loc.lat}`);
  if (!(loc.lon >= -180 && loc.lon <= 180)) throw new RangeError(`longitude must be within -180..180, got ${loc.lon}`);
  if (!(loc.accuracy >= 0)) throw new RangeError(`accuracy must be >= 0 metres, got ${loc.accuracy}`);
  if (!Number.isInteger(loc.status) || loc.status < 0 || loc.status > 255) throw new RangeError(`status must be a byte, got ${loc.status}`);
  const view = new DataView(out.buffer, out.byteOffset + offset, PLAINTEXT_BYTES);
  view.setInt32(0, Math.round(loc.lat * 1e7), false);
  view.setInt32(4, Math.round(loc.lon * 1e7), false);
  view.setUint8(8, Math.min(255, Math.round(loc.accuracy)));
  view.setUint8(9, loc.status);
}

export function encodeLocation(loc: Location): Uint8Array {
  const out = new Uint8Array(PLAINTEXT_BYTES);
  writeLocation(loc, out);
  return out;
}

export function readLocation(bytes: Uint8Array, offset = 0): Location {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, PLAINTEXT_BYTES);
  return {
    lat: view.getInt32(0, false) / 1e7,
    lon: view.getInt32(4, false) / 1e7,
    accuracy: view.getUint8(8),
    status: view.getUint8(9),
  };
}

/** Unix ms -> Apple seconds (uint32). Throws outside 2001..2137. */
export function appleSecondsFromMs(timeMs: number): number {
  const s = Math.floor((timeMs - APPLE_EPOCH_MS) / 1000);
  if (!Number.isFinite(s) || s < 0 || s > 0xffffffff) throw new RangeError('time must be between 2001-01-01 and 2137 (uint32 seconds since 2001)');
  return s;
}

export function msFromAppleSeconds(seconds: number): number {
  return APPLE_EPOCH_MS + seconds * 1000;
}
