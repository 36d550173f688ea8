/**
 * `crowdfind merge <dir>... --out <dir>`: combines the outputs of sweep shards (or of
 * partial / cancelled sweeps) into one, recomputing the aggregates. Refuses different
 * definitions or app versions and runs present twice; reports runs still missing
 * (written anyway, exit 1) so a failed shard can be re-run and merged in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeDocuments, MergeError, parseDocument, type SweepDocument } from '../sweep/document.ts';
import { SweepDefinitionError } from '../sweep/definition.ts';
import { splitArgs } from './args.ts';
import { CliError } from './errors.ts';
import { summaryTable, writeOutputs } from './sweep-command.ts';

const HELP = `Usage: crowdfind merge <dir> <dir> ... --out <dir>

Merges the output directories of \`crowdfind sweep --shard i/n\` runs (each with a
sweep.json) into one: runs.csv, aggregates.csv and sweep.json, as a single-machine sweep
would have written them (runs.csv byte for byte; wall times only in sweep.json).
The inputs must come from the same sweep definition and Crowdfind version, with no run
in two of them. Runs missing from all inputs are listed; the merge is still written and
the exit code is 1.

Options:
  --out <dir>   where to write the merged results
  --quiet       no messages on stderr
  --help        this text`;

export async function mergeCommand(argv: string[]): Promise<number> {
  const args = splitArgs(argv, { help: false, out: true, quiet: false });
  if (args.own.has('help')) {
    console.log(HELP);
    return 0;
  }
  if (args.knobs.size) throw new CliError(`merge takes no scenario flags (got --${[...args.knobs.keys()][0]})`);
  const out = args.own.get('out');
  if (out === undefined) throw new CliError('--out <dir> is required');
  if (args.positional.length === 0) throw new CliError('give the shard directories to merge, e.g. crowdfind merge results-1 results-2 --out merged');
  const docs = args.positional.map((dir) => ({ name: dir, doc: readDocument(dir) }));
  let merged: SweepDocument;
  try {
    merged = mergeDocuments(docs);
  } catch (err) {
    if (err instanceof MergeError) throw new CliError(err.message);
    throw err;
  }
  writeOutputs(String(out), merged);
  console.log(summaryTable(merged));
  const quiet = args.own.has('quiet');
  if (merged.missingRuns.length) {
    process.stderr.write(`crowdfind merge: ${merged.missingRuns.length} run${merged.missingRuns.length > 1 ? 's' : ''} missing (${merged.missingRuns.slice(0, 20).join(', ')}${merged.missingRuns.length > 20 ? ', ...' : ''}); wrote the ${merged.runs.length} present to ${out}\n`);
    return 1;
  }
  if (!quiet) process.stderr.write(`crowdfind merge: ${merged.runs.length} runs from ${docs.length} director${docs.length > 1 ? 'ies' : 'y'} written to ${out}\n`);
  return 0;
}

function readDocument(dir: string): SweepDocument {
  const path = join(dir, 'sweep.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new CliError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return parseDocument(json);
  } catch (err) {
    if (err instanceof SweepDefinitionError || err instanceof Error) throw new CliError(`${path}: ${err.message}`);
    throw err;
  }
}
