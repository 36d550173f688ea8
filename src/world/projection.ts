/**
 * Local equirectangular projection about a centre point, with the WGS84 ellipsoid's
 * meridional and prime-vertical radii at that latitude (the approximation cheap-ruler
 * uses). Over a city (tens of km) it is accurate to well under 0.1%, and it is two
 * multiplications per point, so hot loops can use plain x/y metres.
 */
const RE = 6378.137e3; // WGS84 equatorial radius, metres
const FE = 1 / 298.257223563; // WGS84 flattening
const E2 = FE * (2 - FE);
const RAD = Math.PI / 180;

export interface Projection {
  readonly lon0: number;
  readonly lat0: number;
  /** metres per degree of longitude at lat0 */
  readonly kx: number;
  /** metres per degree of latitude at lat0 */
  readonly ky: number;
}

export function makeProjection(lon0: number, lat0: number): Projection {
  const cos = Math.cos(lat0 * RAD);
  const w2 = 1 / (1 - E2 * (1 - cos * cos));
  const w = Math.sqrt(w2);
  return { lon0, lat0, kx: RAD * RE * w * cos, ky: RAD * RE * w * w2 * (1 - E2) };
}

/** lon/lat degrees -> local metres; x east, y north. Longitudes wrap across the antimeridian. */
export function project(p: Projection, lon: number, lat: number): [number, number] {
  let dLon = lon - p.lon0;
  if (dLon > 180) dLon -= 360;
  else if (dLon < -180) dLon += 360;
  return [dLon * p.kx, (lat - p.lat0) * p.ky];
}

/** local metres -> [lon, lat] degrees */
export function unproject(p: Projection, x: number, y: number): [number, number] {
  let lon = p.lon0 + x / p.kx;
  if (lon > 180) lon -= 360;
  else if (lon < -180) lon += 360;
  return [lon, p.lat0 + y / p.ky];
}
