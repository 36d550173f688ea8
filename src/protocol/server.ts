/**
 * The report server: stores opaque 88-byte reports under base64(SHA-256(advertised key)) and
 * answers an owner's query for many hashed ids and a time range. Like Apple's server it holds
 * no plaintext, no private key and no id -> tag mapping. Reports are kept `retentionMs`
 * (7 days) after upload and evicted by upload time, so memory is bounded by the upload rate
 * times the retention. Upload times must be non-decreasing (simulation time), which makes
 * eviction a pop from the front of one queue.
 */
import { REPORT_BYTES, readReportHeader } from './report.ts';

export const RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export interface StoredReport {
  hashedId: string;
  /** Unix ms at which the server received it */
  uploadedMs: number;
  /** the 88 bytes exactly as uploaded */
  report: Uint8Array;
  /** the report's own (finder) timestamp, read once from its clear header at upload */
  timestampMs: number;
}

export interface ReportQuery {
  hashedIds: readonly string[];
  /** inclusive range on the report's own (finder) timestamp, Unix ms */
  fromMs: number;
  toMs: number;
}

export class ReportServer {
  /** upload order; `head` skips evicted entries without shifting the array every time */
  private queue: StoredReport[] = [];
  private head = 0;
  private readonly byId = new Map<string, StoredReport[]>();
  private lastUploadMs = -Infinity;
  /** lifetime counters */
  uploads = 0;
  evictions = 0;

  constructor(readonly retentionMs = RETENTION_MS) {}

  /** Reports currently stored. */
  get reportCount(): number {
    return this.queue.length - this.head;
  }

  /** Bytes of report payload currently stored (88 per report). */
  get storedBytes(): number {
    return this.reportCount * REPORT_BYTES;
  }

  /** Hashed ids that currently have reports. */
  get idCount(): number {
    return this.byId.size;
  }

  /** Stores one report; returns the stored entry (its identity lets a simulator follow the report). */
  upload(hashedId: string, report: Uint8Array, uploadedMs: number): StoredReport {
    if (report.length !== REPORT_BYTES) throw new RangeError(`report must be ${REPORT_BYTES} bytes, got ${report.length}`);
    if (uploadedMs < this.lastUploadMs) throw new RangeError('upload times must not go backwards');
    this.lastUploadMs = uploadedMs;
    this.evictBefore(uploadedMs - this.retentionMs);
    const entry: StoredReport = { hashedId, uploadedMs, report: report.slice(), timestampMs: readReportHeader(report).timestampMs };
    this.queue.push(entry);
    const list = this.byId.get(hashedId);
    if (list) list.push(entry);
    else this.byId.set(hashedId, [entry]);
    this.uploads++;
    return entry;
  }

  /** Uploads the reports packed in `reports` (n * 88 bytes), all for one id. */
  uploadPacked(hashedId: string, reports: Uint8Array, uploadedMs: number): void {
    for (let o = 0; o + REPORT_BYTES <= reports.length; o += REPORT_BYTES) this.upload(hashedId, reports.subarray(o, o + REPORT_BYTES), uploadedMs);
  }

  /** Drops everything uploaded before `nowMs - retention`. Returns how many went. */
  evictExpired(nowMs: number): number {
    return this.evictBefore(nowMs - this.retentionMs);
  }

  private evictBefore(cutoffMs: number): number {
    let evicted = 0;
    while (this.head < this.queue.length && this.queue[this.head].uploadedMs < cutoffMs) {
      const entry = this.queue[this.head++];
      const list = this.byId.get(entry.hashedId)!;
      list.shift(); // per-id lists are in upload order too, so the oldest is first
      if (list.length === 0) this.byId.delete(entry.hashedId);
      evicted++;
    }
    // Compact once the dead prefix dominates, keeping eviction amortised O(1).
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.evictions += evicted;
    return evicted;
  }

  /** Reports for the given ids whose finder timestamp lies in [fromMs, toMs], per id, oldest upload first. */
  query(query: ReportQuery): Map<string, StoredReport[]> {
    const out = new Map<string, StoredReport[]>();
    for (const id of new Set(query.hashedIds)) {
      const list = this.byId.get(id);
      if (!list) continue;
      const hits = list.filter((e) => {
        const t = e.timestampMs;
        return t >= query.fromMs && t <= query.toMs;
      });
      if (hits.length) out.set(id, hits);
    }
    return out;
  }

  /**
   * Serialises everything the server holds (for audits and tests): per entry the hashed id
   * (UTF-8, length-prefixed), the upload time (float64) and the 88 report bytes.
   */
  dump(): Uint8Array {
    const encoder = new TextEncoder();
    const parts: Uint8Array[] = [];
    let total = 0;
    for (let i = this.head; i < this.queue.length; i++) {
      const e = this.queue[i];
      const id = encoder.encode(e.hashedId);
      const part = new Uint8Array(2 + id.length + 8 + REPORT_BYTES);
      const view = new DataView(part.buffer);
      view.setUint16(0, id.length, false);
      part.set(id, 2);
      view.setFloat64(2 + id.length, e.uploadedMs, false);
      part.set(e.report, 10 + id.length);
      parts.push(part);
      total += part.length;
    }
    const out = new Uint8Array(total);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}
