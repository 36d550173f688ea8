/** Beacon, key schedule, server, owner, batch API, pools and the modeled crypto mode. */
import { afterAll, describe, expect, it } from 'vitest';
import {
  DAY_MS,
  InThreadCryptoPool,
  Owner,
  ReportServer,
  buildAdvertisement,
  decryptBatch,
  decryptReport,
  derivePeriodKey,
  encryptBatch,
  encryptReport,
  generateMasterKey,
  isModeledReport,
  liveKeyAt,
  packDecryptRequests,
  packEncryptRequests,
  parseAdvertisement,
  periodAt,
  periodsLiveBetween,
  unpackDecryptResults,
  type KeySchedule,
} from '../../src/protocol/index.ts';
import { createNodeCryptoPool } from '../../src/protocol/node-crypto-pool.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('beacon advertisement', () => {
  it('builds the OpenHaystack layout and a finder rebuilds the exact key', () => {
    for (let i = 0; i < 20; i++) {
      const key = derivePeriodKey(generateMasterKey(), 1 + i).advertisedKey;
      const { address, payload } = buildAdvertisement(key, 'low', 0x5a);
      expect(payload.length).toBe(31);
      expect([...payload.subarray(0, 6)]).toEqual([0x1e, 0xff, 0x4c, 0x00, 0x12, 0x19]);
      expect(payload[6] >> 6).toBe(2); // battery 'low' in bits 6-7
      expect([...payload.subarray(7, 29)]).toEqual([...key.subarray(6)]);
      expect(payload[29]).toBe(key[0] >> 6);
      expect(payload[30]).toBe(0x5a);
      expect(address[0] & 0xc0).toBe(0xc0);
      expect([...address.subarray(1)]).toEqual([...key.subarray(1, 6)]);
      const parsed = parseAdvertisement(address, payload);
      expect([...parsed.advertisedKey]).toEqual([...key]);
      expect(parsed.battery).toBe('low');
    }
  });

  it('rejects foreign advertisements', () => {
    const { address, payload } = buildAdvertisement(new Uint8Array(28).fill(7));
    payload[2] = 0x4d;
    expect(() => parseAdvertisement(address, payload)).toThrow(/not an Apple/);
  });
});

describe('key schedule', () => {
  const schedule: KeySchedule = { epochMs: Date.UTC(2024, 0, 1, 0, 0), dailyChangeOffsetMs: 4 * HOUR };
  const t0 = schedule.epochMs;

  it('rotates every 15 minutes near the owner, starting at period 1', () => {
    expect(periodAt(schedule, t0)).toBe(1);
    expect(periodAt(schedule, t0 + 15 * MIN - 1)).toBe(1);
    expect(periodAt(schedule, t0 + 15 * MIN)).toBe(2);
    expect(liveKeyAt(schedule, t0 + 10 * HOUR, null)).toEqual({ period: 41, mode: 'near-owner', untilMs: t0 + 10 * HOUR + 15 * MIN });
  });

  it('keeps the 15-minute key for 30 min after separation, then one key until the daily change', () => {
    const sep = t0 + 10 * HOUR; // 10:00
    expect(liveKeyAt(schedule, sep + 29 * MIN, sep).mode).toBe('near-owner');
    const frozen = liveKeyAt(schedule, sep + 30 * MIN, sep);
    expect(frozen).toMatchObject({ mode: 'separated', period: periodAt(schedule, sep + 30 * MIN), untilMs: t0 + DAY_MS + 4 * HOUR });
    // still the same key 12 hours later, before 04:00 next day
    expect(liveKeyAt(schedule, sep + 12 * HOUR, sep).period).toBe(frozen.period);
    // after 04:00 the next day: the key of the period starting at 04:00
    const next = liveKeyAt(schedule, t0 + DAY_MS + 5 * HOUR, sep);
    expect(next.period).toBe(periodAt(schedule, t0 + DAY_MS + 4 * HOUR));
    expect(next.period).not.toBe(frozen.period);
  });

  it('lists the periods live in a window (exact when separation is known, 24 h wider when not)', () => {
    const sep = t0 + 10 * HOUR;
    const live = periodsLiveBetween(schedule, sep, t0 + DAY_MS + 5 * HOUR, sep);
    expect(live).toEqual([41, 42, 43, periodAt(schedule, t0 + DAY_MS + 4 * HOUR)]);
    const near = periodsLiveBetween(schedule, t0 + HOUR, t0 + 2 * HOUR, null);
    expect(near).toEqual([5, 6, 7, 8, 9]);
    const unknown = periodsLiveBetween(schedule, t0 + 2 * DAY_MS, t0 + 2 * DAY_MS + HOUR);
    expect(unknown[0]).toBe(periodAt(schedule, t0 + DAY_MS));
    expect(unknown.length).toBe(96 + 5);
  });
});

describe('report server', () => {
  it('stores under hashed ids, answers time ranges, evicts after 7 days and counts', () => {
    const server = new ReportServer();
    const key = derivePeriodKey(generateMasterKey(), 1);
    const t = Date.UTC(2024, 0, 1);
    const r1 = encryptReport(key.advertisedKey, { lat: 1, lon: 1, accuracy: 1, status: 0 }, t);
    const r2 = encryptReport(key.advertisedKey, { lat: 2, lon: 2, accuracy: 1, status: 0 }, t + HOUR);
    server.upload(key.hashedId, r1, t + 20 * MIN);
    server.upload(key.hashedId, r2, t + HOUR + 20 * MIN);
    expect(server.reportCount).toBe(2);
    expect(server.storedBytes).toBe(176);
    expect(server.query({ hashedIds: [key.hashedId, 'nobody'], fromMs: t + 30 * MIN, toMs: t + 2 * HOUR }).get(key.hashedId)?.length).toBe(1);
    expect(server.query({ hashedIds: [key.hashedId], fromMs: t, toMs: t + 2 * HOUR }).get(key.hashedId)?.length).toBe(2);
    expect(server.evictExpired(t + 7 * DAY_MS + 30 * MIN)).toBe(1);
    expect(server.reportCount).toBe(1);
    server.upload(key.hashedId, r1, t + 8 * DAY_MS);
    expect(server.reportCount).toBe(1);
    expect(server.idCount).toBe(1);
    expect(() => server.upload(key.hashedId, r1, t)).toThrow(/backwards/);
  });

  it('holds no plaintext coordinates, private keys or advertised keys (full dump searched)', () => {
    const server = new ReportServer();
    const master = generateMasterKey();
    const t = Date.UTC(2024, 0, 1);
    const needles: Buffer[] = [];
    for (let i = 0; i < 30; i++) {
      const key = derivePeriodKey(master, 1 + (i % 3));
      const lat = 40 + i * 0.0123457;
      const lon = -70 - i * 0.0765432;
      server.upload(key.hashedId, encryptReport(key.advertisedKey, { lat, lon, accuracy: 10, status: 0 }, t + i * MIN), t + i * MIN);
      const latB = Buffer.alloc(4);
      latB.writeInt32BE(Math.round(lat * 1e7));
      const lonB = Buffer.alloc(4);
      lonB.writeInt32BE(Math.round(lon * 1e7));
      needles.push(latB, lonB, Buffer.from(key.privateKey), Buffer.from(key.advertisedKey), Buffer.from(master.secret));
    }
    const dump = Buffer.from(server.dump());
    expect(dump.length).toBeGreaterThan(30 * 88);
    for (const n of needles) expect(dump.indexOf(n)).toBe(-1);
    // the search itself works: a modeled (clear) report's coordinates ARE found
    const modeled = new ReportServer();
    const batch = packEncryptRequests([{ advertisedKey: derivePeriodKey(master, 1).advertisedKey, location: { lat: 40, lon: -70, accuracy: 1, status: 0 }, timestampMs: t }]);
    modeled.upload('x', encryptBatch(batch, 'modeled'), t);
    expect(Buffer.from(modeled.dump()).indexOf(needles[0])).toBeGreaterThan(0);
  });
});

describe('owner', () => {
  const schedule: KeySchedule = { epochMs: Date.UTC(2024, 0, 1) };
  const master = generateMasterKey();

  function populate(server: ReportServer, hours: number, perPeriod: number) {
    const owner = new Owner(master, schedule);
    let uploaded = 0;
    for (let m = 0; m < hours * 60; m += 15) {
      const t = schedule.epochMs + m * MIN;
      const key = owner.keys.keyAt(periodAt(schedule, t));
      for (let j = 0; j < perPeriod; j++) {
        server.upload(key.hashedId, encryptReport(key.advertisedKey, { lat: m / 100, lon: j, accuracy: 5, status: 0 }, t + j * MIN), t + 20 * MIN + j);
        uploaded++;
      }
    }
    return uploaded;
  }

  it('derives, queries and decrypts its reports; counts and drops tampered ones', async () => {
    const server = new ReportServer();
    const uploaded = populate(server, 2, 2);
    // a tampered report for period 2
    const owner = new Owner(master, schedule);
    const k2 = owner.keys.keyAt(2);
    const bad = encryptReport(k2.advertisedKey, { lat: 9, lon: 9, accuracy: 5, status: 0 }, schedule.epochMs + 16 * MIN);
    bad[70] ^= 0xff;
    server.upload(k2.hashedId, bad, schedule.epochMs + 3 * HOUR);
    const garbage = new Uint8Array(88);
    garbage.set(bad.subarray(0, 5)); // a valid timestamp, zeros elsewhere
    server.upload(k2.hashedId, garbage, schedule.epochMs + 3 * HOUR);
    const res = await owner.fetchLocations(server, schedule.epochMs, schedule.epochMs + 2 * HOUR, { separatedSinceMs: null });
    expect(res.fetched).toBe(uploaded + 2);
    expect(res.locations.length).toBe(uploaded);
    expect(res.authFailures).toBe(2);
    expect(res.locations[0]).toMatchObject({ lat: 0, lon: 0, period: 1 });
    expect(res.locations.every((l, i, a) => i === 0 || a[i - 1].timestampMs <= l.timestampMs)).toBe(true);
  });

  it('decrypts only the newest N per key when asked', async () => {
    const server = new ReportServer();
    populate(server, 1, 3);
    const owner = new Owner(master, schedule);
    const res = await owner.fetchLocations(server, schedule.epochMs, schedule.epochMs + HOUR, { newestPerKey: 1, separatedSinceMs: null });
    expect(res.fetched).toBe(12);
    expect(res.decrypted).toBe(4);
    expect(res.locations.map((l) => l.lon)).toEqual([2, 2, 2, 2]);
  });
});

describe('batch API and pools', () => {
  const master = generateMasterKey();
  const keys = [1, 2, 3].map((p) => derivePeriodKey(master, p));
  const t = Date.UTC(2024, 0, 1);
  const requests = Array.from({ length: 30 }, (_, i) => ({
    advertisedKey: keys[Math.floor(i / 10)].advertisedKey,
    location: { lat: i - 15, lon: 100 - i, accuracy: i, status: 0x40 },
    timestampMs: t + i * 1000,
    confidence: i % 4,
  }));
  const expectDecrypts = (reports: Uint8Array) => {
    for (let i = 0; i < requests.length; i++) {
      const r = decryptReport(keys[Math.floor(i / 10)].privateKey, reports.subarray(i * 88, i * 88 + 88));
      expect(r).toEqual({ ...requests[i].location, timestampMs: requests[i].timestampMs, confidence: requests[i].confidence });
    }
  };

  it('encrypts and decrypts batches in order, flagging bad reports without throwing', () => {
    const reports = encryptBatch(packEncryptRequests(requests));
    expect(reports.length).toBe(30 * 88);
    expectDecrypts(reports);
    const items = Array.from({ length: 30 }, (_, i) => ({ privateKey: keys[Math.floor(i / 10)].privateKey, report: reports.slice(i * 88, i * 88 + 88) }));
    items[4].report[80] ^= 1;
    items[5].privateKey = keys[2].privateKey;
    const packed = packDecryptRequests(items);
    const out = unpackDecryptResults(packed, decryptBatch(packed));
    expect(out.filter((o) => !o.ok).length).toBe(2);
    expect(out[4]).toEqual({ ok: false, reason: 'auth' });
    expect(out[6]).toEqual({ ok: true, report: { ...requests[6].location, timestampMs: requests[6].timestampMs, confidence: requests[6].confidence } });
  });

  it('modeled mode: same size and header, flagged, plaintext in clear, never mistaken for real', async () => {
    const pool = new InThreadCryptoPool('modeled');
    const reports = await pool.encrypt(requests);
    expect(reports.length).toBe(30 * 88);
    const one = reports.subarray(0, 88);
    expect(isModeledReport(one)).toBe(true);
    expect(one[5]).toBe(0x00);
    expect(() => decryptReport(keys[0].privateKey, one)).toThrow(/modeled/);
    const packed = packDecryptRequests(requests.map((_, i) => ({ privateKey: keys[0].privateKey, report: reports.slice(i * 88, i * 88 + 88) })));
    const out = unpackDecryptResults(packed, await pool.decrypt(packed));
    expect(out[7]).toEqual({ ok: true, report: { ...requests[7].location, timestampMs: requests[7].timestampMs, confidence: requests[7].confidence } });
    // modeled decryption refuses a real report
    const real = encryptBatch(packEncryptRequests(requests.slice(0, 1)));
    expect(isModeledReport(real)).toBe(false);
    expect(decryptBatch(packDecryptRequests([{ privateKey: keys[0].privateKey, report: real }]), 'modeled')[0]).toBe(2);
  });

  const nodePool = createNodeCryptoPool({ threads: 2 });
  afterAll(() => nodePool.close());

  it('the piscina pool gives the same results as the in-thread pool', async () => {
    const reports = await nodePool.encrypt(requests);
    expectDecrypts(reports);
    const items = requests.map((_, i) => ({ privateKey: keys[Math.floor(i / 10)].privateKey, report: reports.slice(i * 88, i * 88 + 88) }));
    const a = await nodePool.decrypt(items);
    const b = await new InThreadCryptoPool().decrypt(items);
    expect([...a]).toEqual([...b]);
    expect(a.every((_, i) => i % 11 !== 0 || a[i] === 0)).toBe(true);
  });
});
