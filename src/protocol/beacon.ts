/**
 * The BLE advertisement of an offline-finding beacon (OpenHaystack firmware layout):
 *
 *   payload (31 bytes): 1E FF 4C 00 12 19 | status | key[6..27] (22) | key[0] >> 6 | hint
 *   address (6 bytes):  key[0] | 0xC0, key[1..5]   (a BLE static random address; the top two
 *                       bits must be 11, so the key's top two bits travel in the payload)
 *
 * Bytes are in the order they are written/displayed (most significant address byte first).
 * Status byte bits 6-7 carry the battery level.
 */
import { P224_BYTES } from './p224.ts';

export const ADVERTISEMENT_BYTES = 31;
export const ADDRESS_BYTES = 6;
const HEADER = [0x1e, 0xff, 0x4c, 0x00, 0x12, 0x19] as const;

export type BatteryLevel = 'full' | 'medium' | 'low' | 'critical';
const BATTERY_LEVELS: readonly BatteryLevel[] = ['full', 'medium', 'low', 'critical'];

export interface Advertisement {
  address: Uint8Array;
  payload: Uint8Array;
}

export interface ParsedAdvertisement {
  advertisedKey: Uint8Array;
  status: number;
  battery: BatteryLevel;
  hint: number;
}

/** Status byte with the battery level in bits 6-7 (other bits: 0). */
export function statusByte(battery: BatteryLevel): number {
  return BATTERY_LEVELS.indexOf(battery) << 6;
}

export function batteryFromStatus(status: number): BatteryLevel {
  return BATTERY_LEVELS[(status >> 6) & 3];
}

export function buildAdvertisement(advertisedKey: Uint8Array, battery: BatteryLevel = 'full', hint = 0): Advertisement {
  if (advertisedKey.length !== P224_BYTES) throw new RangeError(`advertised key must be ${P224_BYTES} bytes`);
  const payload = new Uint8Array(ADVERTISEMENT_BYTES);
  payload.set(HEADER, 0);
  payload[6] = statusByte(battery);
  payload.set(advertisedKey.subarray(6, 28), 7);
  payload[29] = advertisedKey[0] >> 6;
  payload[30] = hint & 0xff;
  const address = advertisedKey.slice(0, ADDRESS_BYTES);
  address[0] |= 0xc0;
  return { address, payload };
}

/** What a finder does on reception: rebuild the 28-byte key from address and payload. */
export function parseAdvertisement(address: Uint8Array, payload: Uint8Array): ParsedAdvertisement {
  if (address.length !== ADDRESS_BYTES) throw new RangeError('BLE address must be 6 bytes');
  if (payload.length !== ADVERTISEMENT_BYTES) throw new RangeError('advertisement payload must be 31 bytes');
  for (let i = 0; i < HEADER.length; i++) {
    if (payload[i] !== HEADER[i]) throw new RangeError('not an Apple offline-finding advertisement');
  }
  const advertisedKey = new Uint8Array(P224_BYTES);
  advertisedKey.set(address);
  advertisedKey[0] = (address[0] & 0x3f) | ((payload[29] & 0x03) << 6);
  advertisedKey.set(payload.subarray(7, 29), 6);
  return { advertisedKey, status: payload[6], battery: batteryFromStatus(payload[6]), hint: payload[30] };
}
