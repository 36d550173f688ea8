/**
 * Find My rotating keys (Heinrich et al., PoPETs 2021, section 5; OpenHaystack; FindMy.py).
 *
 *   SK_i        = X9.63-KDF-SHA256(SK_{i-1}, "update", 32)
 *   (u_i, v_i)  = X9.63-KDF-SHA256(SK_i, "diversify", 72), split 36/36, each (x mod (n-1)) + 1
 *   d_i         = d0 * u_i + v_i mod n,  P_i = d_i * G
 *   advertised  = x(P_i), 28 bytes;  hashed id = base64(SHA-256(advertised))
 *
 * Period numbering follows OpenHaystack / FindMy.py: SK_0 is the master secret and the first
 * period that is ever advertised is i = 1 (SK_1 = KDF(SK_0)). Period 0 has no key.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { toBase64 } from './bytes.ts';
import { x963KdfSha256 } from './kdf.ts';
import { LruCache } from './lru.ts';
import { P224, P224_N, assertPrivateScalar, bigintFromBytes, bytesFromScalar } from './p224.ts';

export const SECRET_BYTES = 32;

/** The owner's long-term beacon key, shared with the tag at pairing. */
export interface MasterBeaconKey {
  /** d0, 28-byte big-endian scalar */
  privateKey: Uint8Array;
  /** P0 = d0*G, 57-byte uncompressed SEC1 point */
  publicKey: Uint8Array;
  /** SK0, 32 bytes */
  secret: Uint8Array;
}

/** Everything one period needs: the tag advertises `advertisedKey`, the owner keeps the rest. */
export interface PeriodKey {
  period: number;
  /** d_i, 28-byte big-endian scalar */
  privateKey: Uint8Array;
  /** x(P_i), 28 bytes: what the beacon broadcasts and finders encrypt to */
  advertisedKey: Uint8Array;
  /** base64(SHA-256(advertisedKey)): the only identifier the server ever sees */
  hashedId: string;
}

/** A fresh random master key (d0 uniform in [1, n-1] from 36 random bytes, negligible bias). */
export function generateMasterKey(): MasterBeaconKey {
  const d0 = scalarFromWideBytes(randomBytes(36));
  return {
    privateKey: bytesFromScalar(d0),
    publicKey: P224.BASE.multiply(d0).toBytes(false),
    secret: randomBytes(SECRET_BYTES),
  };
}

/** (x mod (n-1)) + 1: maps 36 KDF bytes to a non-zero scalar, as the protocol specifies. */
export function scalarFromWideBytes(bytes: Uint8Array): bigint {
  return (bigintFromBytes(bytes) % (P224_N - 1n)) + 1n;
}

/** One step of the secret chain: SK_i from SK_{i-1}. */
export function nextSecret(secret: Uint8Array): Uint8Array {
  return x963KdfSha256(secret, 'update', SECRET_BYTES);
}

/** d_i from d0 and SK_i. */
export function periodPrivateScalar(d0: bigint, secret: Uint8Array): bigint {
  const uv = x963KdfSha256(secret, 'diversify', 72);
  const u = scalarFromWideBytes(uv.subarray(0, 36));
  const v = scalarFromWideBytes(uv.subarray(36, 72));
  const d = (d0 * u + v) % P224_N;
  assertPrivateScalar(d); // d = 0 has probability ~2^-224; refuse rather than advertise infinity
  return d;
}

/** base64(SHA-256(advertised key)): the server's index for a period's reports. */
export function hashedIdOf(advertisedKey: Uint8Array): string {
  return toBase64(sha256(advertisedKey));
}

/** Derives a period's key from d0 and SK_i (the caller walked the chain to i). */
export function periodKeyFromSecret(d0: bigint, secret: Uint8Array, period: number): PeriodKey {
  const d = periodPrivateScalar(d0, secret);
  const advertisedKey = bytesFromScalar(P224.BASE.multiplyUnsafe(d).toAffine().x);
  return { period, privateKey: bytesFromScalar(d), advertisedKey, hashedId: hashedIdOf(advertisedKey) };
}

/** Reference derivation that walks the chain from SK_0: O(i). Use KeyChain for repeated calls. */
export function derivePeriodKey(master: Pick<MasterBeaconKey, 'privateKey' | 'secret'>, period: number): PeriodKey {
  assertPeriod(period);
  let secret = master.secret;
  for (let i = 0; i < period; i++) secret = nextSecret(secret);
  return periodKeyFromSecret(masterScalar(master.privateKey), secret, period);
}

export interface KeyChainOptions {
  /** keep SK_i for every i that is a multiple of this (96 = one day of 15-minute periods) */
  checkpointEvery?: number;
  /** how many derived period keys to keep */
  keyCacheSize?: number;
}

/**
 * The owner's (or tag's) view of the key chain. SK is a hash chain, so reaching period i costs
 * i hashes from SK_0; the chain keeps SK at every `checkpointEvery`-th period (32 bytes each)
 * and walks at most that many steps from the nearest checkpoint below i. Derived keys (which
 * also cost a point multiplication) sit in a small LRU. Results are identical to
 * derivePeriodKey (tested).
 */
export class KeyChain {
  private readonly d0: bigint;
  private readonly checkpointEvery: number;
  /** checkpoints[k] = SK_{k * checkpointEvery}; filled on demand, contiguous from 0 */
  private readonly checkpoints: Uint8Array[];
  private readonly keys: LruCache<number, PeriodKey>;

  constructor(master: Pick<MasterBeaconKey, 'privateKey' | 'secret'>, options: KeyChainOptions = {}) {
    if (master.secret.length !== SECRET_BYTES) throw new RangeError(`secret must be ${SECRET_BYTES} bytes`);
    this.d0 = masterScalar(master.privateKey);
    this.checkpointEvery = options.checkpointEvery ?? 96;
    if (!Number.isInteger(this.checkpointEvery) || this.checkpointEvery < 1) throw new RangeError('checkpointEvery must be a positive integer');
    this.checkpoints = [master.secret.slice()];
    this.keys = new LruCache(options.keyCacheSize ?? 512);
  }

  /** SK_i (i >= 0). */
  secretAt(period: number): Uint8Array {
    if (!Number.isInteger(period) || period < 0) throw new RangeError('period must be an integer >= 0');
    const k = Math.floor(period / this.checkpointEvery);
    // Extend the checkpoint list up to k; each step is checkpointEvery hashes.
    while (this.checkpoints.length <= k) {
      let s = this.checkpoints[this.checkpoints.length - 1];
      for (let j = 0; j < this.checkpointEvery; j++) s = nextSecret(s);
      this.checkpoints.push(s);
    }
    let secret = this.checkpoints[k];
    for (let i = k * this.checkpointEvery; i < period; i++) secret = nextSecret(secret);
    return secret;
  }

  /** The key of period i (i >= 1). */
  keyAt(period: number): PeriodKey {
    assertPeriod(period);
    const cached = this.keys.get(period);
    if (cached) return cached;
    const key = periodKeyFromSecret(this.d0, this.secretAt(period), period);
    this.keys.set(period, key);
    return key;
  }

  /** Keys of consecutive periods [first, last], walking the chain once (the owner's query). */
  keysBetween(first: number, last: number): PeriodKey[] {
    assertPeriod(first);
    const out: PeriodKey[] = [];
    let secret: Uint8Array | undefined;
    for (let i = first; i <= last; i++) {
      const cached = this.keys.get(i);
      secret = secret === undefined ? this.secretAt(i) : nextSecret(secret);
      if (cached) {
        out.push(cached);
        continue;
      }
      const key = periodKeyFromSecret(this.d0, secret, i);
      this.keys.set(i, key);
      out.push(key);
    }
    return out;
  }
}

function masterScalar(privateKey: Uint8Array): bigint {
  if (privateKey.length !== 28) throw new RangeError(`master private key must be 28 bytes, got ${privateKey.length}`);
  const d0 = bigintFromBytes(privateKey);
  assertPrivateScalar(d0);
  return d0;
}

function assertPeriod(period: number): void {
  if (!Number.isInteger(period) || period < 1) throw new RangeError('period must be an integer >= 1 (period 1 uses SK_1 = KDF(SK_0))');
}
