/**
 * Protocol throughput, measured (never targets): report encryptions/s on one core with and
 * without per-key table reuse (with Node's native AES-GCM, and with @noble/ciphers as browsers
 * run it), decryptions/s on one core, and the piscina pool's total rate.
 */
import { randomBytes } from '@noble/hashes/utils.js';
import type { Bench, BenchRow } from './types.ts';
import { FinderKeyCache } from '../src/protocol/finder-key-cache.ts';
import { decryptBatch, encryptBatch, packDecryptRequests, packEncryptRequests, type EncryptRequest } from '../src/protocol/batch.ts';
import { P224, P224_N, bigintFromBytes, bytesFromScalar } from '../src/protocol/p224.ts';
import { createNodeCryptoPool } from '../src/protocol/node-crypto-pool.ts';
import { aeadBackend, setAeadBackend } from '../src/protocol/aead.ts';

interface KeyPair {
  privateKey: Uint8Array;
  advertisedKey: Uint8Array;
}

function randomKeys(count: number): KeyPair[] {
  return Array.from({ length: count }, () => {
    const d = (bigintFromBytes(randomBytes(36)) % (P224_N - 1n)) + 1n;
    return { privateKey: bytesFromScalar(d), advertisedKey: bytesFromScalar(P224.BASE.multiplyUnsafe(d).toAffine().x) };
  });
}

/** `perKey` finders report each key, requests grouped by key (as a sim tick would batch them). */
function requestsFor(keys: KeyPair[], perKey: number): Uint8Array {
  const t = Date.UTC(2024, 0, 1);
  const reqs: EncryptRequest[] = [];
  for (const k of keys) for (let j = 0; j < perKey; j++) reqs.push({ advertisedKey: k.advertisedKey, location: { lat: 48.85 + j * 1e-4, lon: 2.35, accuracy: 10, status: 0 }, timestampMs: t + j * 1000 });
  return packEncryptRequests(reqs);
}

function decryptRequestsFor(keys: KeyPair[], perKey: number, reports: Uint8Array) {
  return packDecryptRequests(keys.flatMap((k, i) => Array.from({ length: perKey }, (_, j) => ({ privateKey: k.privateKey, report: reports.subarray((i * perKey + j) * 88, (i * perKey + j + 1) * 88) }))));
}

/** Wall-clock rate; `cpuNote` adds the rate by this process's CPU time (steadier on a loaded machine). */
function rate(count: number, run: () => void): number {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  run();
  const cpu = process.cpuUsage(cpu0);
  lastCpuRate = count / ((cpu.user + cpu.system) / 1e6);
  return count / ((performance.now() - start) / 1000);
}
let lastCpuRate = 0;
const cpuNote = () => `; by CPU time ${Math.round(lastCpuRate).toLocaleString('en-US')}/s`;

export const protocolBench: Bench = async () => {
  const rows: BenchRow[] = [];
  encryptBatch(requestsFor(randomKeys(2), 10), 'real', new FinderKeyCache()); // warm up the JIT and the base table

  const reuseKeys = randomKeys(40);
  const reuse = requestsFor(reuseKeys, 50);
  let reports: Uint8Array = new Uint8Array(0);
  const encReuse = rate(2000, () => (reports = encryptBatch(reuse, 'real', new FinderKeyCache())));
  rows.push({ name: 'report encryptions/s, 1 core, per-key tables, 50 finders per key', value: Math.round(encReuse), unit: 'reports/s', note: '2,000 reports over 40 keys; includes lifting x and building each key table' + cpuNote() });

  const backend = aeadBackend();
  setAeadBackend('noble');
  const encNoble = rate(2000, () => encryptBatch(reuse, 'real', new FinderKeyCache()));
  setAeadBackend(backend);
  rows.push({ name: 'report encryptions/s, 1 core, per-key tables, 50 finders per key, noble AES-GCM', value: Math.round(encNoble), unit: 'reports/s', note: `as above with @noble/ciphers (the browser path; default here: ${backend})` + cpuNote() });

  const oneOff = requestsFor(randomKeys(400), 1);
  const encNoReuse = rate(400, () => encryptBatch(oneOff, 'real', new FinderKeyCache()));
  rows.push({ name: 'report encryptions/s, 1 core, no key reuse', value: Math.round(encNoReuse), unit: 'reports/s', note: '400 distinct keys, one report each' + cpuNote() });

  const decReq = decryptRequestsFor(reuseKeys.slice(0, 16), 50, reports);
  let out: Uint8Array = new Uint8Array(0);
  const dec = rate(800, () => (out = decryptBatch(decReq, 'real')));
  if (out.some((_, i) => i % 11 === 0 && out[i] !== 0)) throw new Error('bench: a report failed to decrypt');
  rows.push({ name: 'report decryptions/s, 1 core', value: Math.round(dec), unit: 'reports/s', note: '800 reports' + cpuNote() });
  setAeadBackend('noble');
  const decNoble = rate(800, () => decryptBatch(decReq, 'real'));
  setAeadBackend(backend);
  rows.push({ name: 'report decryptions/s, 1 core, noble AES-GCM', value: Math.round(decNoble), unit: 'reports/s', note: '800 reports, the browser path' + cpuNote() });

  const modeled = rate(20000, () => encryptBatch(requestsFor(reuseKeys, 500), 'modeled'));
  rows.push({ name: 'modeled-mode report encryptions/s, 1 core', value: Math.round(modeled), unit: 'reports/s', note: 'no crypto maths; includes packing 20,000 requests' });

  const pool = createNodeCryptoPool({ threads: 2 });
  try {
    await pool.encrypt(requestsFor(randomKeys(2), 10)); // start the threads and their base tables
    await pool.decrypt(decryptRequestsFor(reuseKeys.slice(0, 1), 4, reports));
    const poolKeys = randomKeys(80);
    const poolReq = requestsFor(poolKeys, 50);
    let t0 = performance.now();
    const poolReports = await pool.encrypt(poolReq);
    rows.push({ name: 'report encryptions/s, piscina pool, 2 threads', value: Math.round(4000 / ((performance.now() - t0) / 1000)), unit: 'reports/s', note: '4,000 reports over 80 keys, 50 per key, one batch' });
    const poolDec = decryptRequestsFor(poolKeys.slice(0, 32), 50, poolReports);
    t0 = performance.now();
    await pool.decrypt(poolDec);
    rows.push({ name: 'report decryptions/s, piscina pool, 2 threads', value: Math.round(1600 / ((performance.now() - t0) / 1000)), unit: 'reports/s', note: '1,600 reports, one batch' });
  } finally {
    await pool.close();
  }
  return rows;
};
