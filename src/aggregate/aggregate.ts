// Mergeable counters of the monitored population's traffic, keyed by place, category, direction,
// UTC day and UTC hour. Two layers describe two different things:
// - endpoint: where the remote address is geolocated (country, city) and its network class;
// - resource: whose residents use the resource (the audience country and city) and its category.
// Aggregates of shards (files, days, sensors) merge by adding counters, so `footprint aggregate`
// can write one and `--baseline` can read it back.

import type { Category, Direction, NetworkClass } from '../types.ts';
import { DataError } from '../errors.ts';
import { compareText } from '../util/compare-text.ts';

export const AGGREGATE_SCHEMA = 'footprint-aggregate/1';

export type Layer = 'endpoint' | 'resource';

export interface CellKey {
  layer: Layer;
  /** ISO country code, or '' when unknown. */
  country: string;
  /** City name, or '' when unknown or country-level only. */
  city: string;
  category: Category;
  /** Network class of the remote address; '' on the resource layer. */
  networkClass: NetworkClass | '';
  direction: Direction;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** UTC hour, 0 to 23. */
  hour: number;
}

export interface CellCounts {
  /** Established connections, weighted by the domain share they were attributed with. */
  established: number;
  /** Failed connections (no reply, rejected, no payload), weighted likewise. */
  failed: number;
  /** Bytes in both directions, weighted likewise. */
  bytes: number;
}

export interface Cell extends CellKey, CellCounts {}

/** One resource (registrable domain, zone or network) used by the population, per audience place. */
export interface ResourceUse {
  place: string;
  resource: string;
  category: Category;
  /** Weighted established connections. */
  connections: number;
  /** Rule or list entry that categorised it. */
  rule: string;
  /** Sum of attribution ambiguity times weight, for the mean ambiguity of the place. */
  ambiguityWeight: number;
}

/** One remote peer that connected to the population (inbound), per geolocated place. */
export interface InboundPeer {
  place: string;
  peer: string;
  networkClass: NetworkClass;
  connections: number;
  established: number;
  /** Distinct local ports it reached, at most MAX_PEER_PORTS kept. */
  ports: number[];
}

/** Geolocation quality of the endpoints in one place. */
export interface PlaceQuality {
  place: string;
  /** Distinct remote addresses geolocated there. */
  addresses: number;
  /** Addresses whose database gave an accuracy radius, and the sum of those radii in km. */
  addressesWithAccuracy: number;
  accuracyKmSum: number;
  /** IANA time zones seen for its addresses, with counts. */
  timeZones: Record<string, number>;
}

export interface AggregateTotals {
  /** Connections of the population with a remote endpoint (after the population filter). */
  connections: number;
  /** Connections with at least one attributed domain. */
  attributed: number;
  /** Weighted connections by resource category. */
  byCategory: Partial<Record<Category, number>>;
  /** Connections by network class of the remote address. */
  byNetworkClass: Partial<Record<NetworkClass, number>>;
  /** Connections whose remote address had no geolocation. */
  unlocated: number;
}

export interface AggregateJson {
  schema: typeof AGGREGATE_SCHEMA;
  /** First and last connection time, seconds since the epoch; null for an empty aggregate. */
  firstTs: number | null;
  lastTs: number | null;
  totals: AggregateTotals;
  cells: Cell[];
  resources: ResourceUse[];
  inboundPeers: InboundPeer[];
  quality: PlaceQuality[];
}

export const MAX_PEER_PORTS = 32;

const SEPARATOR = '\u0001';

/** The part of a cell key without day and hour. */
export type SeriesKey = Omit<CellKey, 'day' | 'hour'>;

/**
 * The cells of one key without its day and hour, by hour since the Unix epoch. The aggregation
 * pass resolves a connection's keys once per remote address and then adds to these series with a
 * numeric hour, instead of building and hashing a key string per connection.
 */
export class CellSeries {
  /** Cell index by hour since the Unix epoch. */
  readonly byHour = new Map<number, number>();
  // Logs run in time order, so most connections of a series fall in the hour of the one before.
  lastHour = -1;
  lastIndex = -1;

  constructor(
    readonly key: SeriesKey,
    readonly id: string,
  ) {}
}

/** Creates a cell property by property, so that every cell has one shape (an object spread gave V8 dictionary-mode objects). */
function newCell(key: SeriesKey, day: string, hour: number, established: number, failed: number, bytes: number): Cell {
  return {
    layer: key.layer,
    country: key.country,
    city: key.city,
    category: key.category,
    networkClass: key.networkClass,
    direction: key.direction,
    day,
    hour,
    established,
    failed,
    bytes,
  };
}

const dayAndHourCache = new Map<number, { day: string; hour: number }>();

/** Returns the UTC day (YYYY-MM-DD) and hour (0 to 23) of an hour since the Unix epoch. */
function utcDayAndHour(hourSinceEpoch: number): { day: string; hour: number } {
  let entry = dayAndHourCache.get(hourSinceEpoch);
  if (!entry) {
    const iso = new Date(hourSinceEpoch * 3_600_000).toISOString();
    entry = { day: iso.slice(0, 10), hour: Number(iso.slice(11, 13)) };
    dayAndHourCache.set(hourSinceEpoch, entry);
  }
  return entry;
}

// Resource counters start as this fraction and are then set to their value. V8 stores a field
// whose first value is a small integer as a tagged integer, so every later `+=` of a fraction
// allocated a new heap number, which the scavenger then copied into old space. A field created
// with a fraction stores a double that is updated in place (V8 11, Node 20).
const DOUBLE_FIELD = 0.5;

/** Place key: "CZ" for a country, "CZ/Prague" for a city in it. */
export function placeKey(country: string, city?: string): string {
  return city ? `${country}/${city}` : country;
}

/** Returns the hour since the Unix epoch of a UTC day (YYYY-MM-DD) and hour, or NaN when they name no such hour. */
function hourSinceEpochOf(day: string, hour: number): number {
  const hourSinceEpoch = Date.parse(`${day}T00:00:00Z`) / 3_600_000 + hour;
  if (!Number.isInteger(hourSinceEpoch) || !Number.isInteger(hour) || hour < 0 || hour > 23) return NaN;
  const check = utcDayAndHour(hourSinceEpoch);
  return check.day === day && check.hour === hour ? hourSinceEpoch : NaN;
}

export class Aggregate {
  // Cell storage in flat arrays: cell i belongs to #cellSeries[i] at hour #cellHours[i] (since
  // the Unix epoch), and its counts are #counts[3i] (established), [3i + 1] (failed) and
  // [3i + 2] (bytes). As objects, each cell kept its three counters as separate heap numbers, and
  // reaching them cost the aggregation pass more than the arithmetic. `cells` builds the objects
  // when read.
  #cellSeries: CellSeries[] = [];
  #cellHours: number[] = [];
  #counts = new Float64Array(3 * 1024);
  #cellCount = 0;
  #cellView: Map<string, Cell> | undefined;
  readonly resources = new Map<string, ResourceUse>();
  readonly inboundPeers = new Map<string, InboundPeer>();
  readonly quality = new Map<string, PlaceQuality>();
  private readonly seriesById = new Map<string, CellSeries>();
  firstTs: number | null = null;
  lastTs: number | null = null;
  totals: AggregateTotals = { connections: 0, attributed: 0, byCategory: {}, byNetworkClass: {}, unlocated: 0 };

  /**
   * Cells by key string (layer, country, city, category, network class, direction, day, hour), in
   * the order they were created. Built on first read after a change; changing the returned cells
   * changes nothing in the aggregate.
   */
  get cells(): Map<string, Cell> {
    if (this.#cellView === undefined) {
      const view = new Map<string, Cell>();
      const counts = this.#counts;
      for (let index = 0; index < this.#cellCount; index++) {
        const series = this.#cellSeries[index];
        const { day, hour } = utcDayAndHour(this.#cellHours[index]);
        const base = 3 * index;
        view.set(series.id + SEPARATOR + day + SEPARATOR + hour, newCell(series.key, day, hour, counts[base], counts[base + 1], counts[base + 2]));
      }
      this.#cellView = view;
    }
    return this.#cellView;
  }

  /** Number of cells. */
  get cellCount(): number {
    return this.#cellCount;
  }

  /**
   * Adds counts to the cell of a key, created on first use. Throws RangeError when the key's day
   * and hour name no UTC hour; fromJSON checks them first.
   */
  addCell(key: CellKey, counts: CellCounts): void {
    const hourSinceEpoch = hourSinceEpochOf(key.day, key.hour);
    if (Number.isNaN(hourSinceEpoch)) {
      throw new RangeError(`invalid cell day ${JSON.stringify(key.day)} or hour ${JSON.stringify(key.hour)}: expected a UTC day (YYYY-MM-DD) and an hour from 0 to 23`);
    }
    const series = this.series({ layer: key.layer, country: key.country, city: key.city, category: key.category, networkClass: key.networkClass, direction: key.direction });
    this.addToSeries(series, hourSinceEpoch, counts.established, counts.failed, counts.bytes);
  }

  /** Returns the series of a key without day and hour, created on first use. */
  series(key: SeriesKey): CellSeries {
    const id = key.layer + SEPARATOR + key.country + SEPARATOR + key.city + SEPARATOR + key.category + SEPARATOR + key.networkClass + SEPARATOR + key.direction;
    let series = this.seriesById.get(id);
    if (!series) {
      series = new CellSeries({ layer: key.layer, country: key.country, city: key.city, category: key.category, networkClass: key.networkClass, direction: key.direction }, id);
      this.seriesById.set(id, series);
    }
    return series;
  }

  /**
   * Returns the index of the cell of `series` at `hourSinceEpoch` (floor of seconds / 3600),
   * created with zero counts on first use. addToCell() adds to it.
   */
  cellIndex(series: CellSeries, hourSinceEpoch: number): number {
    if (series.lastHour === hourSinceEpoch) return series.lastIndex;

    let index = series.byHour.get(hourSinceEpoch);
    if (index === undefined) {
      index = this.#cellCount++;
      if (3 * this.#cellCount > this.#counts.length) {
        const grown = new Float64Array(2 * this.#counts.length);
        grown.set(this.#counts);
        this.#counts = grown;
      }
      this.#cellSeries.push(series);
      this.#cellHours.push(hourSinceEpoch);
      series.byHour.set(hourSinceEpoch, index);
      this.#cellView = undefined;
    }
    series.lastHour = hourSinceEpoch;
    series.lastIndex = index;
    return index;
  }

  /** Adds counts to the cell at `index`, as returned by cellIndex(). */
  addToCell(index: number, established: number, failed: number, bytes: number): void {
    this.#cellView = undefined;
    const counts = this.#counts;
    const base = 3 * index;
    counts[base] += established;
    counts[base + 1] += failed;
    counts[base + 2] += bytes;
  }

  /** Adds counts to the cell of `series` at `hourSinceEpoch` (floor of seconds / 3600); same result as addCell. */
  addToSeries(series: CellSeries, hourSinceEpoch: number, established: number, failed: number, bytes: number): void {
    this.addToCell(this.cellIndex(series, hourSinceEpoch), established, failed, bytes);
  }

  /** Returns the resource use of a place, created with zero counts on first use. */
  resourceEntry(place: string, resource: string, category: Category, rule: string): ResourceUse {
    const id = place + SEPARATOR + resource;
    let use = this.resources.get(id);
    if (!use) {
      use = { place, resource, category, connections: DOUBLE_FIELD, rule, ambiguityWeight: DOUBLE_FIELD };
      use.connections = 0;
      use.ambiguityWeight = 0;
      this.resources.set(id, use);
    }
    return use;
  }

  /** Returns the inbound peer entry of a place, created with zero counts on first use. */
  inboundPeerEntry(place: string, peer: string, networkClass: NetworkClass): InboundPeer {
    const id = place + SEPARATOR + peer;
    let entry = this.inboundPeers.get(id);
    if (!entry) {
      entry = { place, peer, networkClass, connections: 0, established: 0, ports: [] };
      this.inboundPeers.set(id, entry);
    }
    return entry;
  }

  addResource(use: ResourceUse): void {
    const id = use.place + SEPARATOR + use.resource;
    const existing = this.resources.get(id);
    if (existing) {
      existing.connections += use.connections;
      existing.ambiguityWeight += use.ambiguityWeight;
    } else {
      this.resources.set(id, { ...use });
    }
  }

  addInboundPeer(place: string, peer: string, networkClass: NetworkClass, established: boolean, port: number): void {
    notePeerConnection(this.inboundPeerEntry(place, peer, networkClass), established, port);
  }

  /** Records one distinct remote address in a place; call once per address, not per connection. */
  addLocatedAddress(place: string, accuracyKm: number | undefined, timeZone: string | undefined): void {
    let entry = this.quality.get(place);
    if (!entry) {
      entry = { place, addresses: 0, addressesWithAccuracy: 0, accuracyKmSum: 0, timeZones: {} };
      this.quality.set(place, entry);
    }
    entry.addresses += 1;
    if (accuracyKm !== undefined) {
      entry.addressesWithAccuracy += 1;
      entry.accuracyKmSum += accuracyKm;
    }
    if (timeZone) entry.timeZones[timeZone] = (entry.timeZones[timeZone] ?? 0) + 1;
  }

  noteTime(ts: number): void {
    if (this.firstTs === null || ts < this.firstTs) this.firstTs = ts;
    if (this.lastTs === null || ts > this.lastTs) this.lastTs = ts;
  }

  /** Adds every counter of `other` into this aggregate. */
  merge(other: Aggregate): this {
    for (const cell of other.cells.values()) this.addCell(cell, cell);
    for (const use of other.resources.values()) this.addResource(use);
    for (const peer of other.inboundPeers.values()) {
      const id = peer.place + SEPARATOR + peer.peer;
      const entry = this.inboundPeers.get(id);
      if (!entry) {
        this.inboundPeers.set(id, { ...peer, ports: [...peer.ports] });
        continue;
      }
      entry.connections += peer.connections;
      entry.established += peer.established;
      for (const port of peer.ports) {
        if (entry.ports.length < MAX_PEER_PORTS && !entry.ports.includes(port)) entry.ports.push(port);
      }
    }
    for (const quality of other.quality.values()) {
      const entry = this.quality.get(quality.place);
      if (!entry) {
        this.quality.set(quality.place, { ...quality, timeZones: { ...quality.timeZones } });
        continue;
      }
      entry.addresses += quality.addresses;
      entry.addressesWithAccuracy += quality.addressesWithAccuracy;
      entry.accuracyKmSum += quality.accuracyKmSum;
      for (const [zone, count] of Object.entries(quality.timeZones)) entry.timeZones[zone] = (entry.timeZones[zone] ?? 0) + count;
    }
    if (other.firstTs !== null) this.noteTime(other.firstTs);
    if (other.lastTs !== null) this.noteTime(other.lastTs);
    this.totals.connections += other.totals.connections;
    this.totals.attributed += other.totals.attributed;
    this.totals.unlocated += other.totals.unlocated;
    addRecord(this.totals.byCategory, other.totals.byCategory);
    addRecord(this.totals.byNetworkClass, other.totals.byNetworkClass);
    return this;
  }

  /** Serialises with every list sorted, so equal aggregates give equal bytes. */
  toJSON(): AggregateJson {
    const cells = [...this.cells.entries()].sort(([a], [b]) => compareText(a, b)).map(([, cell]) => ({ ...cell }));
    const resources = [...this.resources.entries()].sort(([a], [b]) => compareText(a, b)).map(([, use]) => ({ ...use }));
    const inboundPeers = [...this.inboundPeers.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([, peer]) => ({ ...peer, ports: [...peer.ports].sort((a, b) => a - b) }));
    const quality = [...this.quality.values()]
      .sort((a, b) => compareText(a.place, b.place))
      .map((entry) => ({ ...entry, timeZones: sortRecord(entry.timeZones) }));
    return {
      schema: AGGREGATE_SCHEMA,
      firstTs: this.firstTs,
      lastTs: this.lastTs,
      // Keys written one by one: a spread would follow the order in which `totals` was built,
      // which differs between a new aggregate and one read back by fromJSON.
      totals: {
        connections: this.totals.connections,
        attributed: this.totals.attributed,
        byCategory: sortRecord(this.totals.byCategory),
        byNetworkClass: sortRecord(this.totals.byNetworkClass),
        unlocated: this.totals.unlocated,
      },
      cells,
      resources,
      inboundPeers,
      quality,
    };
  }

  /** Rebuilds an aggregate written by toJSON; `file` names the source in errors. */
  static fromJSON(data: unknown, file: string): Aggregate {
    if (typeof data !== 'object' || data === null || (data as { schema?: unknown }).schema !== AGGREGATE_SCHEMA) {
      throw new DataError(
        `${file}: not a footprint aggregate (expected "schema": "${AGGREGATE_SCHEMA}")`,
        'Write a baseline with `footprint aggregate LOGS --population CIDRS --out FILE`.',
      );
    }
    const json = data as AggregateJson;
    for (const field of ['cells', 'resources', 'inboundPeers', 'quality'] as const) {
      if (!Array.isArray(json[field])) throw new DataError(`${file}: field "${field}" is missing or not a list`, 'Write the baseline again with `footprint aggregate`.');
    }

    checkEntries(file, 'cells', json.cells, ['established', 'failed', 'bytes', 'hour'], ['layer', 'country', 'city', 'category', 'networkClass', 'direction', 'day']);
    json.cells.forEach((cell, index) => {
      if (Number.isNaN(hourSinceEpochOf(cell.day, cell.hour))) {
        throw new DataError(`${file}: cells[${index}] has day ${JSON.stringify(cell.day)} and hour ${cell.hour}, not a UTC day (YYYY-MM-DD) and hour (0 to 23)`, 'Write the baseline again with `footprint aggregate`.');
      }
    });
    checkEntries(file, 'resources', json.resources, ['connections', 'ambiguityWeight'], ['place', 'resource', 'category', 'rule']);
    checkEntries(file, 'inboundPeers', json.inboundPeers, ['connections', 'established'], ['place', 'peer', 'networkClass'], 'ports');
    checkEntries(file, 'quality', json.quality, ['addresses', 'addressesWithAccuracy', 'accuracyKmSum'], ['place']);

    const aggregate = new Aggregate();
    json.cells.forEach((cell) => aggregate.addCell(cell, cell));
    json.resources.forEach((use) => aggregate.addResource(use));
    for (const peer of json.inboundPeers) aggregate.inboundPeers.set(peer.place + SEPARATOR + peer.peer, { ...peer, ports: [...peer.ports] });
    for (const entry of json.quality) aggregate.quality.set(entry.place, { ...entry, timeZones: { ...entry.timeZones } });
    aggregate.firstTs = json.firstTs;
    aggregate.lastTs = json.lastTs;
    // The reference baseline reads only cells; totals feed the data-quality shares of merged runs.
    const totals = json.totals as unknown;
    if (typeof totals !== 'object' || totals === null || typeof (totals as AggregateTotals).connections !== 'number') {
      throw new DataError(`${file}: field "totals" is missing or has no "connections" count`, 'Write the aggregate again with `footprint aggregate`.');
    }
    aggregate.totals = {
      connections: json.totals?.connections ?? 0,
      attributed: json.totals?.attributed ?? 0,
      unlocated: json.totals?.unlocated ?? 0,
      byCategory: { ...json.totals?.byCategory },
      byNetworkClass: { ...json.totals?.byNetworkClass },
    };
    return aggregate;
  }
}

/**
 * Checks the fields of each entry of one list, so that a damaged or hand-edited file stops with
 * the entry's position instead of turning counts into NaN (or crashing on missing ports).
 */
function checkEntries(file: string, list: string, entries: unknown[], numbers: string[], strings: string[], numberList?: string): void {
  const fail = (index: number, detail: string) => {
    throw new DataError(`${file}: ${list}[${index}]${detail}`, 'Write the baseline again with `footprint aggregate`.');
  };
  entries.forEach((entry, index) => {
    if (typeof entry !== 'object' || entry === null) fail(index, ' is not an object');
    const record = entry as Record<string, unknown>;
    for (const key of numbers) {
      if (typeof record[key] !== 'number' || !Number.isFinite(record[key])) fail(index, `.${key} is ${JSON.stringify(record[key])}, not a number`);
    }
    for (const key of strings) {
      if (typeof record[key] !== 'string') fail(index, `.${key} is ${JSON.stringify(record[key])}, not a string`);
    }
    if (numberList !== undefined) {
      const values = record[numberList];
      if (!Array.isArray(values) || !values.every((value) => typeof value === 'number')) fail(index, `.${numberList} is ${JSON.stringify(values)}, not a list of numbers`);
    }
  });
}

/** Counts one inbound connection of a peer: established or not, and the local port it reached. */
export function notePeerConnection(entry: InboundPeer, established: boolean, port: number): void {
  entry.connections += 1;
  if (established) entry.established += 1;
  if (entry.ports.length < MAX_PEER_PORTS && !entry.ports.includes(port)) entry.ports.push(port);
}

function addRecord<K extends string>(target: Partial<Record<K, number>>, source: Partial<Record<K, number>>): void {
  for (const [key, value] of Object.entries(source) as [K, number][]) target[key] = (target[key] ?? 0) + value;
}

function sortRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareText(a, b)));
}
