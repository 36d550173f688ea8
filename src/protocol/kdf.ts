/**
 * ANSI X9.63 key derivation with SHA-256, as used by Find My for both the secret update
 * ("update") and the diversification ("diversify") steps:
 *   out = SHA256(Z || counter_be32 || info) for counter = 1, 2, ... concatenated, cut to length.
 * Built on @noble/hashes' sha256; only the counter loop is written here.
 */
import { sha256 } from '@noble/hashes/sha2.js';

const encoder = new TextEncoder();

export function x963KdfSha256(z: Uint8Array, info: Uint8Array | string, length: number): Uint8Array {
  const infoBytes = typeof info === 'string' ? encoder.encode(info) : info;
  const out = new Uint8Array(length);
  const counter = new Uint8Array(4);
  const view = new DataView(counter.buffer);
  for (let i = 1, written = 0; written < length; i++) {
    view.setUint32(0, i, false);
    const block = sha256.create().update(z).update(counter).update(infoBytes).digest();
    const take = Math.min(block.length, length - written);
    out.set(block.subarray(0, take), written);
    written += take;
  }
  return out;
}
