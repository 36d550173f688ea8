/**
 * sweep.json: the definition, the app version, which shard (if any) produced it, the
 * per-run rows (with wall seconds) and the per-value aggregates. Also the merge of shard
 * documents. Runtime-neutral.
 */
import { aggregate, type ValueAggregate } from './aggregate.ts';
import { runCount, shardRuns, validateDefinition, type Shard, type SweepDefinition } from './definition.ts';
import { rowFromJson, type RunRow } from './run-row.ts';

export const SWEEP_DOCUMENT_FORMAT = 'crowdfind-sweep';

export interface SweepDocument {
  format: typeof SWEEP_DOCUMENT_FORMAT;
  appVersion: string;
  definition: SweepDefinition;
  /** the shard that produced this file; null for a whole sweep or a merge */
  shard: Shard | null;
  /** true when the sweep was cancelled before all its runs finished */
  cancelled: boolean;
  /** runs this document should hold (its shard's, or all) but does not, by index */
  missingRuns: number[];
  /** total wall seconds of the sweep (for a merge: the sum over shards) */
  wallSeconds: number;
  runs: RunRow[];
  aggregates: ValueAggregate[];
}

export interface DocumentInput {
  appVersion: string;
  definition: SweepDefinition;
  shard: Shard | null;
  cancelled: boolean;
  wallSeconds: number;
  rows: readonly RunRow[];
}

export function makeDocument(input: DocumentInput): SweepDocument {
  const runs = [...input.rows].sort((a, b) => a.runIndex - b.runIndex);
  const have = new Set(runs.map((r) => r.runIndex));
  return {
    format: SWEEP_DOCUMENT_FORMAT,
    appVersion: input.appVersion,
    definition: input.definition,
    shard: input.shard,
    cancelled: input.cancelled,
    missingRuns: shardRuns(input.definition, input.shard).filter((i) => !have.has(i)),
    wallSeconds: input.wallSeconds,
    runs,
    aggregates: aggregate(input.definition, runs),
  };
}

export function documentJson(doc: SweepDocument): string {
  return JSON.stringify(doc, null, 1) + '\n';
}

/** Reads a parsed sweep.json back (NaN restored where JSON has null); throws with a reason. */
export function parseDocument(json: unknown): SweepDocument {
  const d = json as SweepDocument;
  if (!d || typeof d !== 'object' || d.format !== SWEEP_DOCUMENT_FORMAT) throw new Error('not a Crowdfind sweep.json');
  validateDefinition(d.definition);
  if (!Array.isArray(d.runs)) throw new Error('sweep.json has no runs');
  const runs = d.runs.map(rowFromJson);
  return { ...d, runs, aggregates: aggregate(d.definition, runs) };
}

export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

/**
 * Combines shard documents (any split: shards, partial or cancelled sweeps) into one:
 * they must share the definition and app version; no run may appear twice. Runs missing
 * from all of them are listed in missingRuns (the caller reports them).
 */
export function mergeDocuments(docs: readonly { name: string; doc: SweepDocument }[]): SweepDocument {
  if (docs.length === 0) throw new MergeError('nothing to merge');
  const first = docs[0];
  const defJson = JSON.stringify(first.doc.definition);
  const seen = new Map<number, string>();
  const rows: RunRow[] = [];
  for (const { name, doc } of docs) {
    if (JSON.stringify(doc.definition) !== defJson) throw new MergeError(`${name} has a different sweep definition from ${first.name}; only shards of the same sweep can be merged`);
    if (doc.appVersion !== first.doc.appVersion) throw new MergeError(`${name} was made by Crowdfind ${doc.appVersion}, ${first.name} by ${first.doc.appVersion}; runs from different versions may differ`);
    for (const r of doc.runs) {
      const other = seen.get(r.runIndex);
      if (other !== undefined) throw new MergeError(`run ${r.runIndex} appears in both ${other} and ${name}`);
      if (!(r.runIndex >= 0 && r.runIndex < runCount(doc.definition))) throw new MergeError(`${name}: run index ${r.runIndex} is outside the sweep (0..${runCount(doc.definition) - 1})`);
      seen.set(r.runIndex, name);
      rows.push(r);
    }
  }
  return makeDocument({
    appVersion: first.doc.appVersion,
    definition: first.doc.definition,
    shard: null,
    cancelled: docs.some((d) => d.doc.cancelled),
    wallSeconds: docs.reduce((a, d) => a + d.doc.wallSeconds, 0),
    rows,
  });
}
