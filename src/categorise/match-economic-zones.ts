// Matches a geolocated address against the special economic zones of geodata/.

import { area, booleanIntersects, circle, distance, featureCollection, intersect, point, polygon } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import type { GeoLocation } from '../types.ts';
import type { EconomicZone, Geodata } from './geodata-types.ts';

/**
 * Accuracy radius assumed where the database gives none, in kilometres.
 * NOTE: an estimate. GeoLite2 City often reports 20 km to 100 km and more for city-level results,
 * so 25 km is generous to a small zone and still excludes places in another city.
 */
export const defaultAccuracyRadiusKm = 25;

export interface ZoneMatch {
  zone: EconomicZone;
  /** Area shared by the location's uncertainty disc and the zone, in square kilometres. */
  overlapKm2: number;
  /** Distance from the location to the zone's centre, in kilometres. */
  distanceKm: number;
}

// 64 segments keep the area of a circle within 0.2 % of pi r^2.
const circleSteps = 64;

interface PreparedZone {
  shape: Feature<Polygon>;
  /** Largest distance from the zone's centre to its edge, in kilometres. */
  reachKm: number;
}

// Zones are built once per zone object; enrichment calls this once per distinct address.
const preparedZones = new WeakMap<EconomicZone, PreparedZone>();

function prepareZone(zone: EconomicZone): PreparedZone {
  let prepared = preparedZones.get(zone);
  if (!prepared) {
    const centre = point([zone.longitude, zone.latitude]);
    if (zone.polygon !== undefined) {
      const vertices = zone.polygon[0] ?? [];
      const reachKm = Math.max(0, ...vertices.map((vertex) => distance(centre, point(vertex), { units: 'kilometers' })));
      prepared = { shape: polygon(zone.polygon), reachKm };
    } else {
      const radiusKm = zone.radiusKm ?? 0;
      prepared = { shape: circle(centre, radiusKm, { units: 'kilometers', steps: circleSteps }), reachKm: radiusKm };
    }
    preparedZones.set(zone, prepared);
  }
  return prepared;
}

/**
 * Returns the zones that a location may lie in: its point, widened to a disc of its accuracy
 * radius (`defaultAccuracyRadiusKm` when unknown), intersects the zone's circle or polygon.
 * Sorted by shared area (largest first), then distance to the zone centre, then name. A location
 * without coordinates matches nothing.
 */
export function matchEconomicZones(location: GeoLocation, geodata: Geodata, options: { defaultRadiusKm?: number } = {}): ZoneMatch[] {
  const { latitude, longitude } = location;
  if (latitude === undefined || longitude === undefined) return [];
  const radiusKm = location.accuracyRadiusKm ?? options.defaultRadiusKm ?? defaultAccuracyRadiusKm;
  const here = point([longitude, latitude]);
  let disc: Feature<Polygon> | undefined;

  const matches: ZoneMatch[] = [];
  for (const zone of geodata.zones) {
    // A zone farther than both radii together cannot intersect; this skips the polygon tests
    // for almost every address. The 1 km margin covers the 64-gon approximation of circles.
    const { shape, reachKm } = prepareZone(zone);
    const distanceKm = distance(here, point([zone.longitude, zone.latitude]), { units: 'kilometers' });
    if (distanceKm > radiusKm + reachKm + 1) continue;

    disc ??= circle(here, Math.max(radiusKm, 0.001), { units: 'kilometers', steps: circleSteps });
    if (!booleanIntersects(disc, shape)) continue;
    const shared = intersect(featureCollection([disc, shape]));
    matches.push({ zone, overlapKm2: shared === null ? 0 : area(shared) / 1e6, distanceKm });
  }
  return matches.sort((a, b) => b.overlapKm2 - a.overlapKm2 || a.distanceKm - b.distanceKm || a.zone.name.localeCompare(b.zone.name));
}
