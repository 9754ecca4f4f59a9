// Normalises the two supported GeoIP record schemas to GeoLocation.
import type { GeoLocation } from '../types.ts';

/**
 * `maxmind`: MaxMind's GeoIP2/GeoLite2 City and Country schema (nested `country.iso_code`,
 * `city.names.en`, `location.*`). `ip-location-db`: the flattened records of the
 * @ip-location-db/*-mmdb packages ({city, country_code, latitude, longitude, postcode,
 * state1, state2, timezone}).
 */
export type GeoIpSchema = 'maxmind' | 'ip-location-db';

/** Database types in MaxMind's schema that carry a location, by metadata `database_type`. */
export const MAXMIND_GEO_DATABASE_TYPES = [
  'GeoIP2-City',
  'GeoIP2-Country',
  'GeoIP2-Enterprise',
  'GeoLite2-City',
  'GeoLite2-Country',
] as const;

/**
 * Returns the schema of a GeoIP database from its metadata type and one sampled record,
 * or undefined when neither matches. The sample decides when the type is unknown,
 * because third-party writers use their own type names.
 */
export function detectGeoIpSchema(databaseType: string, sample: unknown): GeoIpSchema | undefined {
  const record = isObject(sample) ? sample : undefined;
  const hasMaxmindShape = record !== undefined && (isObject(record.country) || isObject(record.registered_country) || isObject(record.location));
  const hasFlatShape = record !== undefined && typeof record.country_code === 'string';

  // GeoIP2-City-Europe, GeoIP2-City-Shield-Test and similar variants share the City schema.
  const knownMaxmindType = MAXMIND_GEO_DATABASE_TYPES.some((type) => databaseType.startsWith(type));
  if (knownMaxmindType && (record === undefined || hasMaxmindShape)) return 'maxmind';
  if (/^city ipv[46]$/.test(databaseType) && (record === undefined || hasFlatShape)) return 'ip-location-db';
  if (hasMaxmindShape) return 'maxmind';
  if (hasFlatShape) return 'ip-location-db';
  return undefined;
}

/** Converts one MaxMind-schema record; `registered_country` replaces `country` when that is absent. */
export function geoLocationFromMaxmind(record: unknown): GeoLocation {
  if (!isObject(record)) return {};
  const country = objectField(record, 'country') ?? objectField(record, 'registered_country');
  const location = objectField(record, 'location');
  const subdivisions = record.subdivisions;
  const firstSubdivision = Array.isArray(subdivisions) && isObject(subdivisions[0]) ? subdivisions[0] : undefined;

  return withoutUndefined({
    country: upperCode(country?.iso_code),
    city: englishName(objectField(record, 'city')),
    subdivision: englishName(firstSubdivision),
    latitude: finiteNumber(location?.latitude),
    longitude: finiteNumber(location?.longitude),
    accuracyRadiusKm: finiteNumber(location?.accuracy_radius),
    timeZone: nonEmptyString(location?.time_zone),
  });
}

/**
 * Converts one flattened ip-location-db record. The schema has no accuracy radius,
 * so accuracyRadiusKm stays undefined. `state1` is the first-level subdivision.
 */
export function geoLocationFromIpLocationDb(record: unknown): GeoLocation {
  if (!isObject(record)) return {};
  return withoutUndefined({
    country: upperCode(record.country_code),
    city: nonEmptyString(record.city),
    subdivision: nonEmptyString(record.state1),
    latitude: finiteNumber(record.latitude),
    longitude: finiteNumber(record.longitude),
    timeZone: nonEmptyString(record.timezone),
  });
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectField(record: JsonObject, key: string): JsonObject | undefined {
  const value = record[key];
  return isObject(value) ? value : undefined;
}

function englishName(entity: JsonObject | undefined): string | undefined {
  const names = entity && objectField(entity, 'names');
  return nonEmptyString(names?.en);
}

function upperCode(value: unknown): string | undefined {
  const code = nonEmptyString(value);
  return code && /^[A-Za-z]{2}$/.test(code) ? code.toUpperCase() : undefined;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function withoutUndefined(location: GeoLocation): GeoLocation {
  for (const key of Object.keys(location) as (keyof GeoLocation)[]) {
    if (location[key] === undefined) delete location[key];
  }
  return location;
}
