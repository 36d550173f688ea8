/**
 * A scenario: everything that determines a run, apart from how long it runs.
 * One JSON format for the whole product: the app exports and imports it, the CLI reads
 * it with --scenario, sweeps vary one of its knobs. Same scenario + same seed = same run.
 */
import { KNOBS, type Knob } from './knobs.ts';

export type CryptoMode = 'real' | 'modeled';
export type EstimatorId = 'latest' | 'centroid' | 'filter';
export type ReportingPolicy = 'any' | 'aggregated';
export type RotationSchedule = 'near-owner' | 'separated';
export type UploadDelayModel = 'lognormal' | 'none';

export interface Scenario {
  format: 'crowdfind-scenario';
  version: 1;
  /** world id from the catalogue ('monaco', 'andorra', 'tiergarten', 'grid', 'open') */
  world: string;
  seed: number;
  /** simulated seconds per step */
  stepSeconds: number;
  finders: {
    /** finders per km² of the world's area (world.areaKm2) */
    densityPerKm2: number;
    /** share of finders that take part in the network at all */
    participation: number;
    /** relative weights of walking, driving and stationary finders */
    mix: { walk: number; drive: number; still: number };
    /** share of stationary finders that are indoors (GPS noise is larger there) */
    indoorShare: number;
  };
  tags: {
    count: number;
    /** relative weights of lost-at-rest, carried and in-a-vehicle tags */
    mix: { rest: number; carried: number; vehicle: number };
  };
  mobility: {
    walkSpeedMin: number;
    walkSpeedMax: number;
    driveSpeedMin: number;
    driveSpeedMax: number;
    /** pause on arrival, uniform in [0, pauseMaxS] */
    pauseMaxS: number;
  };
  radio: {
    advIntervalS: number;
    rssiAt1m: number;
    pathLossExponent: number;
    shadowingSigmaDb: number;
    sensitivityDbm: number;
    /** share of time a finder's scanner listens */
    scanDuty: number;
  };
  finder: {
    /** a finder reports a given key at most once per this many seconds */
    rateLimitS: number;
    gpsSigmaOutdoorM: number;
    gpsSigmaIndoorM: number;
    uploadDelay: UploadDelayModel;
    uploadMedianS: number;
    uploadP90S: number;
  };
  owner: {
    fetchIntervalS: number;
    policy: ReportingPolicy;
    /** aggregated policy: distinct finders needed within the window */
    minFinders: number;
    aggregationWindowS: number;
    estimator: EstimatorId;
    rotation: RotationSchedule;
  };
  crypto: CryptoMode;
}

export function defaultScenario(): Scenario {
  const s = {
    format: 'crowdfind-scenario',
    version: 1,
    world: 'monaco',
    seed: 1,
    stepSeconds: 1,
    finders: { densityPerKm2: 0, participation: 0, mix: { walk: 0, drive: 0, still: 0 }, indoorShare: 0 },
    tags: { count: 0, mix: { rest: 0, carried: 0, vehicle: 0 } },
    mobility: { walkSpeedMin: 0, walkSpeedMax: 0, driveSpeedMin: 0, driveSpeedMax: 0, pauseMaxS: 0 },
    radio: { advIntervalS: 0, rssiAt1m: 0, pathLossExponent: 0, shadowingSigmaDb: 0, sensitivityDbm: 0, scanDuty: 0 },
    finder: { rateLimitS: 0, gpsSigmaOutdoorM: 0, gpsSigmaIndoorM: 0, uploadDelay: 'lognormal', uploadMedianS: 0, uploadP90S: 0 },
    owner: { fetchIntervalS: 0, policy: 'any', minFinders: 0, aggregationWindowS: 0, estimator: 'latest', rotation: 'separated' },
    crypto: 'real',
  } as Scenario;
  for (const k of KNOBS) setPath(s, k.path, k.default);
  return s;
}

export function getPath(obj: unknown, path: string): unknown {
  let o = obj as Record<string, unknown> | undefined;
  for (const part of path.split('.')) {
    if (o === null || typeof o !== 'object') return undefined;
    o = o[part] as Record<string, unknown> | undefined;
  }
  return o;
}

export function setPath(obj: unknown, path: string, value: unknown): void {
  const parts = path.split('.');
  let o = obj as Record<string, unknown>;
  for (let i = 0; i < parts.length - 1; i++) o = o[parts[i]] as Record<string, unknown>;
  o[parts[parts.length - 1]] = value;
}

export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

/** Checks one knob's value; returns an error message or null. */
export function checkKnob(k: Knob, value: unknown): string | null {
  if (k.kind === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return `${k.path} must be a number (${k.unit || 'no unit'}), got ${JSON.stringify(value)}`;
    if (value < k.min || value > k.max) return `${k.path} = ${value} is out of range [${k.min}, ${k.max}]${k.unit ? ' ' + k.unit : ''}`;
    if (k.integer && !Number.isInteger(value)) return `${k.path} must be a whole number, got ${value}`;
    return null;
  }
  if (typeof value !== 'string' || !k.options.includes(value)) return `${k.path} must be one of ${k.options.join(', ')}, got ${JSON.stringify(value)}`;
  return null;
}

/**
 * Reads a scenario from parsed JSON: missing knobs take their defaults, unknown keys
 * and out-of-range values are errors (a scenario file is a contract; silently fixing it
 * would make a figure irreproducible).
 */
export function parseScenario(input: unknown): Scenario {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new ScenarioError('a scenario must be a JSON object');
  const src = input as Record<string, unknown>;
  if (src.format !== undefined && src.format !== 'crowdfind-scenario') throw new ScenarioError(`not a Crowdfind scenario (format is ${JSON.stringify(src.format)})`);
  if (src.version !== undefined && src.version !== 1) throw new ScenarioError(`unsupported scenario version ${JSON.stringify(src.version)} (this build reads version 1)`);
  const known = new Set(['format', 'version', ...KNOBS.map((k) => k.path)]);
  const unknown: string[] = [];
  const walk = (o: Record<string, unknown>, prefix: string) => {
    for (const [key, v] of Object.entries(o)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (known.has(path)) continue;
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && KNOBS.some((k) => k.path.startsWith(path + '.'))) walk(v as Record<string, unknown>, path);
      else unknown.push(path);
    }
  };
  walk(src, '');
  if (unknown.length) throw new ScenarioError(`unknown scenario field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  const s = defaultScenario();
  for (const k of KNOBS) {
    const v = getPath(src, k.path);
    if (v === undefined) continue;
    const err = checkKnob(k, v);
    if (err) throw new ScenarioError(err);
    setPath(s, k.path, v);
  }
  return s;
}

/** Finder count for a world of the given area. */
export function finderCount(s: Scenario, areaKm2: number): number {
  return Math.round(s.finders.densityPerKm2 * areaKm2);
}
