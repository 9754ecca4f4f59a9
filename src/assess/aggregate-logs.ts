// Runs the stages up to the aggregate: ingest, population and direction, enrich, categorise,
// aggregate. DNS, TLS and HTTP logs are read first, so that connections in any file order can be
// attributed to the names seen for their remote address.

import type { Category, ConnRecord, GeoLocation, NetworkInfo, RecordTally, ResourceAudience } from '../types.ts';
import { Aggregate, notePeerConnection, placeKey, type CellSeries, type InboundPeer, type ResourceUse } from '../aggregate/aggregate.ts';
import { classifyOutcome } from '../aggregate/classify-outcome.ts';
import { categoriseDomain, categoriseNetworkOnly, loadGeodata, matchEconomicZones, resolveCity } from '../categorise/index.ts';
import type { Geodata } from '../categorise/index.ts';
import { DomainIndex, type Attribution } from '../enrich/attribute-domains.ts';
import { openAsnDatabase } from '../enrich/open-asn.ts';
import { openGeoIp } from '../enrich/open-geoip.ts';
import { createEnricher, type Enricher } from '../enrich/create-enricher.ts';
import { loadNetworkLists } from '../enrich/load-network-lists.ts';
import { loadTorExits } from '../enrich/load-tor-exits.ts';
import { discoverInputs, readLogFile, createRejectSampler, createTally, mergeTally } from '../ingest/index.ts';
import type { InputFile, SkippedInput, RejectExample } from '../ingest/index.ts';
import { classifyDirection, parsePopulation, requirePopulationOrLocalFlags, type PopulationSet } from '../population/index.ts';
import { InputError } from '../errors.ts';
import { ownString } from '../util/own-string.ts';
import type { DatabaseSummary } from '../report/assessment.ts';

export interface AggregateOptions {
  /** Log files or folders. */
  inputs: string[];
  /** Comma-separated CIDRs or a file of them; without it, Zeek's local_orig/local_resp decide. */
  population?: string;
  /** Forces the input format, for example "zeek-json" or "zeek-tsv:conn". */
  inputFormat?: string;
  /** MaxMind City or Country MMDB; default: the embedded GeoLite2 City. */
  geoipPath?: string;
  /** GeoLite2-ASN MMDB; default: the embedded ip-location-db ASN ranges. */
  asnPath?: string;
  /** Tor exit list, one address per line; its addresses are classed as opsec. */
  torExitsPath?: string;
  geodataDir?: string;
  /** Seconds a DNS answer is trusted at least (default 3600). */
  dnsWindowSeconds?: number;
  /** Weight of a failed connection in resource counts, 0 to 1 (from the weights file). */
  failedWeight?: number;
  /** Called with progress lines for long runs; nothing is printed by this module. */
  onProgress?: (message: string) => void;
  /** Called as each stage ends, for example to time the passes apart from database loading. */
  onStageEnd?: (stage: AggregateStage) => void;
}

/** Stages of aggregateLogs in order: open the databases, read names, read connections. */
export type AggregateStage = 'load' | 'names' | 'connections';

export interface RunContext {
  tally: RecordTally;
  rejectExamples: RejectExample[];
  files: { path: string; format: string; kind: string; tally: RecordTally }[];
  skippedFiles: SkippedInput[];
  distinctRemoteAddresses: number;
  databases: { geoip: DatabaseSummary; asn: DatabaseSummary };
  populationDescription: string;
}

interface AddressInfo {
  /** Canonical text of the remote address. */
  address: string;
  geo?: GeoLocation;
  network: NetworkInfo;
  /** Place key of the geolocation: "CC/City", "CC" or '' when not located. */
  place: string;
  country: string;
  city: string;
  /** Audience from the network alone, for connections with no attributed domain. */
  networkAudience: ResourceAudience;
  /** True when every connection to this address has one attribution: SNI or Host names, or none. DNS names change over time. */
  attributionFixed: boolean;
  /** The attribution of every connection, when attributionFixed. */
  attribution: Attribution | undefined;
  /** The routes of `routes` that every outbound or inbound connection takes, when attributionFixed. */
  fixedOutbound: Route | undefined;
  fixedInbound: Route | undefined;
  /** Routes of connections to this address without a name, and with SNI or Host names, by direction. */
  routes: { outbound?: Route; inbound?: Route; namedOutbound?: Route; namedInbound?: Route };
  /** Routes of connections named by DNS answers, which change over time, by direction and names. */
  dnsRoutes?: Map<string, Route>;
  /** [{ share: 1, networkAudience }], built once so that unattributed connections allocate no list. */
  zones: { name: string; country: string; city?: string }[];
}

const PROGRESS_EVERY = 500_000;

export async function aggregateLogs(options: AggregateOptions): Promise<{ aggregate: Aggregate; context: RunContext }> {
  const progress = options.onProgress ?? (() => {});
  const population = options.population ? parsePopulation(options.population) : undefined;
  const { inputs: files, skipped } = await discoverInputs(options.inputs, { inputFormat: options.inputFormat });
  if (!files.some((file) => file.kind === 'conn')) {
    // The skipped files and their reasons show an empty or unsupported input, not just "none found".
    const skippedList = skipped.slice(0, 5).map((entry) => `${entry.path} (${entry.reason})`);
    if (skipped.length > 5) skippedList.push(`${skipped.length - 5} more`);
    let found = files.length > 0 ? `; found only ${files.map((file) => `${file.kind} log ${file.path}`).join(', ')}` : '';
    if (files.length === 0 && skipped.length === 0) found = '; the folders given hold no files';
    throw new InputError(
      `no connection log among the inputs (${options.inputs.join(', ')})${found}${skippedList.length > 0 ? `; skipped: ${skippedList.join(', ')}` : ''}`,
      'Give a Zeek conn log (TSV or JSON) or a NetFlow/IPFIX CSV export; DNS, TLS and HTTP logs only add domain names to connections.',
    );
  }

  const [geoip, asn] = await Promise.all([openGeoIp({ path: options.geoipPath }), openAsnDatabase({ path: options.asnPath })]);
  const lists = loadNetworkLists();
  const geodata = loadGeodata(options.geodataDir);
  const torExits = options.torExitsPath ? await loadTorExits(options.torExitsPath) : new Set<string>();
  options.onStageEnd?.('load');

  const tally = createTally();
  const sampler = createRejectSampler();
  const context: RunContext = {
    tally,
    rejectExamples: [],
    files: [],
    skippedFiles: skipped,
    distinctRemoteAddresses: 0,
    databases: { geoip: summarise(geoip.info), asn: summarise(asn.info) },
    populationDescription: options.population ? `--population ${options.population}` : 'Zeek local_orig/local_resp flags',
  };

  // Pass 1: names for addresses.
  const domains = new DomainIndex({ minDnsWindowSeconds: options.dnsWindowSeconds });
  for (const file of files.filter((entry) => entry.kind !== 'conn')) {
    const fileTally = createTally();
    for await (const batch of readLogFile(file, { tally: fileTally, onReject: sampler.add })) {
      for (let record = batch.next(); record !== undefined; record = batch.next()) {
        if (record.kind === 'conn') {
          // A JSON line with its own _path can be a connection inside a DNS, TLS or HTTP file.
          countIgnored(fileTally, 'conn record in a log of names');
          continue;
        }
        const usable = record.kind === 'dns' ? domains.addDnsAnswer(record) > 0 : domains.addObservation(record);
        if (usable) fileTally.used += 1;
        else countIgnored(fileTally, 'no usable name or address');
      }
    }
    finishFile(context, file, fileTally);
  }
  options.onStageEnd?.('names');

  // Pass 2: connections.
  const aggregate = new Aggregate();
  const addresses = new Map<string, AddressInfo>();
  const audiences = new Map<string, ResourceAudience>();
  const failedWeight = options.failedWeight ?? 0.02;
  // addresses (above) is the per-address cache, so the enricher keeps none of its own.
  const enricher = createEnricher({ geoip, asn, lists, torExits }, { cache: { get: () => undefined, set: () => undefined } });
  const enrich = (address: string) => enrichAddress(address, enricher, geodata);
  let checkedLocalFlags = false;
  let processed = 0;

  for (const file of files.filter((entry) => entry.kind === 'conn')) {
    const fileTally = createTally();
    for await (const batch of readLogFile(file, { tally: fileTally, onReject: sampler.add })) {
      for (let record = batch.next(); record !== undefined; record = batch.next()) {
        if (record.kind !== 'conn') {
          countIgnored(fileTally, `${record.kind} record in a connection log`);
          continue;
        }
        if (!population && !checkedLocalFlags) {
          requirePopulationOrLocalFlags(record, population);
          checkedLocalFlags = true;
        }

        const direction = classifyDirection(record, population);
        if (direction !== 'outbound' && direction !== 'inbound') {
          countIgnored(fileTally, direction);
          continue;
        }
        const outbound = direction === 'outbound';
        const remoteHost = outbound ? record.respHost : record.origHost;
        const remotePort = outbound ? record.respPort : record.origPort;
        const localPort = outbound ? record.origPort : record.respPort;
        if (isOneWayReply(record, direction, remotePort, localPort)) {
          countIgnored(fileTally, 'reply half of a one-way flow');
          continue;
        }
        fileTally.used += 1;

        let info = addresses.get(remoteHost);
        if (!info) {
          // A copy, because the record's text would keep its whole read chunk alive (see ownString).
          const address = ownString(remoteHost);
          info = enrich(address);
          if (domains.isTimeInvariant(address)) {
            info.attributionFixed = true;
            info.attribution = domains.attribute(address, record.ts);
          }
          addresses.set(address, info);
          if (info.place) aggregate.addLocatedAddress(info.place, info.geo?.accuracyRadiusKm, info.geo?.timeZone);
          if (info.city) aggregate.addLocatedAddress(info.country, info.geo?.accuracyRadiusKm, info.geo?.timeZone);
        }
        addConnection(aggregate, record, direction, localPort, info, domains, audiences, geodata, failedWeight);

        processed += 1;
        if (processed % PROGRESS_EVERY === 0) progress(`${processed} connections processed (${file.path})`);
      }
    }
    finishFile(context, file, fileTally);
  }

  addRouteTotals(aggregate, addresses.values());
  options.onStageEnd?.('connections');

  context.rejectExamples = sampler.examples();
  context.distinctRemoteAddresses = addresses.size;
  return { aggregate, context };
}

/**
 * NetFlow v5/v9 exports carry each direction of a connection as its own flow, so a server's reply
 * (remote service port to local ephemeral port) would look like an inbound connection. Zeek conn
 * records have a state or history and are never one-way halves.
 */
function isOneWayReply(record: ConnRecord, direction: 'outbound' | 'inbound', remotePort: number, localPort: number): boolean {
  return direction === 'inbound' && record.connState === undefined && record.history === undefined && remotePort < 1024 && localPort >= 1024;
}

/** Counts a parsed record that the pipeline cannot use; readLogFile leaves used and ignored to its caller. */
function countIgnored(tally: RecordTally, reason: string): void {
  tally.ignored[reason] = (tally.ignored[reason] ?? 0) + 1;
}

function finishFile(context: RunContext, file: InputFile, fileTally: RecordTally): void {
  mergeTally(context.tally, fileTally);
  context.files.push({ path: file.path, format: file.format, kind: file.kind, tally: fileTally });
}

function summarise(info: { databaseType: string; buildDate: string; schema: string; paths: string[] }): DatabaseSummary {
  return { databaseType: info.databaseType, buildDate: info.buildDate, schema: info.schema, paths: info.paths };
}

function enrichAddress(address: string, enricher: Enricher, geodata: Geodata): AddressInfo {
  const { geo, network } = enricher(address);
  const country = geo?.country ?? '';
  // GeoIP city names are matched to the gazetteer spelling, so endpoint and resource places agree.
  const city = country && geo?.city ? (resolveCity(country, geo.city)?.name ?? geo.city) : '';
  // Without an accuracy radius the zone test falls back to a wide default disc. Around a zone
  // next to a big city (Noida beside Delhi) that disc would catch the whole city, so there the
  // geolocated city must also be the zone's city.
  const zones = (geo ? matchEconomicZones(geo, geodata) : [])
    .filter((match) => geo?.accuracyRadiusKm !== undefined || match.zone.city === city)
    .map((match) => ({ name: match.zone.name, country: match.zone.country, city: match.zone.city }));
  const networkAudience = categoriseNetworkOnly(network, geo, address);
  return {
    address,
    geo,
    network,
    place: country ? placeKey(country, city || undefined) : '',
    country,
    city,
    networkAudience,
    attributionFixed: false,
    attribution: undefined,
    fixedOutbound: undefined,
    fixedInbound: undefined,
    routes: {},
    zones,
  };
}

// Network classes whose server location tells nothing of the place, so zones skip them.
const ZONE_SKIPPED_CLASSES: ReadonlySet<string> = new Set(['cdn', 'cloud-hosting', 'global-platform', 'opsec']);

/** One series to add a connection to, with the share of the connection it gets. */
interface Slot {
  series: CellSeries;
  share: number;
  /** Resource use to count, resolved on first use so that unused routes add no resource. */
  resource?: { place: string; resource: string; category: Category; rule: string; use?: ResourceUse };
  ambiguity: number;
  /** Counted only for established connections (local evidence from a network alone). */
  establishedOnly: boolean;
  /** Failed connections add `failedWeight` to the resource count (domain audiences), or only to the cells (zones). */
  zone: boolean;
}

/**
 * Everything a connection to one address, in one direction and with one attribution, adds to: the
 * series and resources are resolved once per route, so a connection costs a few numeric map
 * lookups and additions.
 */
interface Route {
  slots: Slot[];
  /** Hour since the Unix epoch of the cells in `cells`. */
  hour: number;
  /** Cell index of each slot in `hour`, or -1 until a connection in that hour adds to it. */
  cells: Int32Array;
  categoryShares: [Category, number][];
  attributed: boolean;
  inboundPeer?: InboundPeer;
  /** Connections that took this route; the run totals are summed from these at the end. */
  connections: number;
}

function buildRoute(aggregate: Aggregate, direction: 'outbound' | 'inbound', info: AddressInfo, attribution: Attribution | undefined, audiences: Map<string, ResourceAudience>, geodata: Geodata): Route {
  // A VPN server or Tor exit hides where the traffic goes next: the names seen on it belong to
  // the anonymity service, so its connections count as opsec whatever their names.
  const shares =
    attribution && info.network.networkClass !== 'opsec'
      ? attribution.domains.map((entry) => ({ share: entry.share, audience: audienceOf(entry.domain, audiences, geodata) }))
      : [{ share: 1, audience: info.networkAudience }];
  const ambiguity = attribution?.ambiguity ?? 0;
  const slots: Slot[] = [];
  const categoryShares: [Category, number][] = [];

  for (const { share, audience } of shares) {
    categoryShares.push([audience.category, share]);
    const endpoint = aggregate.series({ layer: 'endpoint', country: info.country, city: info.city, category: audience.category, networkClass: info.network.networkClass, direction });
    slots.push({ series: endpoint, share, ambiguity, establishedOnly: false, zone: false });

    // A network alone gives "other" for any ordinary server. Only a domain, or an education or
    // government network that the population itself reached, makes a resource local to an
    // audience. Inbound scans from university networks are common and tell nothing of the users.
    if (!audience.country) continue;
    if (!attribution && (audience.category === 'other' || direction === 'inbound')) continue;
    slots.push({
      series: aggregate.series({ layer: 'resource', country: audience.country, city: audience.city ?? '', category: audience.category, networkClass: '', direction }),
      share,
      resource: { place: placeKey(audience.country, audience.city), resource: audience.resource, category: audience.category, rule: audience.rule },
      ambiguity,
      establishedOnly: !attribution,
      zone: false,
    });
  }

  // Economic zones are matched on the server's location, so hosting that sits in a zone counts
  // only when it is not CDN, cloud or a global platform. Only outbound connections count,
  // because inbound peers in a zone are measured as inbound peers.
  if (direction === 'outbound' && !ZONE_SKIPPED_CLASSES.has(info.network.networkClass)) {
    for (const zone of info.zones) {
      slots.push({
        series: aggregate.series({ layer: 'resource', country: zone.country, city: zone.city ?? '', category: 'economic-zone', networkClass: '', direction }),
        share: 1,
        resource: { place: placeKey(zone.country, zone.city), resource: `zone:${zone.name}`, category: 'economic-zone', rule: `server geolocated in economic zone ${zone.name}` },
        ambiguity: 0,
        establishedOnly: false,
        zone: true,
      });
    }
  }
  return { slots, hour: -1, cells: new Int32Array(slots.length), categoryShares, attributed: attribution !== undefined, connections: 0 };
}

/** Adds the connections counted on each route to the run totals, by category and network class. */
function addRouteTotals(aggregate: Aggregate, infos: Iterable<AddressInfo>): void {
  const totals = aggregate.totals;
  for (const info of infos) {
    const routes = [info.routes.outbound, info.routes.inbound, info.routes.namedOutbound, info.routes.namedInbound, ...(info.dnsRoutes?.values() ?? [])];
    for (const route of routes) {
      if (!route || route.connections === 0) continue;
      totals.connections += route.connections;
      totals.byNetworkClass[info.network.networkClass] = (totals.byNetworkClass[info.network.networkClass] ?? 0) + route.connections;
      if (!info.place) totals.unlocated += route.connections;
      if (route.attributed) totals.attributed += route.connections;
      for (const [category, share] of route.categoryShares) totals.byCategory[category] = (totals.byCategory[category] ?? 0) + share * route.connections;
    }
  }
}

/** Returns the route of a connection, cached per address, direction and attribution. */
function routeFor(aggregate: Aggregate, direction: 'outbound' | 'inbound', info: AddressInfo, attribution: Attribution | undefined, audiences: Map<string, ResourceAudience>, geodata: Geodata): Route {
  // SNI and network-only attributions are the same for every connection to an address, so their
  // routes sit in fields. DNS attributions depend on time, so they are keyed by names and shares.
  if (!attribution || attribution.source === 'sni-or-host') {
    let field: keyof AddressInfo['routes'] = direction;
    if (attribution) field = direction === 'outbound' ? 'namedOutbound' : 'namedInbound';
    return (info.routes[field] ??= buildRoute(aggregate, direction, info, attribution, audiences, geodata));
  }

  const key = `${direction} ${attribution.domains.map((entry) => `${entry.domain}=${entry.share}`).join(' ')}`;
  info.dnsRoutes ??= new Map();
  let route = info.dnsRoutes.get(key);
  if (!route) {
    route = buildRoute(aggregate, direction, info, attribution, audiences, geodata);
    info.dnsRoutes.set(key, route);
  }
  return route;
}

function addConnection(
  aggregate: Aggregate,
  record: ConnRecord,
  direction: 'outbound' | 'inbound',
  localPort: number,
  info: AddressInfo,
  domains: DomainIndex,
  audiences: Map<string, ResourceAudience>,
  geodata: Geodata,
  failedWeight: number,
): void {
  const hourSinceEpoch = Math.floor(record.ts / 3600);
  const established = classifyOutcome(record) === 'established' ? 1 : 0;
  const failed = 1 - established;
  const bytes = (record.origBytes ?? 0) + (record.respBytes ?? 0);
  aggregate.noteTime(record.ts);

  let route = direction === 'outbound' ? info.fixedOutbound : info.fixedInbound;
  if (route === undefined) {
    const attribution = info.attributionFixed ? info.attribution : domains.attribute(info.address, record.ts);
    route = routeFor(aggregate, direction, info, attribution, audiences, geodata);
    if (info.attributionFixed && direction === 'outbound') info.fixedOutbound = route;
    else if (info.attributionFixed) info.fixedInbound = route;
  }
  route.connections += 1;

  if (direction === 'inbound' && info.place) {
    route.inboundPeer ??= aggregate.inboundPeerEntry(info.place, info.address, info.network.networkClass);
    notePeerConnection(route.inboundPeer, established === 1, localPort);
  }

  // The route keeps the cell index of each slot for the current hour, so that a connection adds
  // to the counters without a lookup per slot.
  const slots = route.slots;
  const cells = route.cells;
  if (route.hour !== hourSinceEpoch) {
    route.hour = hourSinceEpoch;
    cells.fill(-1);
  }
  for (let index = 0; index < slots.length; index++) {
    const slot = slots[index];
    if (slot.establishedOnly && !established) continue;
    let cell = cells[index];
    if (cell === -1) {
      cell = aggregate.cellIndex(slot.series, hourSinceEpoch);
      cells[index] = cell;
    }
    const share = slot.share;
    aggregate.addToCell(cell, established * share, failed * share, bytes * share);
    if (!slot.resource) continue;

    const use = (slot.resource.use ??= aggregate.resourceEntry(slot.resource.place, slot.resource.resource, slot.resource.category, slot.resource.rule));
    use.connections += share * (established + failed * failedWeight);
    use.ambiguityWeight += share * slot.ambiguity;
  }
}

function audienceOf(domain: string, cache: Map<string, ResourceAudience>, geodata: Geodata): ResourceAudience {
  let audience = cache.get(domain);
  if (!audience) {
    audience = categoriseDomain(domain, geodata);
    cache.set(domain, audience);
  }
  return audience;
}
