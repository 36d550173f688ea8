/**
 * Uploads: reports the finders have released are encrypted to the tag's advertised key
 * (through the crypto pool: real ECIES, or modeled bytes of the same size) and stored on
 * the report server under the key's hashed id. The server sees only hashed ids, times
 * and 88-byte blobs. Encryption is batched at the owner's fetch boundaries, where the
 * step loop awaits the pool, so results do not depend on which thread did the work.
 */
import { ENCRYPT_REQUEST_BYTES } from '../protocol/batch.ts';
import type { CryptoPool } from '../protocol/pool.ts';
import { REPORT_BYTES } from '../protocol/report.ts';
import { APPLE_EPOCH_MS } from '../protocol/location.ts';
import { ReportServer, type StoredReport } from '../protocol/server.ts';
import { unproject, type Projection } from '../world/projection.ts';
import type { ReportLog } from './report-log.ts';
import { SIM_EPOCH_MS, type TagKeys } from './tag-keys.ts';

/** the confidence byte finders put in the clear header (unauthenticated, as in the real network) */
const CONFIDENCE = 2;

export class UploadStage {
  readonly server = new ReportServer();
  /** which logged report each stored entry is (ground truth for metrics, never given to the owner) */
  readonly logIdOf = new Map<StoredReport, number>();
  reportsUploaded = 0;
  bytesUploaded = 0;

  constructor(
    private readonly keys: TagKeys,
    private readonly log: ReportLog,
    private readonly projection: Projection,
  ) {}

  /** Encrypts and stores the given uploaded reports (in upload-time order). */
  async store(ids: Int32Array, count: number, pool: CryptoPool): Promise<void> {
    if (count === 0) return;
    const log = this.log;
    // group requests by key (tag, period): the crypto threads build one precomputed table
    // per key and reuse it for the consecutive requests that share it
    const order = Array.from({ length: count }, (_, k) => k);
    order.sort((a, b) => log.tag[ids[a]] - log.tag[ids[b]] || log.period[ids[a]] - log.period[ids[b]] || a - b);
    const slotOf = new Int32Array(count);
    order.forEach((k, slot) => (slotOf[k] = slot));
    const packed = new Uint8Array(count * ENCRYPT_REQUEST_BYTES);
    const view = new DataView(packed.buffer);
    for (let k = 0; k < count; k++) {
      const id = ids[k];
      const o = slotOf[k] * ENCRYPT_REQUEST_BYTES;
      packed.set(this.keys.key(log.tag[id], log.period[id]).advertisedKey, o);
      const [lon, lat] = unproject(this.projection, log.fixX[id], log.fixY[id]);
      view.setInt32(o + 28, Math.round(Math.max(-90, Math.min(90, lat)) * 1e7), false);
      view.setInt32(o + 32, Math.round(lon * 1e7), false);
      packed[o + 36] = log.accuracy[id];
      packed[o + 37] = 0; // status byte: battery full
      view.setUint32(o + 38, Math.floor((SIM_EPOCH_MS + log.made[id] * 1000 - APPLE_EPOCH_MS) / 1000), false);
      packed[o + 42] = CONFIDENCE;
    }
    const reports = await pool.encrypt(packed);
    // the server receives them in upload-time order, as the finders sent them
    for (let k = 0; k < count; k++) {
      const id = ids[k];
      const hashedId = this.keys.key(log.tag[id], log.period[id]).hashedId;
      const slot = slotOf[k];
      const entry = this.server.upload(hashedId, reports.subarray(slot * REPORT_BYTES, (slot + 1) * REPORT_BYTES), SIM_EPOCH_MS + log.uploaded[id] * 1000);
      this.logIdOf.set(entry, id);
    }
    this.reportsUploaded += count;
    this.bytesUploaded += count * REPORT_BYTES;
  }

  /** forgets entries the server evicted (bounded memory over long runs) */
  forgetEvicted(nowMs: number): void {
    if (this.server.evictExpired(nowMs) === 0) return;
    const cutoff = nowMs - this.server.retentionMs;
    for (const e of this.logIdOf.keys()) if (e.uploadedMs < cutoff) this.logIdOf.delete(e);
  }
}
