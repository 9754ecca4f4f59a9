import ct from 'countries-and-timezones';

export interface LocalHour {
  /** Local calendar day, YYYY-MM-DD. */
  day: string;
  /** Local hour, 0 to 23. */
  hour: number;
  /** Local day of the week, 0 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const results = new Map<string, LocalHour>();

/** Converts a UTC day and hour to the local day and hour of an IANA time zone (DST-aware). */
export function toLocalHour(utcDay: string, utcHour: number, timeZone: string): LocalHour {
  const key = `${timeZone}|${utcDay}|${utcHour}`;
  const cached = results.get(key);
  if (cached) return cached;

  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', weekday: 'short', hourCycle: 'h23' });
    formatters.set(timeZone, formatter);
  }
  // The middle of the hour, so that zones with half-hour offsets land in the right local hour.
  const instant = Date.parse(`${utcDay}T${String(utcHour).padStart(2, '0')}:30:00Z`);
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const result = { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), weekday: weekdays.indexOf(parts.weekday) };
  results.set(key, result);
  return result;
}

// Countries spanning several zones, mapped to the zone of their capital or largest population;
// countries-and-timezones lists zones alphabetically, so its first (America/Adak for US) misleads.
const MAIN_TIME_ZONE: Record<string, string> = {
  AU: 'Australia/Sydney',
  BR: 'America/Sao_Paulo',
  CA: 'America/Toronto',
  CN: 'Asia/Shanghai',
  ID: 'Asia/Jakarta',
  KZ: 'Asia/Almaty',
  MX: 'America/Mexico_City',
  RU: 'Europe/Moscow',
  US: 'America/New_York',
};

/** Returns the main IANA time zone of a country, used where no geolocated address gives one. */
export function countryTimeZone(country: string): string | undefined {
  return MAIN_TIME_ZONE[country] ?? ct.getCountry(country)?.timezones[0];
}

const knownTimeZones = new Map<string, boolean>();

/** Checks that the runtime supports a time zone name. */
export function isKnownTimeZone(timeZone: string): boolean {
  let known = knownTimeZones.get(timeZone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      known = true;
    } catch {
      known = false;
    }
    knownTimeZones.set(timeZone, known);
  }
  return known;
}
