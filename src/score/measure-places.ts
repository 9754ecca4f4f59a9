// Measures the raw evidence of each place (country, and city within it) from an aggregate:
// counts, distinct resources and categories, days, inbound peers, local hours and quality.

import type { Aggregate, ResourceUse, InboundPeer } from '../aggregate/aggregate.ts';
import type { Category, NetworkClass } from '../types.ts';
import type { Weights } from './load-weights.ts';
import { countryTimeZone, isKnownTimeZone, toLocalHour } from './local-time.ts';
import { compareText } from '../util/compare-text.ts';

/** Categories that tell nothing about where the user is. */
export const GLOBAL_CATEGORIES: ReadonlySet<Category> = new Set(['global-service', 'cdn-cloud', 'opsec']);

/** Network classes whose servers sit where hosting is cheap, not where their users are. */
export const GLOBAL_NETWORK_CLASSES: ReadonlySet<NetworkClass | ''> = new Set(['global-platform', 'cdn', 'cloud-hosting', 'opsec']);

/** Network classes whose inbound peers can be people at home, at work or at school. */
const PEOPLE_NETWORK_CLASSES: ReadonlySet<NetworkClass> = new Set(['access-isp', 'education']);

export interface PlaceMeasures {
  place: string;
  country: string;
  city?: string;
  timeZone?: string;
  /** Outbound non-global activity plus inbound activity of non-scanner peers on access networks, weighted. */
  activity: number;
  activityOutbound: number;
  activityInbound: number;
  /** Weighted connections to resources whose audience is this place. */
  local: number;
  localResources: ResourceUse[];
  localCategories: Category[];
  /** Local days with any evidence, and local days with any traffic of the population at all. */
  evidenceDays: string[];
  activeDays: number;
  inboundAccessPeers: InboundPeer[];
  scannerPeers: number;
  /** Evidence events by local hour of the place, 24 entries. */
  eventsByLocalHour: number[];
  meanAccuracyKm?: number;
  /** Mean attribution ambiguity of the local resources, weighted by connections. */
  meanAmbiguity: number;
}

export function isScanner(peer: InboundPeer, weights: Weights): boolean {
  return peer.established === 0 || peer.ports.length >= weights.counting.scanner_min_ports;
}

/** Measures every place that has activity or local-resource use, countries and cities alike. */
export function measurePlaces(aggregate: Aggregate, weights: Weights): Map<string, PlaceMeasures> {
  const places = new Map<string, PlaceMeasures>();
  const { failed_weight: failedWeight, inbound_weight: inboundWeight, category_weights: categoryWeights } = weights.counting;

  const get = (country: string, city?: string): PlaceMeasures => {
    const place = city ? `${country}/${city}` : country;
    let measures = places.get(place);
    if (!measures) {
      measures = {
        place,
        country,
        city,
        activity: 0,
        activityOutbound: 0,
        activityInbound: 0,
        local: 0,
        localResources: [],
        localCategories: [],
        evidenceDays: [],
        activeDays: 0,
        inboundAccessPeers: [],
        scannerPeers: 0,
        eventsByLocalHour: new Array(24).fill(0),
        meanAmbiguity: 0,
      };
      places.set(place, measures);
    }
    return measures;
  };
  // Each event counts for the country and, where known, for the city too.
  const targets = (country: string, city: string): PlaceMeasures[] => (city ? [get(country), get(country, city)] : [get(country)]);

  const timeZoneOf = (place: string, country: string): string | undefined => {
    const seen = aggregate.quality.get(place)?.timeZones ?? aggregate.quality.get(country)?.timeZones;
    const ranked = Object.entries(seen ?? {}).filter(([zone]) => isKnownTimeZone(zone)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return ranked[0]?.[0] ?? countryTimeZone(country);
  };

  // Evidence events per place and UTC day/hour, converted to local time once every place is known.
  const eventsByUtcHour = new Map<string, Map<string, number>>();
  const addEvent = (measures: PlaceMeasures, day: string, hour: number, weight: number) => {
    let hours = eventsByUtcHour.get(measures.place);
    if (!hours) {
      hours = new Map();
      eventsByUtcHour.set(measures.place, hours);
    }
    const key = `${day}|${hour}`;
    hours.set(key, (hours.get(key) ?? 0) + weight);
  };
  const activeUtcHours = new Set<string>();

  for (const cell of aggregate.cells.values()) {
    activeUtcHours.add(`${cell.day}|${cell.hour}`);
    if (!cell.country || GLOBAL_CATEGORIES.has(cell.category)) continue;

    const weight = cell.established + failedWeight * cell.failed;
    if (weight <= 0) continue;

    if (cell.layer === 'endpoint') {
      // Inbound activity is counted per peer below, so that scanners can be left out.
      if (cell.direction !== 'outbound' || GLOBAL_NETWORK_CLASSES.has(cell.networkClass)) continue;
      for (const measures of targets(cell.country, cell.city)) {
        measures.activityOutbound += weight;
        addEvent(measures, cell.day, cell.hour, weight);
      }
    } else {
      const localWeight = weight * (cell.direction === 'inbound' ? inboundWeight : 1) * (categoryWeights[cell.category] ?? 1);
      for (const measures of targets(cell.country, cell.city)) {
        measures.local += localWeight;
        addEvent(measures, cell.day, cell.hour, localWeight);
      }
    }
  }

  for (const peer of aggregate.inboundPeers.values()) {
    const [country, city] = splitPlace(peer.place);
    if (!country) continue;
    if (isScanner(peer, weights) || !PEOPLE_NETWORK_CLASSES.has(peer.networkClass)) {
      for (const measures of targets(country, city)) measures.scannerPeers += isScanner(peer, weights) ? 1 : 0;
      continue;
    }
    const failed = peer.connections - peer.established;
    for (const measures of targets(country, city)) {
      measures.activityInbound += inboundWeight * (peer.established + failedWeight * failed);
      measures.inboundAccessPeers.push(peer);
    }
  }

  const ambiguityByPlace = new Map<string, { weighted: number; connections: number }>();
  for (const use of aggregate.resources.values()) {
    if (GLOBAL_CATEGORIES.has(use.category)) continue;
    const [country, city] = splitPlace(use.place);
    if (!country) continue;
    for (const measures of targets(country, city)) {
      measures.localResources.push(use);
      const entry = ambiguityByPlace.get(measures.place) ?? { weighted: 0, connections: 0 };
      entry.weighted += use.ambiguityWeight;
      entry.connections += use.connections;
      ambiguityByPlace.set(measures.place, entry);
    }
  }

  for (const measures of places.values()) {
    measures.activity = measures.activityOutbound + measures.activityInbound;
    measures.localResources.sort((a, b) => b.connections - a.connections || compareText(a.resource, b.resource));
    measures.localCategories = [...new Set(measures.localResources.map((use) => use.category))].sort();
    measures.inboundAccessPeers.sort((a, b) => b.established - a.established || (a.peer < b.peer ? -1 : 1));

    const ambiguity = ambiguityByPlace.get(measures.place);
    measures.meanAmbiguity = ambiguity && ambiguity.connections > 0 ? ambiguity.weighted / ambiguity.connections : 0;
    const quality = aggregate.quality.get(measures.place);
    if (quality && quality.addressesWithAccuracy > 0) measures.meanAccuracyKm = quality.accuracyKmSum / quality.addressesWithAccuracy;

    measures.timeZone = timeZoneOf(measures.place, measures.country);
    const evidenceDays = new Set<string>();
    for (const [key, weight] of eventsByUtcHour.get(measures.place) ?? []) {
      const [day, hour] = key.split('|');
      const local = measures.timeZone ? toLocalHour(day, Number(hour), measures.timeZone) : { day, hour: Number(hour) };
      measures.eventsByLocalHour[local.hour] += weight;
      evidenceDays.add(local.day);
    }
    measures.evidenceDays = [...evidenceDays].sort();

    const activeDays = new Set<string>();
    for (const key of activeUtcHours) {
      const [day, hour] = key.split('|');
      activeDays.add(measures.timeZone ? toLocalHour(day, Number(hour), measures.timeZone).day : day);
    }
    measures.activeDays = activeDays.size;
  }
  return places;
}

function splitPlace(place: string): [string, string] {
  const slash = place.indexOf('/');
  return slash < 0 ? [place, ''] : [place.slice(0, slash), place.slice(slash + 1)];
}
