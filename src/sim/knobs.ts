/**
 * Every scenario knob, once: path in the scenario, range, default, unit and a one-line
 * explanation. The CLI's flags and --help, the app's sliders and tooltips, URL
 * parameters and sweeps are all generated from this table, so they cannot disagree.
 * Defaults and their sources are discussed in the README ("Model and defaults").
 */
interface KnobBase {
  path: string;
  /** CLI flag name, without the leading dashes */
  flag: string;
  label: string;
  help: string;
  /** true when a change only takes effect after a reset (the app says so) */
  needsReset: boolean;
}
export interface NumberKnob extends KnobBase {
  kind: 'number';
  min: number;
  max: number;
  default: number;
  unit: string;
  integer?: boolean;
  /** slider scale: 'log' where the range spans orders of magnitude */
  scale: 'linear' | 'log';
  step?: number;
}
export interface ChoiceKnob extends KnobBase {
  kind: 'choice';
  options: string[];
  default: string;
  unit: '';
}
export type Knob = NumberKnob | ChoiceKnob;

const n = (k: Omit<NumberKnob, 'kind'>): NumberKnob => ({ kind: 'number', ...k });
const c = (k: Omit<ChoiceKnob, 'kind' | 'unit'>): ChoiceKnob => ({ kind: 'choice', unit: '', ...k });

/** built-in worlds, plus 'custom' for a city the user imported (not reproducible without its file) */
export const WORLD_IDS = ['monaco', 'andorra', 'tiergarten', 'grid', 'open', 'custom'] as const;

export const KNOBS: Knob[] = [
  c({ path: 'world', flag: 'world', label: 'World', help: 'Map the simulation runs on', options: [...WORLD_IDS], default: 'monaco', needsReset: true }),
  n({ path: 'seed', flag: 'seed', label: 'Seed', help: 'Random seed: the same scenario and seed give the same run', min: 0, max: 2 ** 31 - 1, default: 1, unit: '', integer: true, scale: 'linear', needsReset: true }),
  n({ path: 'stepSeconds', flag: 'step', label: 'Time step', help: 'Simulated seconds per step', min: 0.1, max: 10, default: 1, unit: 's', scale: 'linear', needsReset: true }),

  n({ path: 'finders.densityPerKm2', flag: 'density', label: 'Finder density', help: 'Phones per km² of the world (area = convex hull of its streets)', min: 0, max: 20000, default: 2000, unit: '/km²', scale: 'log', needsReset: false }),
  n({ path: 'finders.participation', flag: 'participation', label: 'Participation', help: 'Share of phones that take part in the finding network', min: 0, max: 1, default: 1, unit: '', scale: 'linear', step: 0.01, needsReset: false }),
  n({ path: 'finders.mix.walk', flag: 'mix-walk', label: 'Walking', help: 'Relative weight of pedestrians (0.8-1.6 m/s on walkable streets)', min: 0, max: 1, default: 0.6, unit: '', scale: 'linear', step: 0.01, needsReset: false }),
  n({ path: 'finders.mix.drive', flag: 'mix-drive', label: 'Driving', help: 'Relative weight of phones in vehicles (5-14 m/s on drivable streets)', min: 0, max: 1, default: 0.25, unit: '', scale: 'linear', step: 0.01, needsReset: false }),
  n({ path: 'finders.mix.still', flag: 'mix-still', label: 'Stationary', help: 'Relative weight of phones that stay put (indoors or on a street)', min: 0, max: 1, default: 0.15, unit: '', scale: 'linear', step: 0.01, needsReset: false }),
  n({ path: 'finders.indoorShare', flag: 'indoor', label: 'Indoors', help: 'Share of stationary phones inside buildings (GPS is worse there)', min: 0, max: 1, default: 0.7, unit: '', scale: 'linear', step: 0.01, needsReset: true }),

  n({ path: 'tags.count', flag: 'tags', label: 'Tags', help: 'Number of lost tags', min: 1, max: 1000, default: 50, unit: '', integer: true, scale: 'log', needsReset: true }),
  n({ path: 'tags.mix.rest', flag: 'tags-rest', label: 'Lost at rest', help: 'Relative weight of tags lying still on a street', min: 0, max: 1, default: 0.6, unit: '', scale: 'linear', step: 0.01, needsReset: true }),
  n({ path: 'tags.mix.carried', flag: 'tags-carried', label: 'Carried', help: 'Relative weight of tags in a walking person\'s bag', min: 0, max: 1, default: 0.3, unit: '', scale: 'linear', step: 0.01, needsReset: true }),
  n({ path: 'tags.mix.vehicle', flag: 'tags-vehicle', label: 'In a vehicle', help: 'Relative weight of tags travelling in a vehicle', min: 0, max: 1, default: 0.1, unit: '', scale: 'linear', step: 0.01, needsReset: true }),

  n({ path: 'mobility.walkSpeedMin', flag: 'walk-min', label: 'Walk speed min', help: 'Slowest walking speed', min: 0.1, max: 3, default: 0.8, unit: 'm/s', scale: 'linear', step: 0.1, needsReset: true }),
  n({ path: 'mobility.walkSpeedMax', flag: 'walk-max', label: 'Walk speed max', help: 'Fastest walking speed', min: 0.1, max: 3, default: 1.6, unit: 'm/s', scale: 'linear', step: 0.1, needsReset: true }),
  n({ path: 'mobility.driveSpeedMin', flag: 'drive-min', label: 'Drive speed min', help: 'Slowest vehicle speed', min: 1, max: 40, default: 5, unit: 'm/s', scale: 'linear', needsReset: true }),
  n({ path: 'mobility.driveSpeedMax', flag: 'drive-max', label: 'Drive speed max', help: 'Fastest vehicle speed', min: 1, max: 40, default: 14, unit: 'm/s', scale: 'linear', needsReset: true }),
  n({ path: 'mobility.pauseMaxS', flag: 'pause-max', label: 'Pause', help: 'Longest pause on arrival (uniform from 0)', min: 0, max: 3600, default: 120, unit: 's', scale: 'linear', needsReset: true }),

  n({ path: 'radio.advIntervalS', flag: 'adv-interval', label: 'Advertising interval', help: 'A tag advertises this often (plus BLE\'s random 0-10 ms)', min: 0.1, max: 10, default: 2, unit: 's', scale: 'linear', step: 0.1, needsReset: true }),
  n({ path: 'radio.rssiAt1m', flag: 'rssi-1m', label: 'RSSI at 1 m', help: 'Received power 1 m from a tag', min: -90, max: -30, default: -60, unit: 'dBm', scale: 'linear', needsReset: false }),
  n({ path: 'radio.pathLossExponent', flag: 'path-loss', label: 'Path-loss exponent', help: 'How fast the signal fades: 2 in free space, 2.5-3.5 in streets and indoors', min: 1.5, max: 5, default: 2.5, unit: '', scale: 'linear', step: 0.1, needsReset: false }),
  n({ path: 'radio.shadowingSigmaDb', flag: 'shadowing', label: 'Shadowing', help: 'Random fading per advertisement (log-normal, standard deviation)', min: 0, max: 15, default: 6, unit: 'dB', scale: 'linear', step: 0.5, needsReset: false }),
  n({ path: 'radio.sensitivityDbm', flag: 'sensitivity', label: 'Sensitivity', help: 'Weakest signal a phone decodes', min: -110, max: -60, default: -95, unit: 'dBm', scale: 'linear', needsReset: false }),
  n({ path: 'radio.scanDuty', flag: 'scan-duty', label: 'Scan duty cycle', help: 'Share of time a phone listens (Android low power: 10%)', min: 0.01, max: 1, default: 0.1, unit: '', scale: 'log', step: 0.01, needsReset: false }),

  n({ path: 'finder.rateLimitS', flag: 'rate-limit', label: 'Report rate limit', help: 'A phone reports the same key at most once per this long', min: 0, max: 3600, default: 300, unit: 's', scale: 'linear', needsReset: false }),
  n({ path: 'finder.gpsSigmaOutdoorM', flag: 'gps-outdoor', label: 'GPS error outdoors', help: 'Standard deviation of a phone\'s GPS fix per axis, outdoors', min: 0, max: 100, default: 5, unit: 'm', scale: 'linear', needsReset: false }),
  n({ path: 'finder.gpsSigmaIndoorM', flag: 'gps-indoor', label: 'GPS error indoors', help: 'Standard deviation of a phone\'s GPS fix per axis, indoors', min: 0, max: 200, default: 20, unit: 'm', scale: 'linear', needsReset: false }),
  c({ path: 'finder.uploadDelay', flag: 'upload-delay', label: 'Upload delay model', help: 'How long a report waits on the phone before upload', options: ['lognormal', 'none'], default: 'lognormal', needsReset: false }),
  n({ path: 'finder.uploadMedianS', flag: 'upload-median', label: 'Upload delay median', help: 'Median wait before a report reaches the server (field data: ~26 min)', min: 0, max: 14400, default: 1500, unit: 's', scale: 'linear', needsReset: false }),
  n({ path: 'finder.uploadP90S', flag: 'upload-p90', label: 'Upload delay 90th pct', help: '90th percentile of the upload wait (field data: ~60 min)', min: 0, max: 28800, default: 3600, unit: 's', scale: 'linear', needsReset: false }),

  n({ path: 'owner.fetchIntervalS', flag: 'fetch-interval', label: 'Owner refresh', help: 'The owner\'s device fetches reports this often', min: 0, max: 3600, default: 300, unit: 's', scale: 'linear', needsReset: false }),
  c({ path: 'owner.policy', flag: 'policy', label: 'Reporting policy', help: 'any: one finder suffices (Apple); aggregated: k distinct finders within a window (Google)', options: ['any', 'aggregated'], default: 'any', needsReset: false }),
  n({ path: 'owner.minFinders', flag: 'min-finders', label: 'Finders needed (k)', help: 'Aggregated policy: distinct finders needed before a location is released', min: 1, max: 20, default: 3, unit: '', integer: true, scale: 'linear', needsReset: false }),
  n({ path: 'owner.aggregationWindowS', flag: 'aggregation-window', label: 'Aggregation window', help: 'Aggregated policy: the k finders must report within this window', min: 60, max: 86400, default: 1800, unit: 's', scale: 'log', needsReset: false }),
  c({ path: 'owner.estimator', flag: 'estimator', label: 'Shown estimator', help: 'latest: newest report (the Find My app); centroid: accuracy-weighted recent reports; filter: motion-aware Kalman filter', options: ['latest', 'centroid', 'filter'], default: 'latest', needsReset: false }),
  c({ path: 'owner.rotation', flag: 'rotation', label: 'Key rotation', help: 'near-owner: new key every 15 min; separated: 15 min for the first 30 min apart, then daily', options: ['near-owner', 'separated'], default: 'separated', needsReset: true }),
  c({ path: 'crypto', flag: 'crypto', label: 'Crypto', help: 'real: every report encrypted (P-224, AES-GCM) and decrypted; modeled: same sizes and timing, no math', options: ['real', 'modeled'], default: 'real', needsReset: true }),
];

export const KNOB_BY_PATH = new Map(KNOBS.map((k) => [k.path, k]));
export const KNOB_BY_FLAG = new Map(KNOBS.map((k) => [k.flag, k]));
