// A small hand-written scenario: two monitored hosts in 198.51.100.0/24 and one in 2001:db8::/32
// (documentation ranges)
// whose users live in India. The logs are written here as real Zeek TSV; every expected value
// below is worked out by hand from the rows and from the embedded databases and geodata/.
//
// Remote addresses, as the embedded GeoLite2 City and ASN data place and class them:
//   14.96.56.10    IN New Delhi, AS45820 TTSL-ISP (unknown class)      thehindu.com  local news
//   164.100.0.10   IN New Delhi, AS4758 National Informatics Centre    imd.gov.in    national government
//   14.96.56.11    IN New Delhi, AS45820                               delhi.gov.in  municipal, Delhi
//   14.96.56.12    IN New Delhi, AS45820                               iitd.ac.in    university, Delhi
//   14.99.192.11   IN Noida, AS45820                                   nsez.gov.in   economic zone (by DNS);
//                  the server also lies in the Noida SEZ disc and in Noida, so it adds zone:Noida SEZ
//   103.21.58.10   IN Mumbai, AS394695 (unknown class)                 flipkart.com  national platform
//   142.250.74.14  US, AS15169 Google (global platform)                www.google.com  global service
//   104.16.0.10    not located, AS13335 Cloudflare (cdn)               x.cloudfront.net  CDN/cloud
//   45.33.32.156   US Fremont, AS63949 Linode (cloud hosting)          nordvpn.com   opsec
//   93.184.216.34  US, no AS                                           example.com   other, no country
//   1.92.0.10      CN Beijing, AS55990 Huawei Cloud (unknown class)    www.alza.cz   other, CZ (ccTLD)
//   2405:200:1::20 IN, AS55836 Reliance Jio (IPv6)                      ndtv.com      local news, from the IPv6 host
//   49.36.0.10     IN Mumbai, AS55836 Reliance Jio (access ISP)        inbound, established
//   2405:200:1::10 IN, AS55836 Reliance Jio (access ISP, IPv6)         inbound, established
//   185.220.101.1  DE, AS60729                                         inbound scan of 3 ports, failed

import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assess } from '../../src/assess/assess.ts';
import type { Finding } from '../../src/report/assessment.ts';

const CONN_FIELDS = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'duration', 'orig_bytes', 'resp_bytes', 'conn_state', 'local_orig', 'local_resp', 'missed_bytes', 'history', 'orig_pkts', 'orig_ip_bytes', 'resp_pkts', 'resp_ip_bytes', 'tunnel_parents'];
const CONN_TYPES = ['time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'string', 'interval', 'count', 'count', 'string', 'bool', 'bool', 'count', 'string', 'count', 'count', 'count', 'count', 'set[string]'];
const SSL_FIELDS = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'version', 'server_name', 'established'];
const SSL_TYPES = ['time', 'string', 'addr', 'port', 'addr', 'port', 'string', 'string', 'bool'];
const DNS_FIELDS = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'query', 'answers', 'TTLs'];
const DNS_TYPES = ['time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'string', 'vector[string]', 'vector[interval]'];

function zeekLog(path: string, fields: string[], types: string[], rows: string[][]): string {
  return [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    `#path\t${path}`,
    `#fields\t${fields.join('\t')}`,
    `#types\t${types.join('\t')}`,
    ...rows.map((row) => row.join('\t')),
    '#close\t2024-03-07-00-00-00',
  ].join('\n') + '\n';
}

// 2024-03-04 04:30 UTC is 10:00 in India (UTC+5:30), a Monday.
const DAY0 = Date.UTC(2024, 2, 4, 4, 30) / 1000;
const DAY = 86400;

interface Visit {
  remote: string;
  name: string;
  /** Connections on each of the three days. */
  perDay: [number, number, number];
  /** 'dns' gives the name by a DNS answer instead of TLS SNI. */
  via?: 'dns';
  /** Monitored host; by default the two IPv4 hosts take turns. */
  host?: string;
}

const visits: Visit[] = [
  { remote: '14.96.56.10', name: 'www.thehindu.com', perDay: [2, 2, 2] },
  { remote: '164.100.0.10', name: 'mausam.imd.gov.in', perDay: [1, 1, 1] },
  { remote: '14.96.56.11', name: 'delhi.gov.in', perDay: [1, 1, 1] },
  { remote: '14.96.56.12', name: 'home.iitd.ac.in', perDay: [1, 1, 1] },
  { remote: '14.99.192.11', name: 'nsez.gov.in', perDay: [0, 1, 0], via: 'dns' },
  { remote: '103.21.58.10', name: 'www.flipkart.com', perDay: [1, 1, 1] },
  { remote: '142.250.74.14', name: 'www.google.com', perDay: [3, 3, 3] },
  { remote: '104.16.0.10', name: 'x.cloudfront.net', perDay: [2, 2, 2] },
  { remote: '45.33.32.156', name: 'nordvpn.com', perDay: [1, 0, 0] },
  { remote: '93.184.216.34', name: 'example.com', perDay: [1, 0, 0] },
  { remote: '1.92.0.10', name: 'www.alza.cz', perDay: [0, 0, 1] },
  { remote: '2405:200:1::20', name: 'www.ndtv.com', perDay: [1, 1, 1], host: '2001:db8::10' },
];

function writeScenario(): string {
  const folder = mkdtempSync(join(tmpdir(), 'footprint-scenario-'));
  const conn: string[][] = [];
  const ssl: string[][] = [];
  const dns: string[][] = [];
  let sequence = 0;

  visits.forEach((visit, index) => {
    visit.perDay.forEach((count, day) => {
      for (let n = 0; n < count; n++) {
        sequence += 1;
        const ts = (DAY0 + day * DAY + index * 600 + n * 60).toFixed(6);
        const host = visit.host ?? (sequence % 2 === 0 ? '198.51.100.10' : '198.51.100.11');
        const uid = `C${sequence}`;
        conn.push([ts, uid, host, String(50000 + sequence), visit.remote, '443', 'tcp', 'ssl', '12.5', '2000', '50000', 'SF', '-', '-', '0', 'ShADadFf', '20', '3000', '40', '52000', '(empty)']);
        if (visit.via === 'dns') {
          dns.push([(Number(ts) - 1).toFixed(6), `D${sequence}`, host, '5353', '8.8.8.8', '53', 'udp', visit.name, visit.remote, '300']);
        } else {
          ssl.push([ts, uid, host, String(50000 + sequence), visit.remote, '443', 'TLSv13', visit.name, 'T']);
        }
      }
    });
  });

  // Inbound: a home user on Reliance Jio reaches a service of the population, twice a day.
  for (let day = 0; day < 3; day++) {
    for (let n = 0; n < 2; n++) {
      sequence += 1;
      const ts = (DAY0 + day * DAY + 7200 + n * 300).toFixed(6);
      conn.push([ts, `C${sequence}`, '49.36.0.10', String(40000 + sequence), '198.51.100.10', '443', 'tcp', 'ssl', '30.0', '4000', '9000', 'SF', '-', '-', '0', 'ShADadFf', '30', '5000', '30', '11000', '(empty)']);
    }
  }
  // Inbound over IPv6: another Jio user reaches the IPv6 host once a day.
  for (let day = 0; day < 3; day++) {
    sequence += 1;
    const ts = (DAY0 + day * DAY + 9000).toFixed(6);
    conn.push([ts, `C${sequence}`, '2405:200:1::10', '41000', '2001:db8::10', '443', 'tcp', 'ssl', '30.0', '4000', '9000', 'SF', '-', '-', '0', 'ShADadFf', '30', '5000', '30', '11000', '(empty)']);
  }
  // Inbound: a scanner tries three ports once each, with no reply.
  for (const port of [22, 23, 3389]) {
    sequence += 1;
    conn.push([(DAY0 + 100 + port).toFixed(6), `C${sequence}`, '185.220.101.1', '61000', '198.51.100.11', String(port), 'tcp', '-', '-', '-', '-', 'S0', '-', '-', '0', 'S', '1', '60', '0', '0', '(empty)']);
  }

  writeFileSync(join(folder, 'conn.log'), zeekLog('conn', CONN_FIELDS, CONN_TYPES, conn));
  writeFileSync(join(folder, 'ssl.log'), zeekLog('ssl', SSL_FIELDS, SSL_TYPES, ssl));
  writeFileSync(join(folder, 'dns.log'), zeekLog('dns', DNS_FIELDS, DNS_TYPES, dns));
  return folder;
}

const folder = writeScenario();
const run = assess({ inputs: [folder], population: '198.51.100.0/24,2001:db8::/32', resourceLimit: Infinity });

function resource(finding: Finding | undefined, name: string) {
  return finding?.evidence.resources.find((use) => use.resource === name);
}

test('scenario reads every record', async (t) => {
  const { dataQuality } = await run;
  // conn: 6+3+3+3+1+3+9+6+1+1+1+3 = 40 outbound, 6 + 3 inbound from Jio users, 3 scans = 52 rows.
  // ssl: 40 outbound minus the 1 nsez.gov.in visit named by DNS = 39 rows; dns: 1 row.
  t.is(dataQuality.records.read, 52 + 39 + 1);
  t.is(dataQuality.records.used, 52 + 39 + 1);
  t.is(dataQuality.connections, 52);
  t.deepEqual(dataQuality.records.rejected, {});
});

test('scenario categorises each resource', async (t) => {
  const { countries } = await run;
  const india = countries.find((finding) => finding.country === 'IN');
  t.is(resource(india, 'thehindu.com')?.category, 'local-news');
  t.is(resource(india, 'imd.gov.in')?.category, 'national-government');
  t.is(resource(india, 'delhi.gov.in')?.category, 'municipal-government');
  t.is(resource(india, 'delhi.gov.in')?.place, 'IN/Delhi');
  t.is(resource(india, 'iitd.ac.in')?.category, 'university');
  t.is(resource(india, 'iitd.ac.in')?.place, 'IN/Delhi');
  t.is(resource(india, 'nsez.gov.in')?.category, 'economic-zone');
  t.is(resource(india, 'nsez.gov.in')?.place, 'IN/Noida');
  t.is(resource(india, 'flipkart.com')?.category, 'national-platform');

  // The Czech shop is local to CZ even though its server sits in Beijing.
  const czechia = countries.find((finding) => finding.country === 'CZ');
  t.is(resource(czechia, 'alza.cz')?.category, 'other');
  t.is(resource(czechia, 'alza.cz')?.connections, 1);
});

test('scenario counts local use per resource', async (t) => {
  const { countries } = await run;
  const india = countries.find((finding) => finding.country === 'IN');
  // Established connections per resource over the three days, from the visits table.
  t.is(resource(india, 'thehindu.com')?.connections, 6);
  t.is(resource(india, 'imd.gov.in')?.connections, 3);
  t.is(resource(india, 'delhi.gov.in')?.connections, 3);
  t.is(resource(india, 'iitd.ac.in')?.connections, 3);
  t.is(resource(india, 'nsez.gov.in')?.connections, 1);
  t.is(resource(india, 'flipkart.com')?.connections, 3);
  t.is(resource(india, 'zone:Noida SEZ')?.connections, 1);
  t.is(resource(india, 'ndtv.com')?.connections, 3);
  // Six local categories: news, national and municipal government, university, zone, platform.
  t.deepEqual(india?.evidence.categories, ['economic-zone', 'local-news', 'municipal-government', 'national-government', 'national-platform', 'university']);
  t.deepEqual(india?.evidence.evidenceDays, ['2024-03-04', '2024-03-05', '2024-03-06']);
});

test('scenario keeps global traffic out of local evidence', async (t) => {
  const { countries, dataQuality } = await run;
  // 9 google.com connections of 52 are global services; 6 cloudfront.net are CDN; 1 nordvpn.com is opsec.
  t.is(dataQuality.globalServiceShare, Math.round((9 / 52) * 1e6) / 1e6);
  t.is(dataQuality.cdnCloudShare, Math.round((6 / 52) * 1e6) / 1e6);
  t.is(dataQuality.opsecShare, Math.round((1 / 52) * 1e6) / 1e6);
  const us = countries.find((finding) => finding.country === 'US');
  t.is(us?.evidence.resourceCount ?? 0, 0);
  t.false(us?.present ?? false);
});

test('scenario separates inbound peers from scanners', async (t) => {
  const { countries } = await run;
  const india = countries.find((finding) => finding.country === 'IN')!;
  t.is(india.evidence.inboundAccessPeerCount, 2);
  t.deepEqual(india.evidence.inboundAccessPeers, [
    { peer: '49.36.0.10', established: 6, connections: 6 },
    { peer: '2405:200:1::10', established: 3, connections: 3 },
  ]);
  // 6 + 3 established inbound connections times the default inbound weight 0.5.
  t.is(india.evidence.activity.inbound, 4.5);

  const germany = countries.find((finding) => finding.country === 'DE');
  t.is(germany?.evidence.scannerPeers, 1);
  t.false(germany?.present ?? false);
});

test('scenario ranks India first, then Delhi', async (t) => {
  const { countries } = await run;
  t.is(countries[0].country, 'IN');
  t.true(countries[0].present);
  t.deepEqual(countries.filter((finding) => finding.present).map((finding) => finding.country), ['IN']);
  // Delhi has two local resources of two categories on all three days; Noida has two of one
  // category (nsez.gov.in and the zone itself) on one day.
  const cities = countries[0].cities ?? [];
  t.is(cities[0]?.city, 'Delhi');
  t.true(cities[0]?.present);
  const noida = cities.find((finding) => finding.city === 'Noida');
  t.deepEqual(noida?.evidence.evidenceDays, ['2024-03-05']);
  t.true((noida?.probability ?? 1) < (cities[0]?.probability ?? 0));
});

test('scenario classes Tor exits as opsec', async (t) => {
  // 45.33.32.156 (Linode, cloud hosting in the embedded lists) carries the one nordvpn.com
  // connection; listed as a Tor exit it becomes an opsec network.
  const torExits = join(folder, 'tor-exits.txt');
  writeFileSync(torExits, '# Tor bulk exit list\n45.33.32.156\n');
  const withExits = await assess({ inputs: [join(folder, 'conn.log'), join(folder, 'ssl.log'), join(folder, 'dns.log')], population: '198.51.100.0/24,2001:db8::/32', torExitsPath: torExits });
  const without = await run;

  t.is(without.dataQuality.byNetworkClass['cloud-hosting'], 1);
  t.false('cloud-hosting' in withExits.dataQuality.byNetworkClass);
  t.is(withExits.dataQuality.byNetworkClass.opsec, 1);
});
