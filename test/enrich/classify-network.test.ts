import { fileURLToPath } from 'node:url';
import test from 'ava';
import { classifyNetwork, loadNetworkLists, platformForAsn } from '../../src/enrich/classify-network.ts';
import { parseTorExits } from '../../src/enrich/load-tor-exits.ts';
import { DataError, InputError } from '../../src/errors.ts';
import type { NetworkClass } from '../../src/types.ts';

const lists = loadNetworkLists();
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}/`, import.meta.url));

// AS numbers and holder names from @ip-location-db/asn 2.3.2026061719 (asn-ipv4-num.csv).
const cases: Array<[number, string, NetworkClass, string]> = [
  [15169, 'Google LLC', 'global-platform', 'platforms.yaml: Google'],
  [16509, 'Amazon.com, Inc.', 'global-platform', 'platforms.yaml: Amazon'],
  [20940, 'Akamai International B.V.', 'cdn', 'cdn.yaml: Akamai'],
  [13335, 'Cloudflare, Inc.', 'cdn', 'cdn.yaml: Cloudflare'],
  [24940, 'Hetzner Online GmbH', 'cloud-hosting', 'cloud-hosting.yaml: Hetzner'],
  [9009, 'M247 Europe SRL', 'cloud-hosting', 'cloud-hosting.yaml: M247'],
  [216025, 'Mullvad VPN AB', 'opsec', 'opsec.yaml: Mullvad VPN'],
  [2852, 'CESNET z.s.p.o.', 'education', 'education.yaml: CESNET'],
  [4758, 'National Informatics Centre', 'government', 'government.yaml: National Informatics Centre'],
  [5610, 'O2 Czech Republic, a.s.', 'access-isp', 'access-isp.yaml: O2 Czech Republic'],
  [33771, 'Safaricom Limited', 'access-isp', 'access-isp.yaml: Safaricom'],
];

for (const [asn, organization, expectedClass, expectedSource] of cases) {
  test(`AS${asn} is ${expectedClass}`, (t) => {
    const info = classifyNetwork(asn, organization, '192.0.2.1', lists);
    t.is(info.networkClass, expectedClass);
    t.is(info.classSource, expectedSource);
    t.is(info.asn, asn);
    t.is(info.organization, organization);
  });
}

test('national platform falls through', (t) => {
  // AS43037 "Seznam.cz, a.s." is a national platform: not a global platform, and no later list names it.
  const info = classifyNetwork(43037, 'Seznam.cz, a.s.', '192.0.2.1', lists);
  t.is(info.networkClass, 'unknown');
  t.deepEqual(info.platform, { name: 'Seznam', scope: 'national', country: 'CZ' });
  t.deepEqual(platformForAsn(13238, lists), { name: 'Yandex', scope: 'national', country: 'RU' });
  t.deepEqual(platformForAsn(15169, lists), { name: 'Google', scope: 'global' });
  t.is(platformForAsn(2852, lists), undefined);
});

test('org-name pattern fallback', (t) => {
  // Holder names from asn-ipv4-num.csv for AS numbers in no curated list.
  const university = classifyNetwork(55586, 'THE CATHOLIC UNIVERSITY OF KOREA SONGSIM', '192.0.2.1', lists);
  t.is(university.networkClass, 'education');
  t.is(university.classSource, 'org-name pattern');
  t.is(classifyNetwork(132117, 'Ministry of Interior', '192.0.2.1', lists).networkClass, 'government');
  t.is(classifyNetwork(45595, 'Pakistan Telecom Company Limited', '192.0.2.1', lists).networkClass, 'access-isp');
  t.is(classifyNetwork(64496, 'Example Holdings', '192.0.2.1', lists).networkClass, 'unknown');
  t.is(classifyNetwork(undefined, undefined, '192.0.2.1', lists).classSource, undefined);
});

test('platforms checked before hosting', (t) => {
  const orderLists = loadNetworkLists(fixture('order-lists'));
  t.is(classifyNetwork(396982, 'Google LLC', '192.0.2.1', orderLists).networkClass, 'global-platform');
  t.is(classifyNetwork(24940, 'Hetzner Online GmbH', '192.0.2.1', orderLists).networkClass, 'cloud-hosting');
});

test('Tor exit list wins', (t) => {
  const torExits = parseTorExits('# bulk list\n185.220.101.1\n2001:db8::1\n', 'exits.txt');
  const withTor = { ...lists, torExits };
  const exit = classifyNetwork(24940, 'Hetzner Online GmbH', '::ffff:185.220.101.1', withTor);
  t.is(exit.networkClass, 'opsec');
  t.is(exit.classSource, 'Tor exit list');
  t.is(classifyNetwork(24940, 'Hetzner Online GmbH', '185.220.101.2', withTor).networkClass, 'cloud-hosting');
});

test('Tor exit-addresses format', (t) => {
  const text = 'ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E\nPublished 2024-06-01 10:00:00\nExitAddress 162.247.74.201 2024-06-01 10:11:33\n';
  t.deepEqual([...parseTorExits(text, 'exit-addresses')], ['162.247.74.201']);
  const error = t.throws(() => parseTorExits('1.2.3.4\nnot-an-address\n', 'exits.txt'), { instanceOf: InputError });
  t.is(error?.message, 'exits.txt, line 2: invalid address "not-an-address" in Tor exit list');
});

test('invalid list names file and entry', (t) => {
  const error = t.throws(() => loadNetworkLists(fixture('invalid-lists')), { instanceOf: DataError });
  t.is(error?.message, 'network list cdn.yaml: entry 2 (Broken): invalid AS number "AS1"');
});
