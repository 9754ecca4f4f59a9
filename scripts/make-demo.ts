// Writes the demo logs in examples/demo/: five working days of three monitored hosts in
// 203.0.113.0/24 (TEST-NET-3, a documentation range) whose users live in Delhi, India, and also
// use Chinese platforms, global services and CDNs. The traffic is synthetic, but the remote
// addresses are in real networks, which the embedded GeoIP and ASN data place as the comments state.
//
// Run: node --import=tsx scripts/make-demo.ts   (the output is deterministic: seeded PRNG)

import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { mulberry32 } from '../src/util/mulberry32.ts';

const outputFolder = path.resolve(import.meta.dirname, '../examples/demo');


interface Site {
  name: string;
  /** Server addresses; one is picked per connection. */
  servers: string[];
  /** Mean connections per host and working day. */
  rate: number;
  /** Names given by a DNS answer (dns.log) instead of TLS SNI. */
  viaDns?: boolean;
}

const sites: Site[] = [
  // India, local resources. 14.96.56.0/22 and 164.100.0.0/16 are in New Delhi, 14.99.192.0/19 in Noida.
  { name: 'www.thehindu.com', servers: ['14.96.56.20', '14.96.56.21'], rate: 4 },
  { name: 'www.hindustantimes.com', servers: ['14.96.57.30'], rate: 3 },
  { name: 'mausam.imd.gov.in', servers: ['164.100.0.40'], rate: 1 },
  { name: 'www.mea.gov.in', servers: ['164.100.0.41'], rate: 0.4 },
  { name: 'delhi.gov.in', servers: ['164.100.0.42'], rate: 0.6 },
  { name: 'home.iitd.ac.in', servers: ['14.96.58.50'], rate: 1.5 },
  { name: 'www.du.ac.in', servers: ['14.96.58.51'], rate: 0.5 },
  { name: 'nsez.gov.in', servers: ['14.99.192.60'], rate: 0.3, viaDns: true },
  { name: 'www.flipkart.com', servers: ['103.21.58.70'], rate: 2 },
  { name: 'www.irctc.co.in', servers: ['103.21.58.71'], rate: 0.4 },
  // China, national platforms on Beijing servers (1.202.0.0/18).
  { name: 'www.baidu.com', servers: ['1.202.0.80'], rate: 2 },
  { name: 'www.qq.com', servers: ['1.202.0.81'], rate: 1.5 },
  // Global services and CDNs (Google, Microsoft, Cloudflare address space).
  { name: 'www.google.com', servers: ['142.250.74.14', '142.250.74.46'], rate: 12 },
  { name: 'login.microsoftonline.com', servers: ['13.107.42.14'], rate: 6 },
  { name: 'cdnjs.cloudflare.com', servers: ['104.16.0.10', '104.16.1.10'], rate: 8 },
];

/** Inbound peers: home users on Reliance Jio (access ISP) and scanners. */
const homePeers = ['49.36.0.10', '49.36.1.20'];
const scanners = ['185.220.101.1', '45.33.32.156', '1.92.0.10'];
const hosts = ['203.0.113.10', '203.0.113.11', '203.0.113.12'];

const CONN_FIELDS = 'ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto service duration orig_bytes resp_bytes conn_state local_orig local_resp missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes tunnel_parents';
const CONN_TYPES = 'time string addr port addr port enum string interval count count string bool bool count string count count count count set[string]';

function header(pathName: string, fields: string, types: string): string[] {
  return ['#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', `#path\t${pathName}`, '#open\t2024-03-04-00-00-00', `#fields\t${fields.replaceAll(' ', '\t')}`, `#types\t${types.replaceAll(' ', '\t')}`];
}

function main() {
  const random = mulberry32(20240304);
  const conn: { ts: number; line: string }[] = [];
  const ssl: { ts: number; line: string }[] = [];
  const dns: { ts: number; line: string }[] = [];
  let sequence = 0;
  const uid = () => `C${(++sequence).toString(36).padStart(6, '0')}`;

  // Monday 2024-03-04 to Friday 2024-03-08; local working time in Delhi is 09:00-19:00 IST,
  // that is 03:30-13:30 UTC. A few connections fall in the evening, as people browse at home.
  for (let day = 0; day < 5; day++) {
    const dayStart = Date.UTC(2024, 2, 4 + day) / 1000;
    for (const host of hosts) {
      for (const site of sites) {
        const count = Math.floor(site.rate + random());
        for (let n = 0; n < count; n++) {
          const evening = random() < 0.15;
          const ts = dayStart + (evening ? 14.5 * 3600 : 3.5 * 3600) + random() * (evening ? 3 : 10) * 3600;
          const server = site.servers[Math.floor(random() * site.servers.length)];
          const id = uid();
          const port = 49152 + Math.floor(random() * 16000);
          const sent = 800 + Math.floor(random() * 4000);
          const received = 5000 + Math.floor(random() * 200000);
          conn.push({ ts, line: [ts.toFixed(6), id, host, port, server, 443, 'tcp', 'ssl', (1 + random() * 60).toFixed(6), sent, received, 'SF', 'T', 'F', 0, 'ShADadFf', 12, sent + 600, 20, received + 1000, '(empty)'].join('\t') });
          if (site.viaDns) {
            dns.push({ ts: ts - 0.05, line: [(ts - 0.05).toFixed(6), uid(), host, 5353, '203.0.113.1', 53, 'udp', 1234, site.name, 1, 'C_INTERNET', 1, 'A', 0, 'NOERROR', 'F', 'F', 'T', 'T', 0, server, '300.000000', 'F'].join('\t') });
          } else {
            ssl.push({ ts, line: [ts.toFixed(6), id, host, port, server, 443, 'TLSv13', 'TLS_AES_128_GCM_SHA256', 'x25519', site.name, 'F', '-', 'h2', 'T'].join('\t') });
          }
        }
      }
    }

    // A relative at home reaches a shared service of the population in the evening.
    for (const peer of homePeers) {
      const ts = dayStart + 13 * 3600 + random() * 3 * 3600;
      conn.push({ ts, line: [ts.toFixed(6), uid(), peer, 50000 + Math.floor(random() * 10000), hosts[0], 443, 'tcp', 'ssl', '45.000000', 3000, 40000, 'SF', 'F', 'T', 0, 'ShADadFf', 30, 4200, 40, 42000, '(empty)'].join('\t') });
    }
    // Scanners sweep several ports and get no reply.
    for (const scanner of scanners) {
      for (const port of [22, 23, 445, 3389, 8080]) {
        const ts = dayStart + random() * 86400;
        conn.push({ ts, line: [ts.toFixed(6), uid(), scanner, 40000 + port, hosts[Math.floor(random() * hosts.length)], port, 'tcp', '-', '-', '-', '-', 'S0', 'F', 'T', 0, 'S', 1, 44, 0, 0, '(empty)'].join('\t') });
      }
    }
  }

  const byTime = (a: { ts: number; line: string }, b: { ts: number; line: string }) => a.ts - b.ts || (a.line < b.line ? -1 : 1);
  const close = '#close\t2024-03-09-00-00-00';
  mkdirSync(outputFolder, { recursive: true });
  writeFileSync(path.join(outputFolder, 'conn.log'), [...header('conn', CONN_FIELDS, CONN_TYPES), ...conn.sort(byTime).map((entry) => entry.line), close].join('\n') + '\n');
  // The TLS log is compressed, as rotated Zeek logs usually are; footprint detects gzip by content.
  const sslText = [...header('ssl', 'ts uid id.orig_h id.orig_p id.resp_h id.resp_p version cipher curve server_name resumed last_alert next_protocol established', 'time string addr port addr port string string string string bool string string bool'), ...ssl.sort(byTime).map((entry) => entry.line), close].join('\n') + '\n';
  writeFileSync(path.join(outputFolder, 'ssl.log.gz'), gzipSync(sslText, { level: 9, mtime: 0 } as never));
  writeFileSync(
    path.join(outputFolder, 'dns.log'),
    [...header('dns', 'ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto trans_id query qclass qclass_name qtype qtype_name rcode rcode_name AA TC RD RA Z answers TTLs rejected', 'time string addr port addr port enum count string count string count string count string bool bool bool bool count vector[string] vector[interval] bool'), ...dns.sort(byTime).map((entry) => entry.line), close].join('\n') + '\n',
  );
  console.log(`conn ${conn.length}, ssl ${ssl.length}, dns ${dns.length} records written to ${outputFolder}`);
}

main();
