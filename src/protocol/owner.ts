/**
 * The owner's side: derive the keys that were live in a time window, query the server by their
 * hashed ids, decrypt. A report that fails authentication (or is malformed) is counted and
 * dropped, never thrown. Timestamps are in clear, so the owner can pick which reports to
 * decrypt (e.g. only the newest N per key) before paying for any ECDH.
 */
import { DECRYPT_AUTH_FAILED, DECRYPT_OK, DECRYPT_REQUEST_BYTES, DECRYPT_RESULT_BYTES } from './batch.ts';
import { KeyChain, type MasterBeaconKey, type PeriodKey } from './keys.ts';
import { readLocation } from './location.ts';
import { InThreadCryptoPool, type CryptoPool } from './pool.ts';
import { readReportHeader, type DecryptedReport } from './report.ts';
import { periodsLiveBetween, type KeySchedule } from './schedule.ts';
import type { ReportServer, StoredReport } from './server.ts';

export interface OwnerLocation extends DecryptedReport {
  period: number;
  uploadedMs: number;
}

export interface FetchOptions {
  /** when the tag was separated from its owner (null: never); undefined: unknown, query wider */
  separatedSinceMs?: number | null;
  /** decrypt only the newest N reports (by finder timestamp) of each key */
  newestPerKey?: number;
  /** or choose the reports to decrypt yourself (applied per key, after newestPerKey) */
  select?: (reports: StoredReport[], key: PeriodKey) => StoredReport[];
}

export interface FetchResult {
  /** decrypted, oldest finder timestamp first */
  locations: OwnerLocation[];
  /** reports the server returned */
  fetched: number;
  /** reports we tried to decrypt */
  decrypted: number;
  /** failed GCM authentication (altered report, or not for this key): counted and dropped */
  authFailures: number;
  /** not a report we can open (wrong length, wrong crypto mode): counted and dropped */
  malformed: number;
}

export class Owner {
  readonly keys: KeyChain;

  constructor(
    master: Pick<MasterBeaconKey, 'privateKey' | 'secret'>,
    readonly schedule: KeySchedule,
    private readonly pool: CryptoPool = new InThreadCryptoPool(),
  ) {
    this.keys = new KeyChain(master);
  }

  /** The period keys that may have been advertised in [fromMs, toMs]. */
  keysBetween(fromMs: number, toMs: number, separatedSinceMs?: number | null): PeriodKey[] {
    const periods = periodsLiveBetween(this.schedule, fromMs, toMs, separatedSinceMs);
    if (periods.length === 0) return [];
    const contiguous = periods[periods.length - 1] - periods[0] + 1 === periods.length;
    return contiguous ? this.keys.keysBetween(periods[0], periods[periods.length - 1]) : periods.map((p) => this.keys.keyAt(p));
  }

  async fetchLocations(server: ReportServer, fromMs: number, toMs: number, options: FetchOptions = {}): Promise<FetchResult> {
    const keys = this.keysBetween(fromMs, toMs, options.separatedSinceMs);
    const byId = new Map(keys.map((k) => [k.hashedId, k]));
    const answer = server.query({ hashedIds: [...byId.keys()], fromMs, toMs });

    const chosen: { key: PeriodKey; entry: StoredReport }[] = [];
    let fetched = 0;
    for (const [id, entries] of answer) {
      const key = byId.get(id)!;
      fetched += entries.length;
      let pick = entries;
      if (options.newestPerKey !== undefined) {
        pick = [...entries].sort((a, b) => finderTime(b) - finderTime(a)).slice(0, Math.max(0, options.newestPerKey));
      }
      if (options.select) pick = options.select(pick, key);
      for (const entry of pick) chosen.push({ key, entry });
    }

    const batch = new Uint8Array(chosen.length * DECRYPT_REQUEST_BYTES);
    chosen.forEach(({ key, entry }, i) => {
      batch.set(key.privateKey, i * DECRYPT_REQUEST_BYTES);
      batch.set(entry.report, i * DECRYPT_REQUEST_BYTES + 28);
    });
    const results = chosen.length ? await this.pool.decrypt(batch) : new Uint8Array(0);

    const locations: OwnerLocation[] = [];
    let authFailures = 0;
    let malformed = 0;
    chosen.forEach(({ key, entry }, i) => {
      const outcome = results[i * DECRYPT_RESULT_BYTES];
      if (outcome === DECRYPT_OK) {
        locations.push({ ...readLocation(results, i * DECRYPT_RESULT_BYTES + 1), ...readReportHeader(entry.report), period: key.period, uploadedMs: entry.uploadedMs });
      } else if (outcome === DECRYPT_AUTH_FAILED) authFailures++;
      else malformed++;
    });
    locations.sort((a, b) => a.timestampMs - b.timestampMs);
    return { locations, fetched, decrypted: chosen.length, authFailures, malformed };
  }
}

function finderTime(entry: StoredReport): number {
  return readReportHeader(entry.report).timestampMs;
}
