/** `crowdfind keys|report` spawned as a user would run it: JSON out, exit 0; bad input: one line, exit 2. */
import { spawnSync } from 'node:child_process';
import { createECDH, createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function crowdfind(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/crowdfind.mjs', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectUserError(args: string[], pattern: RegExp) {
  const r = crowdfind(...args);
  expect(r.code, `${args.join(' ')} -> ${r.stderr}`).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines.length, r.stderr).toBe(1);
  expect(lines[0]).toMatch(/^crowdfind: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\bat .*\(|node:internal|\.ts:\d+/);
}

describe('crowdfind keys / report', () => {
  const fresh = crowdfind('keys', 'new');
  const master = JSON.parse(fresh.stdout) as { masterPrivate: string; masterPublic: string; secret: string };
  const derived = crowdfind('keys', 'derive', '--master-private', master.masterPrivate, '--secret', master.secret, '--period', '5');
  const key = JSON.parse(derived.stdout) as { period: number; privateKey: string; advertisedKey: string; hashedId: string };

  it('keys new and keys derive print consistent base64 JSON', () => {
    expect(fresh.code).toBe(0);
    expect(Buffer.from(master.masterPrivate, 'base64').length).toBe(28);
    expect(Buffer.from(master.secret, 'base64').length).toBe(32);
    expect(derived.code).toBe(0);
    expect(key.period).toBe(5);
    // advertised key = x(d_i * G) per OpenSSL, hashed id = base64(sha256(advertised))
    const ecdh = createECDH('secp224r1');
    ecdh.setPrivateKey(Buffer.from(key.privateKey, 'base64'));
    expect(ecdh.getPublicKey().subarray(1, 29).toString('base64')).toBe(key.advertisedKey);
    expect(createHash('sha256').update(Buffer.from(key.advertisedKey, 'base64')).digest('base64')).toBe(key.hashedId);
  });

  it('report encrypt then decrypt round-trips (negative coordinates typed naturally)', () => {
    const enc = crowdfind('report', 'encrypt', '--key', key.advertisedKey, '--lat', '-33.8688', '--lon', '-70.5', '--accuracy', '12', '--time', '2024-05-01T12:00:00Z', '--confidence', '2', '--status', '64');
    expect(enc.code, enc.stderr).toBe(0);
    const report = enc.stdout.trim();
    expect(Buffer.from(report, 'base64').length).toBe(88);
    const dec = crowdfind('report', 'decrypt', '--private-key', key.privateKey, report);
    expect(dec.code, dec.stderr).toBe(0);
    expect(JSON.parse(dec.stdout)).toEqual({ lat: -33.8688, lon: -70.5, accuracy: 12, status: 64, confidence: 2, timestamp: '2024-05-01T12:00:00.000Z' });
  });

  it('--help prints usage with exit 0', () => {
    for (const args of [['keys', '--help'], ['keys', 'derive', '--help'], ['report', 'encrypt', '--help'], ['report', 'decrypt', '--help']]) {
      const r = crowdfind(...args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage:/);
    }
  });

  it('bad input exits 2 with one clear line and no stack trace', () => {
    const report = crowdfind('report', 'encrypt', '--key', key.advertisedKey, '--lat', '1', '--lon', '2', '--accuracy', '3', '--time', '2024-01-01T00:00:00Z').stdout.trim();
    const tampered = Buffer.from(report, 'base64');
    tampered[70] ^= 1;
    const notOnCurve = Buffer.alloc(28, 0).toString('base64'); // x = 0: y^2 = b is not a square on P-224
    expectUserError(['keys', 'derive', '--master-private', 'AAAA', '--secret', master.secret, '--period', '1'], /--master-private must be 28 bytes/);
    expectUserError(['keys', 'derive', '--master-private', '!!notbase64!!', '--secret', master.secret, '--period', '1'], /not valid base64/);
    expectUserError(['keys', 'derive', '--master-private', master.masterPrivate, '--secret', master.secret, '--period', '0'], /--period/);
    expectUserError(['keys', 'derive', '--master-private', master.masterPrivate, '--secret', master.secret], /missing --period/);
    expectUserError(['keys', 'derive', '--bogus'], /Unknown option/);
    expectUserError(['report', 'encrypt', '--key', notOnCurve, '--lat', '1', '--lon', '2', '--accuracy', '3', '--time', '2024-01-01T00:00:00Z'], /not the x coordinate of a P-224 point/);
    expectUserError(['report', 'encrypt', '--key', key.advertisedKey, '--lat', '91', '--lon', '2', '--accuracy', '3', '--time', '2024-01-01T00:00:00Z'], /--lat must be within -90..90/);
    expectUserError(['report', 'encrypt', '--key', key.advertisedKey, '--lat', '1', '--lon', '2', '--accuracy', '3', '--time', 'yesterday'], /--time must be an ISO 8601 date/);
    expectUserError(['report', 'encrypt', '--key', key.advertisedKey, '--lat', '1', '--lon', '2', '--accuracy', '3', '--time', '2024-13-45T00:00:00Z'], /--time must be an ISO 8601 date/);
    expectUserError(['report', 'decrypt', '--private-key', key.privateKey, tampered.toString('base64')], /failed authentication/);
    expectUserError(['report', 'decrypt', '--private-key', key.privateKey, tampered.subarray(0, 80).toString('base64')], /report must be 88 bytes, got 80/);
    expectUserError(['report', 'decrypt', '--private-key', key.privateKey], /expected one base64 report/);
  });
});
