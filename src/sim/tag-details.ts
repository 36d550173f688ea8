/** One tag seen from every side: truth, the owner's three estimates, and its reports' journeys. */
import type { Estimate } from './estimators.ts';
import { ESTIMATORS, type EstimateView, type TagDetails, type TagReportRecord } from './metrics-types.ts';
import type { EstimatorId } from './scenario.ts';
import type { Simulation } from './simulation.ts';

const MAX_REPORTS = 200;
const NAMES = ['Keys', 'Backpack', 'Bike', 'Wallet', 'Suitcase', 'Umbrella', 'Camera', 'Handbag', 'Scooter', 'Headphones', 'Laptop bag', 'Dog collar'];

/** Friendly, deterministic tag names from the tag's index: "Keys", "Backpack", ... then numbered ("Keys 2"). */
export function tagName(i: number): string {
  const round = Math.floor(i / NAMES.length);
  return NAMES[i % NAMES.length] + (round ? ` ${round + 1}` : '');
}

/** tag kinds as Simulation.tagKind and the frame's tagInfo say: 0 at rest, 1 carried, 2 in a vehicle */
export const TAG_KIND_LABEL = ['lost at rest', 'carried', 'in a vehicle'];

export function tagDetails(sim: Simulation, i: number): TagDetails {
  const truth = { x: sim.tags.x[i], y: sim.tags.y[i] };
  const est: Estimate = { x: 0, y: 0, r: 0 };
  const estimates = {} as Record<EstimatorId, EstimateView | null>;
  for (const e of ESTIMATORS) {
    estimates[e] = sim.owner.estimate(i, e, sim.t, est)
      ? { x: est.x, y: est.y, radius: est.r, error: Math.hypot(est.x - truth.x, est.y - truth.y) }
      : null;
  }
  const log = sim.log;
  const reports: TagReportRecord[] = [];
  for (let id = log.count - 1; id >= 0 && reports.length < MAX_REPORTS; id--) {
    if (log.tag[id] !== i) continue;
    reports.push({ made: log.made[id], uploaded: log.uploaded[id], fetched: log.fetched[id], x: log.fixX[id], y: log.fixY[id], accuracy: log.accuracy[id], finderMode: log.finderMode[id] });
  }
  return {
    index: i,
    name: tagName(i),
    kind: sim.tagKind[i],
    truth,
    estimates,
    firstReportMade: sim.metrics.firstReport[i],
    firstFix: sim.owner.firstFix[i],
    newestReportAtOwner: sim.owner.held[i].newest,
    reports,
  };
}
