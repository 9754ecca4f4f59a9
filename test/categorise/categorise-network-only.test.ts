import test from 'ava';
import { categoriseNetworkOnly } from '../../src/categorise/index.ts';

const prague = { country: 'CZ', city: 'Prague', latitude: 50.08, longitude: 14.42 };

test('cdn and cloud hosting are cdn-cloud without country', (t) => {
  for (const networkClass of ['cdn', 'cloud-hosting'] as const) {
    const audience = categoriseNetworkOnly({ asn: 16509, networkClass, classSource: 'test list' }, prague, '52.94.1.1');
    t.is(audience.category, 'cdn-cloud');
    t.is(audience.country, undefined);
    t.is(audience.resource, 'AS16509');
    t.is(audience.rule, `network class ${networkClass} (test list)`);
  }
});

test('opsec and global platform keep no country', (t) => {
  t.is(categoriseNetworkOnly({ networkClass: 'opsec' }, prague, '185.220.101.1').category, 'opsec');
  const global = categoriseNetworkOnly({ asn: 15169, networkClass: 'global-platform' }, prague, '8.8.8.8');
  t.is(global.category, 'global-service');
  t.is(global.country, undefined);
});

test('education network is a university in its city', (t) => {
  // The geolocated city is written "Praha" here, so the gazetteer alias must turn it into "Prague".
  const audience = categoriseNetworkOnly({ asn: 2852, networkClass: 'education' }, { country: 'cz', city: 'Praha' }, '147.32.83.234');
  t.is(audience.category, 'university');
  t.is(audience.country, 'CZ');
  t.is(audience.city, 'Prague'); // alias Praha -> Prague, geodata/gazetteer/aliases.yaml
});

test('government network is national government', (t) => {
  const audience = categoriseNetworkOnly({ networkClass: 'government' }, { country: 'IN', city: 'New Delhi' }, '164.100.1.1');
  t.is(audience.category, 'national-government');
  t.is(audience.country, 'IN');
  t.is(audience.city, undefined);
  t.is(audience.resource, '164.100.1.1');
});

test('access ISP is other with geo country', (t) => {
  const audience = categoriseNetworkOnly({ networkClass: 'access-isp' }, prague, '89.24.1.1');
  t.deepEqual(audience, { resource: '89.24.1.1', category: 'other', country: 'CZ', rule: 'network class access-isp' });
});

test('no geolocation gives no country', (t) => {
  const audience = categoriseNetworkOnly({ networkClass: 'unknown' }, undefined, '192.0.2.1');
  t.is(audience.country, undefined);
  t.is(audience.rule, 'network class unknown, no geolocation');
});
