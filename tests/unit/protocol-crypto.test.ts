/**
 * The protocol's cryptography checked against an independent implementation: Node's OpenSSL
 * (secp224r1 ECDH, SHA-256, AES-128-GCM with 16-byte IVs) and BigInt arithmetic written here.
 */
import { createCipheriv, createDecipheriv, createECDH, createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  KeyChain,
  P224,
  P224_N,
  ReportAuthError,
  ReportFormatError,
  decryptReport,
  derivePeriodKey,
  encryptReport,
  generateMasterKey,
  hashedIdOf,
  liftX,
  x963KdfSha256,
  FinderKeyCache,
  decryptBatch,
  encryptBatch,
  packDecryptRequests,
  packEncryptRequests,
} from '../../src/protocol/index.ts';
import { aeadBackend, availableAeadBackends, setAeadBackend, type AeadBackend } from '../../src/protocol/aead.ts';
import { sealInto } from '../../src/protocol/report.ts';

const N = P224_N;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const big = (b: Uint8Array) => BigInt('0x' + (hex(b) || '0'));
const bytes28 = (v: bigint) => Buffer.from(v.toString(16).padStart(56, '0'), 'hex');

/** X9.63-KDF with node:crypto's SHA-256 (reference, independent of @noble/hashes). */
function refKdf(z: Uint8Array, info: string | Uint8Array, length: number): Buffer {
  const parts: Buffer[] = [];
  for (let c = 1; Buffer.concat(parts).length < length; c++) {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(c);
    parts.push(createHash('sha256').update(z).update(counter).update(typeof info === 'string' ? Buffer.from(info) : info).digest());
  }
  return Buffer.concat(parts).subarray(0, length);
}

/** Reference key derivation: BigInt arithmetic + OpenSSL for d_i * G. */
function refPeriodKey(d0: bigint, sk0: Uint8Array, period: number) {
  let sk: Uint8Array = sk0;
  for (let i = 0; i < period; i++) sk = refKdf(sk, 'update', 32);
  const uv = refKdf(sk, 'diversify', 72);
  const u = (big(uv.subarray(0, 36)) % (N - 1n)) + 1n;
  const v = (big(uv.subarray(36)) % (N - 1n)) + 1n;
  const d = (d0 * u + v) % N;
  const ecdh = createECDH('secp224r1');
  ecdh.setPrivateKey(bytes28(d));
  const pub = ecdh.getPublicKey(); // 04 || x || y
  return { d, advertised: pub.subarray(1, 29), publicKey: pub };
}

function opensslEncrypt(advertisedKey: Uint8Array, plaintext: Buffer, timestamp: number, confidence: number, parity: 0x02 | 0x03 = 0x02): Uint8Array {
  const ecdh = createECDH('secp224r1');
  const ephemeral = ecdh.generateKeys(); // 57 bytes uncompressed
  const shared = ecdh.computeSecret(Buffer.concat([Buffer.from([parity]), advertisedKey]));
  const k = createHash('sha256').update(shared).update(Buffer.from([0, 0, 0, 1])).update(ephemeral).digest();
  const cipher = createCipheriv('aes-128-gcm', k.subarray(0, 16), k.subarray(16, 32));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const header = Buffer.alloc(5);
  header.writeUInt32BE(timestamp);
  header[4] = confidence;
  return new Uint8Array(Buffer.concat([header, ephemeral, ct, cipher.getAuthTag()]));
}

function opensslDecrypt(d: bigint, report: Uint8Array): Buffer {
  const ecdh = createECDH('secp224r1');
  ecdh.setPrivateKey(bytes28(d));
  const ephemeral = report.subarray(5, 62);
  const shared = ecdh.computeSecret(ephemeral);
  const k = createHash('sha256').update(shared).update(Buffer.from([0, 0, 0, 1])).update(ephemeral).digest();
  const decipher = createDecipheriv('aes-128-gcm', k.subarray(0, 16), k.subarray(16, 32));
  decipher.setAuthTag(report.subarray(72, 88));
  return Buffer.concat([decipher.update(report.subarray(62, 72)), decipher.final()]);
}

function plaintextOf(lat: number, lon: number, accuracy: number, status: number): Buffer {
  const b = Buffer.alloc(10);
  b.writeInt32BE(Math.round(lat * 1e7), 0);
  b.writeInt32BE(Math.round(lon * 1e7), 4);
  b[8] = accuracy;
  b[9] = status;
  return b;
}

const APPLE_EPOCH_S = Date.UTC(2001, 0, 1) / 1000;

describe('P-224 built from NIST parameters', () => {
  it('matches OpenSSL secp224r1 for the generator and random scalars', () => {
    for (const k of [1n, 2n, N - 1n, ...Array.from({ length: 5 }, () => (big(randomBytes(36)) % (N - 1n)) + 1n)]) {
      const ecdh = createECDH('secp224r1');
      ecdh.setPrivateKey(bytes28(k));
      expect(hex(P224.BASE.multiply(k).toBytes(false))).toBe(ecdh.getPublicKey('hex'));
    }
  });

  it('lifts an advertised x to a point whose ECDH x matches OpenSSL with either y', () => {
    const d = (big(randomBytes(36)) % (N - 1n)) + 1n;
    const x = P224.BASE.multiply(d).toBytes(false).subarray(1, 29);
    const lifted = liftX(x);
    const e = (big(randomBytes(36)) % (N - 1n)) + 1n;
    const ours = bytes28(lifted.multiply(e).toAffine().x);
    for (const prefix of [0x02, 0x03]) {
      const ecdh = createECDH('secp224r1');
      ecdh.setPrivateKey(bytes28(e));
      expect(hex(ecdh.computeSecret(Buffer.concat([Buffer.from([prefix]), x])))).toBe(hex(ours));
    }
  });

  it('rejects an x that is not on the curve with a clear error', () => {
    // find an x with no point (about half of all x values)
    let bad: Uint8Array | undefined;
    for (let i = 0; i < 64 && !bad; i++) {
      const x = randomBytes(28);
      const ecdh = createECDH('secp224r1');
      try {
        ecdh.setPrivateKey(bytes28(5n));
        ecdh.computeSecret(Buffer.concat([Buffer.from([2]), x]));
      } catch {
        bad = x;
      }
    }
    expect(bad).toBeDefined();
    expect(() => liftX(bad!)).toThrow(/not the x coordinate of a P-224 point/);
    expect(() => encryptReport(bad!, { lat: 0, lon: 0, accuracy: 1, status: 0 }, Date.now())).toThrow(/not the x coordinate/);
  });
});

describe('key derivation', () => {
  it('X9.63 KDF matches a node:crypto reference for several lengths', () => {
    const z = randomBytes(32);
    for (const len of [1, 32, 33, 72, 100]) expect(hex(x963KdfSha256(z, 'diversify', len))).toBe(refKdf(z, 'diversify', len).toString('hex'));
  });

  it('period keys match the BigInt + OpenSSL reference (period 1 = first derived)', () => {
    const master = generateMasterKey();
    const d0 = big(master.privateKey);
    for (const period of [1, 2, 7, 97]) {
      const ours = derivePeriodKey(master, period);
      const ref = refPeriodKey(d0, master.secret, period);
      expect(big(ours.privateKey)).toBe(ref.d);
      expect(hex(ours.advertisedKey)).toBe(hex(ref.advertised));
      expect(ours.hashedId).toBe(createHash('sha256').update(ref.advertised).digest('base64'));
      expect(hashedIdOf(ours.advertisedKey)).toBe(ours.hashedId);
    }
    expect(() => derivePeriodKey(master, 0)).toThrow(/period/);
  });

  it('the master public key is d0*G as OpenSSL computes it', () => {
    const m = generateMasterKey();
    const ecdh = createECDH('secp224r1');
    ecdh.setPrivateKey(m.privateKey);
    expect(hex(m.publicKey)).toBe(ecdh.getPublicKey('hex'));
  });

  it('the checkpointed, cached KeyChain gives the same keys as the O(i) reference, in any order', () => {
    const master = generateMasterKey();
    const chain = new KeyChain(master, { checkpointEvery: 8, keyCacheSize: 3 });
    const order = [30, 1, 17, 16, 9, 30, 2, 25, 8];
    for (const p of order) expect(hex(chain.keyAt(p).advertisedKey)).toBe(hex(derivePeriodKey(master, p).advertisedKey));
    const run = chain.keysBetween(5, 20);
    expect(run.map((k) => k.period)).toEqual(Array.from({ length: 16 }, (_, i) => 5 + i));
    for (const k of run) expect(hex(k.privateKey)).toBe(hex(derivePeriodKey(master, k.period).privateKey));
    // a chain with default settings agrees too
    expect(hex(new KeyChain(master).keyAt(200).privateKey)).toBe(hex(derivePeriodKey(master, 200).privateKey));
  });
});

describe('reports vs OpenSSL', () => {
  const master = generateMasterKey();
  const key = derivePeriodKey(master, 3);
  const d = big(key.privateKey);
  const t = Date.UTC(2024, 4, 1, 12, 0, 0);

  it('reports made here decrypt with OpenSSL', () => {
    const loc = { lat: 52.5200066, lon: 13.404954, accuracy: 17, status: 0x40 };
    const report = encryptReport(key.advertisedKey, loc, t, 2);
    expect(report.length).toBe(88);
    expect(Buffer.from(report).readUInt32BE(0)).toBe(t / 1000 - APPLE_EPOCH_S);
    expect(report[4]).toBe(2);
    expect(report[5]).toBe(0x04);
    expect(opensslDecrypt(d, report).toString('hex')).toBe(plaintextOf(loc.lat, loc.lon, loc.accuracy, loc.status).toString('hex'));
  });

  it('reports made with OpenSSL (either y for the advertised x) decrypt here', () => {
    for (const parity of [0x02, 0x03] as const) {
      const report = opensslEncrypt(key.advertisedKey, plaintextOf(-33.8688, 151.2093, 250, 0xc0), t / 1000 - APPLE_EPOCH_S, 7, parity);
      const r = decryptReport(key.privateKey, report);
      expect(r).toEqual({ lat: -33.8688, lon: 151.2093, accuracy: 250, status: 0xc0, timestampMs: t, confidence: 7 });
    }
  });

  it('rejects a changed ciphertext, tag or ephemeral key, and a wrong private key', () => {
    const report = encryptReport(key.advertisedKey, { lat: 1, lon: 2, accuracy: 3, status: 0 }, t);
    for (const index of [62, 71, 72, 87, 6, 40, 61]) {
      const bad = report.slice();
      bad[index] ^= 0x01;
      expect(() => decryptReport(key.privateKey, bad), `byte ${index}`).toThrow(ReportAuthError);
    }
    // a valid but different ephemeral point
    const swapped = report.slice();
    swapped.set(P224.BASE.multiply(12345n).toBytes(false), 5);
    expect(() => decryptReport(key.privateKey, swapped)).toThrow(ReportAuthError);
    const other = derivePeriodKey(master, 4);
    expect(() => decryptReport(other.privateKey, report)).toThrow(ReportAuthError);
  });

  it('gives a clear error for a truncated or overlong report', () => {
    const report = encryptReport(key.advertisedKey, { lat: 1, lon: 2, accuracy: 3, status: 0 }, t);
    expect(() => decryptReport(key.privateKey, report.subarray(0, 87))).toThrow(ReportFormatError);
    expect(() => decryptReport(key.privateKey, report.subarray(0, 87))).toThrow(/88 bytes, got 87/);
    expect(() => decryptReport(key.privateKey, new Uint8Array(89))).toThrow(/88 bytes, got 89/);
  });

  it('does NOT authenticate timestamp and confidence (as in the real network)', () => {
    const report = encryptReport(key.advertisedKey, { lat: 10, lon: 20, accuracy: 5, status: 0 }, t, 1);
    const changed = report.slice();
    Buffer.from(changed.buffer).writeUInt32BE(123456, 0);
    changed[4] = 99;
    const r = decryptReport(key.privateKey, changed);
    expect([r.lat, r.lon]).toEqual([10, 20]);
    expect(r.timestampMs).toBe((APPLE_EPOCH_S + 123456) * 1000);
    expect(r.confidence).toBe(99);
  });

  it('round-trips random and extreme locations exactly to 1e-7 degrees', () => {
    const cases = [
      [90, 180], [-90, -180], [90, -180], [-90, 180], [0, 0], [-0.0000001, 179.9999999], [0.0000001, -179.9999999],
      ...Array.from({ length: 20 }, () => [Math.round((Math.random() * 180 - 90) * 1e7) / 1e7, Math.round((Math.random() * 360 - 180) * 1e7) / 1e7]),
    ];
    for (const [lat, lon] of cases) {
      const r = decryptReport(key.privateKey, encryptReport(key.advertisedKey, { lat, lon, accuracy: 999, status: 3 }, t));
      expect(Math.abs(r.lat - lat)).toBeLessThan(1e-9);
      expect(Math.abs(r.lon - lon)).toBeLessThan(1e-9);
      expect(r.accuracy).toBe(255); // saturating uint8
    }
    expect(() => encryptReport(key.advertisedKey, { lat: 90.1, lon: 0, accuracy: 1, status: 0 }, t)).toThrow(/latitude/);
    expect(() => encryptReport(key.advertisedKey, { lat: 0, lon: -180.5, accuracy: 1, status: 0 }, t)).toThrow(/longitude/);
  });
});

describe('AES-GCM backends and the batch path vs OpenSSL', () => {
  const master = generateMasterKey();
  const keys = [5, 6, 7].map((p) => derivePeriodKey(master, p));
  const t = Date.UTC(2024, 4, 1, 12, 0, 0);
  const withBackend = <T>(which: AeadBackend, run: () => T): T => {
    const before = aeadBackend();
    setAeadBackend(which);
    try {
      return run();
    } finally {
      setAeadBackend(before);
    }
  };

  it('node:crypto is the default backend in Node, noble the fallback', () => {
    expect(availableAeadBackends).toEqual(['native', 'noble']);
    expect(aeadBackend()).toBe('native');
  });

  it('both backends seal byte-identical reports for the same ephemeral key', () => {
    const plain = plaintextOf(12.5, -7.25, 30, 0x80);
    const point = liftX(keys[0].advertisedKey);
    const e = (big(randomBytes(36)) % (N - 1n)) + 1n;
    const [a, b] = (['native', 'noble'] as const).map((which) =>
      withBackend(which, () => {
        const out = new Uint8Array(88);
        sealInto(point, plain, 0, out, 0, e);
        return hex(out);
      }),
    );
    expect(a).toBe(b);
  });

  for (const which of ['native', 'noble'] as const) {
    it(`${which}: reports decrypt with OpenSSL, OpenSSL's reports decrypt here, tampering is caught`, () => {
      withBackend(which, () => {
        const loc = { lat: 48.8583701, lon: 2.2944813, accuracy: 12, status: 0x40 };
        const report = encryptReport(keys[0].advertisedKey, loc, t, 3);
        expect(opensslDecrypt(big(keys[0].privateKey), report).toString('hex')).toBe(plaintextOf(loc.lat, loc.lon, loc.accuracy, loc.status).toString('hex'));
        const theirs = opensslEncrypt(keys[0].advertisedKey, plaintextOf(-1.5, 3.25, 9, 0), t / 1000 - APPLE_EPOCH_S, 1);
        expect(decryptReport(keys[0].privateKey, theirs)).toEqual({ lat: -1.5, lon: 3.25, accuracy: 9, status: 0, timestampMs: t, confidence: 1 });
        for (const index of [62, 75, 87, 30]) {
          const bad = report.slice();
          bad[index] ^= 0x80;
          expect(() => decryptReport(keys[0].privateKey, bad), `byte ${index}`).toThrow(ReportAuthError);
        }
        expect(() => decryptReport(keys[1].privateKey, report)).toThrow(ReportAuthError);
      });
    });
  }

  it('batches (several chunks, runs of a key with an eager table, one-off keys) decrypt with OpenSSL and here', () => {
    // 3 runs of 40 (tables built before the first use), then single uses: crosses SEAL_CHUNK boundaries
    const order = [...Array(40).fill(0), ...Array(40).fill(1), 2, 0, ...Array(40).fill(2), 1];
    const requests = order.map((k, i) => ({ advertisedKey: keys[k].advertisedKey, location: { lat: i / 10, lon: -i / 7, accuracy: i, status: i % 256 }, timestampMs: t + i * 1000, confidence: i % 3 }));
    const cache = new FinderKeyCache();
    const reports = encryptBatch(packEncryptRequests(requests), 'real', cache);
    expect(cache.lifts).toBe(3);
    expect(cache.tables).toBe(3);
    for (let i = 0; i < order.length; i++) {
      const report = reports.subarray(i * 88, i * 88 + 88);
      const loc = requests[i].location;
      expect(opensslDecrypt(big(keys[order[i]].privateKey), report).toString('hex'), `report ${i}`).toBe(plaintextOf(loc.lat, loc.lon, loc.accuracy, loc.status).toString('hex'));
    }
    // ... and the batch decryption (chunked, one inversion per chunk) agrees, flagging the bad ones
    const items = order.map((k, i) => ({ privateKey: keys[k].privateKey, report: reports.slice(i * 88, i * 88 + 88) }));
    items[33].report[70] ^= 1;
    items[34].report[20] ^= 1; // ephemeral key off the curve
    items[90].privateKey = keys[0].privateKey;
    items[91].report[87] ^= 0xff; // last tag byte
    items[92].privateKey = new Uint8Array(28); // d = 0: not a private key
    const out = decryptBatch(packDecryptRequests(items));
    for (let i = 0; i < order.length; i++) {
      const expected = [33, 34, 90, 91].includes(i) ? 1 : i === 92 ? 2 : 0;
      expect(out[i * 11], `result ${i}`).toBe(expected);
      if (expected === 0) {
        const loc = requests[i].location;
        expect(hex(out.subarray(i * 11 + 1, i * 11 + 11))).toBe(plaintextOf(loc.lat, loc.lon, loc.accuracy, loc.status).toString('hex'));
      }
    }
  });
});
