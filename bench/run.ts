/**
 * `npm run bench`: runs the benchmarks and prints what they measured, as a table and as
 * JSON (also written to bench/results.json). `npm run bench -- mobility` runs one.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import type { Bench, BenchRow } from './types.ts';

const BENCHES: Record<string, () => Promise<Bench>> = {
  mobility: async () => (await import('./mobility.bench.ts')).mobilityBench,
  protocol: async () => (await import('./protocol.bench.ts')).protocolBench,
  'browser-crypto': async () => (await import('./browser-crypto.bench.ts')).browserCryptoBench,
  pipeline: async () => (await import('./pipeline.bench.ts')).pipelineBench,
  sweep: async () => (await import('./sweep.bench.ts')).sweepBench,
};

const only = process.argv.slice(2);
const rows: (BenchRow & { bench: string })[] = [];
for (const [name, load] of Object.entries(BENCHES)) {
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`running ${name}...\n`);
  for (const r of await (await load())()) rows.push({ bench: name, ...r });
}

const fmt = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(3));
const w0 = Math.max(...rows.map((r) => r.name.length), 4);
console.log(`${'what'.padEnd(w0)}  ${'value'.padStart(12)}  unit       note`);
for (const r of rows) console.log(`${r.name.padEnd(w0)}  ${fmt(r.value).padStart(12)}  ${r.unit.padEnd(9)}  ${r.note ?? ''}`);
const report = { date: new Date().toISOString(), node: process.version, cpu: os.cpus()[0]?.model, cores: os.cpus().length, rows };
console.log(JSON.stringify(report, null, 2));
writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify(report, null, 2) + '\n');
