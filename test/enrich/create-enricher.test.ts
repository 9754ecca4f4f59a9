import test from 'ava';
import { loadNetworkLists } from '../../src/enrich/classify-network.ts';
import { createEnricher } from '../../src/enrich/create-enricher.ts';
import { openAsnDatabase } from '../../src/enrich/open-asn.ts';
import { openGeoIp } from '../../src/enrich/open-geoip.ts';

test('enricher joins GeoIP, ASN and class', async (t) => {
  const enrich = createEnricher({ geoip: await openGeoIp(), asn: await openAsnDatabase(), lists: loadNetworkLists() });

  // 147.32.83.234: Prague (embedded GeoLite2 City), AS2852 CESNET (asn-ipv4-num.csv), education list.
  const prague = enrich('147.32.83.234');
  t.is(prague.geo?.city, 'Prague');
  t.is(prague.geoNetwork, '147.32.80.0/21');
  t.is(prague.network.asn, 2852);
  t.is(prague.network.networkClass, 'education');

  // Second call and the IPv4-mapped spelling: the first is a cache hit, the second a new
  // address that shares the location and network objects.
  t.is(enrich('147.32.83.234'), prague);
  const mapped = enrich('::ffff:147.32.83.234');
  t.is(mapped.geo, prague.geo);
  t.is(mapped.network, prague.network);

  // 10.0.0.1 is private (RFC 1918): no location, no AS.
  const enrichedPrivate = enrich('10.0.0.1');
  t.is(enrichedPrivate.geo, undefined);
  t.is(enrichedPrivate.network.networkClass, 'unknown');

  t.deepEqual(enrich.stats(), { lookups: 4, cacheHits: 1, distinctAddresses: 3, withoutGeolocation: 1, withoutAsn: 1 });
});

test('enricher Tor exit per address', async (t) => {
  const torExits = new Set(['147.32.83.234']);
  const enrich = createEnricher({ geoip: await openGeoIp(), asn: await openAsnDatabase(), lists: loadNetworkLists(), torExits });
  t.is(enrich('147.32.83.234').network.networkClass, 'opsec');
  // Same AS, other address: the shared AS-level class.
  t.is(enrich('147.32.83.235').network.networkClass, 'education');
});
