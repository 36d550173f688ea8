/**
 * Finder-side cache of advertised keys lifted to curve points, with per-key precomputed tables.
 *
 * Many finders encrypt to the same advertised key while it is live (15 min near the owner,
 * up to 24 h when separated). Lifting x to a point costs a square root (~1 ms on P-224, whose
 * p = 1 mod 4 needs Tonelli-Shanks), and a precomputed wNAF table makes each later ECDH
 * ~4x cheaper than an unprepared multiplication. A table costs about as much as
 * 10-20 multiplications to build, so it is only built once a key is seen a second time
 * (one-off keys never pay for it), or at once when the caller says more uses are coming (the
 * batch API passes the length of a run of requests for one key). Bounded LRU: evicted points and their tables (held by
 * noble in a WeakMap keyed by the point) are garbage-collected.
 */
import { bytesKey } from './bytes.ts';
import { LruCache } from './lru.ts';
import { P224_BYTES, liftX, type P224Point } from './p224.ts';

export interface FinderKeyCacheOptions {
  /** keys kept (default 4096; a table at W=5 is ~46*16 points, ~100 kB) */
  capacity?: number;
  /** build the table on this use of a key (default 2) */
  tableAfterUses?: number;
  /** wNAF window of per-key tables (default 5; measured best for tens of uses per key) */
  tableWindow?: number;
}

interface Entry {
  point: P224Point;
  uses: number;
  table: boolean;
}

export class FinderKeyCache {
  private readonly entries: LruCache<string, Entry>;
  private readonly tableAfterUses: number;
  private readonly tableWindow: number;
  /** counters for benches and tests */
  lifts = 0;
  tables = 0;

  constructor(options: FinderKeyCacheOptions = {}) {
    this.entries = new LruCache(options.capacity ?? 4096);
    this.tableAfterUses = options.tableAfterUses ?? 2;
    this.tableWindow = options.tableWindow ?? 5;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The point for the 28-byte advertised key at `bytes[offset..offset+28)`. Throws if x is not
   * on the curve. `expectedUses`: how many uses this call starts (this one plus those the
   * caller knows will follow at once); the table is built as soon as the total reaches
   * `tableAfterUses`, so a key used 50 times in a batch never pays for an unprepared multiply.
   */
  point(bytes: Uint8Array, offset = 0, expectedUses = 1): P224Point {
    const id = bytesKey(bytes, offset, P224_BYTES);
    let entry = this.entries.get(id);
    if (!entry) {
      entry = { point: liftX(bytes.subarray(offset, offset + P224_BYTES)), uses: 0, table: false };
      this.lifts++;
      this.entries.set(id, entry);
    }
    entry.uses++;
    if (!entry.table && entry.uses - 1 + Math.max(1, expectedUses) >= this.tableAfterUses) {
      entry.table = true;
      entry.point.precompute(this.tableWindow); // lazy: built by the next multiplyUnsafe
      this.tables++;
    }
    return entry.point;
  }

  clear(): void {
    this.entries.clear();
  }
}
