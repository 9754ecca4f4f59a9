import test from 'ava';
import { Aggregate, AGGREGATE_SCHEMA, MAX_PEER_PORTS, placeKey, type CellKey } from '../../src/aggregate/aggregate.ts';
import { DataError } from '../../src/errors.ts';
import type { Category, NetworkClass } from '../../src/types.ts';

const PRAGUE_NEWS: CellKey = { layer: 'resource', country: 'CZ', city: 'Prague', category: 'local-news', networkClass: '', direction: 'outbound', day: '2024-07-01', hour: 8 };
const US_PLATFORM: CellKey = { layer: 'endpoint', country: 'US', city: '', category: 'global-service', networkClass: 'global-platform', direction: 'outbound', day: '2024-07-01', hour: 9 };

// One step of a run, applied to an aggregate as the aggregation stage does.
type Step = (aggregate: Aggregate) => void;

function connection(key: CellKey, established: number, failed: number, bytes: number, ts: number, networkClass: NetworkClass): Step {
  return (aggregate) => {
    aggregate.noteTime(ts);
    aggregate.totals.connections += 1;
    aggregate.totals.byNetworkClass[networkClass] = (aggregate.totals.byNetworkClass[networkClass] ?? 0) + 1;
    aggregate.totals.byCategory[key.category] = (aggregate.totals.byCategory[key.category] ?? 0) + 1;
    aggregate.addCell(key, { established, failed, bytes });
  };
}

function resource(place: string, name: string, category: Category, connections: number, ambiguityWeight: number): Step {
  return (aggregate) => aggregate.addResource({ place, resource: name, category, connections, rule: 'test list', ambiguityWeight });
}

const steps: Step[] = [
  connection(PRAGUE_NEWS, 1, 0, 5000, 1_719_820_800, 'access-isp'),
  connection(US_PLATFORM, 0, 1, 60, 1_719_824_400, 'global-platform'),
  connection(PRAGUE_NEWS, 1, 0, 7000, 1_719_820_900, 'access-isp'),
  connection({ ...US_PLATFORM, hour: 23, day: '2024-06-30' }, 1, 0, 900, 1_719_788_400, 'global-platform'),
  resource('CZ/Prague', 'idnes.cz', 'local-news', 1, 0),
  resource('CZ', 'seznam.cz', 'national-platform', 0.5, 0.25),
  resource('CZ/Prague', 'idnes.cz', 'local-news', 1, 0.5),
  (aggregate) => aggregate.addInboundPeer('CZ/Brno', '195.113.0.9', 'education', true, 22),
  (aggregate) => aggregate.addInboundPeer('DE', '185.220.101.1', 'unknown', false, 445),
  (aggregate) => aggregate.addInboundPeer('CZ/Brno', '195.113.0.9', 'education', false, 80),
  (aggregate) => aggregate.addInboundPeer('CZ/Brno', '195.113.0.9', 'education', true, 22),
  (aggregate) => aggregate.addLocatedAddress('CZ/Prague', 20, 'Europe/Prague'),
  (aggregate) => aggregate.addLocatedAddress('US', undefined, 'America/Chicago'),
  (aggregate) => aggregate.addLocatedAddress('CZ/Prague', undefined, 'Europe/Prague'),
  (aggregate) => aggregate.addLocatedAddress('US', 1000, 'America/New_York'),
];

function feed(selected: Step[]): Aggregate {
  const aggregate = new Aggregate();
  for (const step of selected) step(aggregate);
  return aggregate;
}

test('placeKey joins country and city', (t) => {
  t.is(placeKey('CZ'), 'CZ');
  t.is(placeKey('CZ', ''), 'CZ');
  t.is(placeKey('CZ', 'Prague'), 'CZ/Prague');
});

test('addCell adds counts of equal keys', (t) => {
  const aggregate = new Aggregate();
  aggregate.addCell(PRAGUE_NEWS, { established: 1, failed: 0, bytes: 100 });
  aggregate.addCell({ ...PRAGUE_NEWS }, { established: 0.5, failed: 2, bytes: 50 });
  aggregate.addCell({ ...PRAGUE_NEWS, hour: 9 }, { established: 1, failed: 0, bytes: 10 });

  t.is(aggregate.cells.size, 2);
  const cells = aggregate.toJSON().cells;
  t.deepEqual(cells[0], { ...PRAGUE_NEWS, established: 1.5, failed: 2, bytes: 150 });
  t.deepEqual(cells[1], { ...PRAGUE_NEWS, hour: 9, established: 1, failed: 0, bytes: 10 });
});

test('addCell keeps no reference to its arguments', (t) => {
  const aggregate = new Aggregate();
  const key = { ...PRAGUE_NEWS };
  const counts = { established: 1, failed: 0, bytes: 100 };
  aggregate.addCell(key, counts);
  aggregate.addCell(key, counts);
  t.is(counts.established, 1);
  t.is(key.hour, 8);
  t.is([...aggregate.cells.values()][0].established, 2);
});

test('resources, peers and quality accumulate', (t) => {
  const json = feed(steps).toJSON();

  // idnes.cz twice in CZ/Prague: 1 + 1 connections, ambiguity weight 0 + 0.5.
  t.deepEqual(json.resources, [
    { place: 'CZ', resource: 'seznam.cz', category: 'national-platform', connections: 0.5, rule: 'test list', ambiguityWeight: 0.25 },
    { place: 'CZ/Prague', resource: 'idnes.cz', category: 'local-news', connections: 2, rule: 'test list', ambiguityWeight: 0.5 },
  ]);
  // 195.113.0.9: three connections, two established, ports 22 and 80 (22 counted once).
  t.deepEqual(json.inboundPeers, [
    { place: 'CZ/Brno', peer: '195.113.0.9', networkClass: 'education', connections: 3, established: 2, ports: [22, 80] },
    { place: 'DE', peer: '185.220.101.1', networkClass: 'unknown', connections: 1, established: 0, ports: [445] },
  ]);
  t.deepEqual(json.quality, [
    { place: 'CZ/Prague', addresses: 2, addressesWithAccuracy: 1, accuracyKmSum: 20, timeZones: { 'Europe/Prague': 2 } },
    { place: 'US', addresses: 2, addressesWithAccuracy: 1, accuracyKmSum: 1000, timeZones: { 'America/Chicago': 1, 'America/New_York': 1 } },
  ]);
  // Earliest and latest of the four noteTime calls.
  t.is(json.firstTs, 1_719_788_400);
  t.is(json.lastTs, 1_719_824_400);
  t.deepEqual(json.totals, { connections: 4, attributed: 0, byCategory: { 'global-service': 2, 'local-news': 2 }, byNetworkClass: { 'access-isp': 2, 'global-platform': 2 }, unlocated: 0 });
});

test('merge of shards equals one aggregate', (t) => {
  const whole = JSON.stringify(feed(steps).toJSON());
  // Split by position, alternating, so that each shard sees part of every counter.
  const even = feed(steps.filter((_, index) => index % 2 === 0));
  const odd = feed(steps.filter((_, index) => index % 2 === 1));
  t.is(JSON.stringify(even.merge(odd).toJSON()), whole);

  // The other order gives the same bytes.
  const evenAgain = feed(steps.filter((_, index) => index % 2 === 0));
  const oddAgain = feed(steps.filter((_, index) => index % 2 === 1));
  t.is(JSON.stringify(oddAgain.merge(evenAgain).toJSON()), whole);
});

test('merge into an empty aggregate', (t) => {
  const source = feed(steps);
  const copy = new Aggregate().merge(source);
  t.is(JSON.stringify(copy.toJSON()), JSON.stringify(source.toJSON()));

  // The copy shares no objects with its source.
  copy.addInboundPeer('CZ/Brno', '195.113.0.9', 'education', true, 443);
  copy.addLocatedAddress('US', 5, 'America/Chicago');
  t.deepEqual(source.toJSON().inboundPeers[0].ports, [22, 80]);
  t.deepEqual(source.toJSON().quality[1].timeZones, { 'America/Chicago': 1, 'America/New_York': 1 });
});

test('toJSON is sorted and byte-stable', (t) => {
  const forward = JSON.stringify(feed(steps).toJSON());
  const backward = JSON.stringify(feed([...steps].reverse()).toJSON());
  t.is(backward, forward);

  const json = feed(steps).toJSON();
  t.is(json.schema, AGGREGATE_SCHEMA);
  // Cells sort by layer first ("endpoint" < "resource"), then by country, day and hour.
  t.deepEqual(
    json.cells.map((cell) => `${cell.layer} ${cell.country} ${cell.day} ${cell.hour}`),
    ['endpoint US 2024-06-30 23', 'endpoint US 2024-07-01 9', 'resource CZ 2024-07-01 8'],
  );
  t.deepEqual(Object.keys(json.totals.byCategory), ['global-service', 'local-news']);
});

test('fromJSON round trip', (t) => {
  const original = feed(steps);
  const text = JSON.stringify(original.toJSON());
  const restored = Aggregate.fromJSON(JSON.parse(text), 'baseline.json');
  t.is(JSON.stringify(restored.toJSON()), text);

  // A restored aggregate keeps accumulating.
  restored.addCell(PRAGUE_NEWS, { established: 1, failed: 0, bytes: 1 });
  t.is(restored.toJSON().cells[2].established, 3);
});

test('fromJSON of an empty aggregate', (t) => {
  const text = JSON.stringify(new Aggregate().toJSON());
  const restored = Aggregate.fromJSON(JSON.parse(text), 'empty.json');
  t.is(restored.firstTs, null);
  t.is(JSON.stringify(restored.toJSON()), text);
});

test('fromJSON rejects other schemas', (t) => {
  const expected = { instanceOf: DataError, message: 'runs/a.json: not a footprint aggregate (expected "schema": "footprint-aggregate/1")' };
  t.throws(() => Aggregate.fromJSON({ ...feed(steps).toJSON(), schema: 'footprint-assessment/1' }, 'runs/a.json'), expected);
  t.throws(() => Aggregate.fromJSON(null, 'runs/a.json'), expected);
  t.throws(() => Aggregate.fromJSON([1, 2], 'runs/a.json'), expected);
  const error = t.throws(() => Aggregate.fromJSON('text', 'runs/a.json'), expected);
  t.is(error?.hint, 'Write a baseline with `footprint aggregate LOGS --population CIDRS --out FILE`.');
});

test('fromJSON rejects missing lists', (t) => {
  for (const field of ['cells', 'resources', 'inboundPeers', 'quality'] as const) {
    const json: Record<string, unknown> = { ...feed(steps).toJSON() };
    delete json[field];
    t.throws(() => Aggregate.fromJSON(json, 'b.json'), { instanceOf: DataError, message: `b.json: field "${field}" is missing or not a list` });
  }
  const notList = { ...feed(steps).toJSON(), cells: {} };
  t.throws(() => Aggregate.fromJSON(notList, 'b.json'), { instanceOf: DataError, message: 'b.json: field "cells" is missing or not a list' });
});

test('peer ports are capped', (t) => {
  const aggregate = new Aggregate();
  // 40 distinct ports, 1000 to 1039, in descending order: the first MAX_PEER_PORTS (32) are kept.
  for (let port = 1039; port >= 1000; port--) aggregate.addInboundPeer('NL', '203.0.113.5', 'cloud-hosting', false, port);
  const peer = aggregate.toJSON().inboundPeers[0];
  t.is(MAX_PEER_PORTS, 32);
  t.is(peer.connections, 40);
  t.is(peer.ports.length, 32);
  t.is(peer.ports[0], 1008);
  t.is(peer.ports[31], 1039);

  // Merging another peer entry with new ports keeps the cap.
  const other = new Aggregate();
  other.addInboundPeer('NL', '203.0.113.5', 'cloud-hosting', true, 1);
  aggregate.merge(other);
  const merged = aggregate.toJSON().inboundPeers[0];
  t.is(merged.ports.length, 32);
  t.false(merged.ports.includes(1));
  t.is(merged.connections, 41);
  t.is(merged.established, 1);
});

test('fromJSON rejects damaged entries', (t) => {
  const json = feed(steps).toJSON();
  const hint = 'Write the baseline again with `footprint aggregate`.';

  const noCount = structuredClone(json) as unknown as { cells: Record<string, unknown>[] };
  delete noCount.cells[1].established;
  const error = t.throws(() => Aggregate.fromJSON(noCount, 'b.json'), { instanceOf: DataError, message: 'b.json: cells[1].established is undefined, not a number' });
  t.is(error?.hint, hint);

  const textCount = structuredClone(json) as unknown as { resources: Record<string, unknown>[] };
  textCount.resources[0].connections = '3';
  t.throws(() => Aggregate.fromJSON(textCount, 'b.json'), { instanceOf: DataError, message: 'b.json: resources[0].connections is "3", not a number' });

  const noPorts = structuredClone(json) as unknown as { inboundPeers: Record<string, unknown>[] };
  delete noPorts.inboundPeers[1].ports;
  t.throws(() => Aggregate.fromJSON(noPorts, 'b.json'), { instanceOf: DataError, message: 'b.json: inboundPeers[1].ports is undefined, not a list of numbers' });

  const noPlace = structuredClone(json) as unknown as { quality: Record<string, unknown>[] };
  noPlace.quality[0].place = 7;
  t.throws(() => Aggregate.fromJSON(noPlace, 'b.json'), { instanceOf: DataError, message: 'b.json: quality[0].place is 7, not a string' });

  const notObject = { ...json, cells: [null] };
  t.throws(() => Aggregate.fromJSON(notObject, 'b.json'), { instanceOf: DataError, message: 'b.json: cells[0] is not an object' });
});

test('fromJSON rejects impossible cell hours', (t) => {
  const json = feed(steps).toJSON();
  const cases: [Record<string, unknown>, string][] = [
    [{ day: '2024-02-30' }, 'day "2024-02-30" and hour 9'],
    [{ day: '4 July 2024' }, 'day "4 July 2024" and hour 9'],
    [{ hour: 24 }, 'hour 24'],
    [{ hour: 9.5 }, 'hour 9.5'],
  ];
  for (const [change, detail] of cases) {
    const damaged = structuredClone(json) as unknown as { cells: Record<string, unknown>[] };
    damaged.cells[0] = { ...damaged.cells[0], hour: 9, ...change };
    const error = t.throws(() => Aggregate.fromJSON(damaged, 'b.json'), { instanceOf: DataError });
    t.true(error?.message.startsWith('b.json: cells[0] has day '), error?.message);
    t.true(error?.message.includes(detail), error?.message);
  }
});

test('cells follow later additions', (t) => {
  // `cells` is built when read; a later addition must show in the next read, and a cell read
  // earlier keeps its old counts.
  const aggregate = new Aggregate();
  aggregate.addCell(PRAGUE_NEWS, { established: 1, failed: 0, bytes: 100 });
  const before = [...aggregate.cells.values()][0];
  aggregate.addCell(PRAGUE_NEWS, { established: 0.5, failed: 1, bytes: 50 });
  aggregate.addCell({ ...PRAGUE_NEWS, hour: 9 }, { established: 2, failed: 0, bytes: 0 });

  const after = [...aggregate.cells.values()];
  t.is(after.length, 2);
  t.like(after[0], { hour: 8, established: 1.5, failed: 1, bytes: 150 });
  t.like(after[1], { hour: 9, established: 2, failed: 0, bytes: 0 });
  t.is(before.established, 1);
  t.is(aggregate.cellCount, 2);
});

test('addCell rejects impossible hours', (t) => {
  const aggregate = new Aggregate();
  t.throws(() => aggregate.addCell({ ...PRAGUE_NEWS, hour: 25 }, { established: 1, failed: 0, bytes: 0 }), { instanceOf: RangeError });
  t.is(aggregate.cells.size, 0);
});

test('fromJSON rejects missing totals', (t) => {
  // An aggregate file whose "totals" was removed or nulled: the data-quality shares would be wrong.
  const json = { ...new Aggregate().toJSON(), totals: null };
  const error = t.throws(() => Aggregate.fromJSON(json, 'x.json'), { instanceOf: DataError });
  t.is(error?.message, 'x.json: field "totals" is missing or has no "connections" count');
});
