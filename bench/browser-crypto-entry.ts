/**
 * Bundled for Chromium by browser-crypto.bench.ts: the protocol's batch encryption and
 * decryption, timed on the page's main thread (one core), as the app's crypto workers run it.
 */
import { randomBytes } from '@noble/hashes/utils.js';
import { FinderKeyCache } from '../src/protocol/finder-key-cache.ts';
import { decryptBatch, encryptBatch, packDecryptRequests, packEncryptRequests, type EncryptRequest } from '../src/protocol/batch.ts';
import { P224, P224_N, bigintFromBytes, bytesFromScalar } from '../src/protocol/p224.ts';
import { aeadBackend } from '../src/protocol/aead.ts';

function keys(count: number) {
  return Array.from({ length: count }, () => {
    const d = (bigintFromBytes(randomBytes(36)) % (P224_N - 1n)) + 1n;
    return { privateKey: bytesFromScalar(d), advertisedKey: bytesFromScalar(P224.BASE.multiplyUnsafe(d).toAffine().x) };
  });
}

function requests(ks: ReturnType<typeof keys>, perKey: number): Uint8Array {
  const reqs: EncryptRequest[] = [];
  for (const k of ks) for (let j = 0; j < perKey; j++) reqs.push({ advertisedKey: k.advertisedKey, location: { lat: 43.73 + j * 1e-4, lon: 7.42, accuracy: 8, status: 0 }, timestampMs: Date.UTC(2026, 5, 1) + j * 1000 });
  return packEncryptRequests(reqs);
}

(globalThis as unknown as { runCryptoBench: () => unknown }).runCryptoBench = () => {
  encryptBatch(requests(keys(2), 10), 'real', new FinderKeyCache()); // warm up the JIT and the generator table
  const ks = keys(40);
  const batch = requests(ks, 50);
  let t0 = performance.now();
  const reports = encryptBatch(batch, 'real', new FinderKeyCache());
  const encPerS = 2000 / ((performance.now() - t0) / 1000);
  const dec = packDecryptRequests(ks.slice(0, 20).flatMap((k, i) => Array.from({ length: 50 }, (_, j) => ({ privateKey: k.privateKey, report: reports.subarray((i * 50 + j) * 88, (i * 50 + j + 1) * 88) }))));
  t0 = performance.now();
  const out = decryptBatch(dec, 'real');
  const decPerS = 1000 / ((performance.now() - t0) / 1000);
  let ok = 0;
  for (let i = 0; i < 1000; i++) if (out[i * 11] === 0) ok++;
  return { encPerS, decPerS, ok, aead: aeadBackend(), userAgent: navigator.userAgent };
};
