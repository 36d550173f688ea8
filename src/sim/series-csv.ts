/**
 * The metrics series as CSV: one row per sample, columns named with units. Comment lines
 * (#) at the top carry what reproduces it: app version, world, seed, crypto mode and the
 * full scenario as JSON. The CLI and the app's export share it.
 */
import { ESTIMATORS, type MetricsSeries } from './metrics-types.ts';
import type { Scenario } from './scenario.ts';

export interface ExportMeta {
  version: string;
  worldId: string;
  scenario: Scenario;
}

export function seriesColumns(s: MetricsSeries): [string, number[]][] {
  const cols: [string, number[]][] = [
    ['t_s', s.t],
    ['located_ever_share', s.locatedEver],
    ['located_30min_share', s.located30],
  ];
  for (const e of ESTIMATORS) cols.push([`error_${e}_median_m`, s.errMedian[e]], [`error_${e}_p90_m`, s.errP90[e]]);
  cols.push(
    ['staleness_median_s', s.stalenessMedian],
    ['reports_made', s.reportsMade],
    ['reports_uploaded', s.reportsUploaded],
    ['reports_fetched', s.reportsFetched],
    ['reports_decrypted', s.reportsDecrypted],
    ['bytes_uploaded', s.bytesUploaded],
    ['decrypt_failures', s.decryptFailures],
  );
  return cols;
}

const num = (v: number) => (Number.isFinite(v) ? String(Math.round(v * 1000) / 1000) : '');

export function seriesCsv(s: MetricsSeries, meta: ExportMeta): string {
  const cols = seriesColumns(s);
  const lines = [
    `# Crowdfind ${meta.version}, world ${meta.worldId}, seed ${meta.scenario.seed}, crypto ${meta.scenario.crypto}`,
    `# scenario ${JSON.stringify(meta.scenario)}`,
    cols.map((c) => c[0]).join(','),
  ];
  for (let i = 0; i < s.t.length; i++) lines.push(cols.map((c) => num(c[1][i])).join(','));
  return lines.join('\n') + '\n';
}
