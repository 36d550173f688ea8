/**
 * OSM tag rules: which ways are streets (and for whom), how to draw them, and which
 * areas are buildings, water or parks. Pure functions of a feature's flattened tags, so
 * the converter, the tests and a future in-page importer all classify alike.
 */
import { DRIVE, STREET_CLASSES, WALK, type StreetClass } from './types.ts';

export type Tags = Record<string, unknown>;

export interface StreetKind {
  /** WALK | DRIVE bits, never 0 */
  flags: number;
  /** index into STREET_CLASSES */
  cls: number;
}

const cls = (name: StreetClass): number => STREET_CLASSES.indexOf(name);

/**
 * highway=* value -> default access and draw class. Anything not listed (construction,
 * proposed, platform, bus_stop, elevator, raceway, abandoned, ...) is not a street.
 */
const HIGHWAYS: Record<string, { flags: number; cls: StreetClass }> = {
  motorway: { flags: DRIVE, cls: 'motorway' },
  motorway_link: { flags: DRIVE, cls: 'motorway' },
  trunk: { flags: DRIVE, cls: 'motorway' },
  trunk_link: { flags: DRIVE, cls: 'motorway' },
  primary: { flags: WALK | DRIVE, cls: 'primary' },
  primary_link: { flags: WALK | DRIVE, cls: 'primary' },
  secondary: { flags: WALK | DRIVE, cls: 'secondary' },
  secondary_link: { flags: WALK | DRIVE, cls: 'secondary' },
  tertiary: { flags: WALK | DRIVE, cls: 'tertiary' },
  tertiary_link: { flags: WALK | DRIVE, cls: 'tertiary' },
  residential: { flags: WALK | DRIVE, cls: 'residential' },
  unclassified: { flags: WALK | DRIVE, cls: 'residential' },
  living_street: { flags: WALK | DRIVE, cls: 'residential' },
  road: { flags: WALK | DRIVE, cls: 'residential' },
  service: { flags: WALK | DRIVE, cls: 'service' },
  pedestrian: { flags: WALK, cls: 'pedestrian' },
  footway: { flags: WALK, cls: 'footway' },
  path: { flags: WALK, cls: 'footway' },
  cycleway: { flags: WALK, cls: 'footway' },
  corridor: { flags: WALK, cls: 'footway' },
  steps: { flags: WALK, cls: 'steps' },
  track: { flags: WALK, cls: 'other' },
  bridleway: { flags: WALK, cls: 'other' },
};

const YES = new Set(['yes', 'designated', 'permissive', 'destination', 'customers', 'delivery']);
const NO = new Set(['no', 'private']);

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * The street kind of a way, or null if nobody may use it. Access tags refine the
 * highway default: access=private|no closes the way to everyone unless foot=* or
 * motor_vehicle=* reopen it; foot=no closes it to walkers; motor_vehicle/motorcar/vehicle=no
 * to drivers. oneway is ignored: the graph is undirected (finders on foot walk both ways,
 * and a car going the wrong way down a one-way street moves the same crowd past a tag).
 */
export function streetKind(tags: Tags): StreetKind | null {
  const hw = str(tags.highway);
  if (!hw) return null;
  const base = HIGHWAYS[hw];
  if (!base) return null;
  let flags = base.flags;
  const access = str(tags.access);
  if (access && NO.has(access)) flags = 0;
  const foot = str(tags.foot);
  if (foot && NO.has(foot)) flags &= ~WALK;
  else if (foot && YES.has(foot) && hw !== 'motorway' && hw !== 'motorway_link') flags |= WALK;
  for (const k of ['vehicle', 'motor_vehicle', 'motorcar']) {
    const v = str(tags[k]);
    if (v && NO.has(v)) flags &= ~DRIVE;
    else if (v && YES.has(v) && base.flags & DRIVE) flags |= DRIVE;
  }
  return flags === 0 ? null : { flags, cls: cls(base.cls) };
}

/** A highway drawn as a closed way is a ring street (a roundabout, a square's edge) unless area=yes. */
export function isHighwayArea(tags: Tags): boolean {
  return str(tags.area) === 'yes';
}

export type AreaKind = 'building' | 'water' | 'park';

const WATER_NATURAL = new Set(['water', 'bay']);
const PARK_LEISURE = new Set(['park', 'garden', 'pitch', 'playground', 'dog_park', 'golf_course']);
const PARK_LANDUSE = new Set(['grass', 'forest', 'meadow', 'recreation_ground', 'village_green', 'cemetery']);
const PARK_NATURAL = new Set(['wood', 'scrub', 'grassland', 'heath']);

/** What a polygon feature is drawn as, or null if it is not drawn. */
export function areaKind(tags: Tags): AreaKind | null {
  const building = str(tags.building);
  if (building && building !== 'no') return 'building';
  const natural = str(tags.natural);
  if ((natural && WATER_NATURAL.has(natural)) || str(tags.waterway) === 'riverbank' || str(tags.landuse) === 'reservoir' || str(tags.landuse) === 'basin') {
    return 'water';
  }
  const leisure = str(tags.leisure);
  const landuse = str(tags.landuse);
  if ((leisure && PARK_LEISURE.has(leisure)) || (landuse && PARK_LANDUSE.has(landuse)) || (natural && PARK_NATURAL.has(natural))) {
    return 'park';
  }
  return null;
}

/** natural=coastline: land on the left, sea on the right (OSM convention). */
export function isCoastline(tags: Tags): boolean {
  return str(tags.natural) === 'coastline';
}
