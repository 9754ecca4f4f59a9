import test from 'ava';
import { DomainIndex, normalizeDomain } from '../../src/enrich/attribute-domains.ts';
import type { DnsRecord, HttpRecord, SslRecord } from '../../src/types.ts';

const T = 1_719_820_800; // 2024-07-01T08:00:00Z

function ssl(respHost: string, serverName: string): SslRecord {
  return { kind: 'ssl', ts: T, origHost: '192.0.2.10', respHost, respPort: 443, serverName, source: { file: 'ssl.log', line: 9 } };
}

function http(respHost: string, host: string): HttpRecord {
  return { kind: 'http', ts: T, origHost: '192.0.2.10', respHost, respPort: 80, host, source: { file: 'http.log', line: 9 } };
}

function dns(ts: number, query: string, answers: string[], ttls: number[]): DnsRecord {
  return { kind: 'dns', ts, origHost: '192.0.2.10', respHost: '192.0.2.53', query, answers, ttls, source: { file: 'dns.log', line: 9 } };
}

test('normalizeDomain cleans host names', (t) => {
  t.is(normalizeDomain('WWW.Seznam.CZ'), 'www.seznam.cz');
  t.is(normalizeDomain('www.seznam.cz.'), 'www.seznam.cz');
  t.is(normalizeDomain('  idnes.cz  '), 'idnes.cz');
  t.is(normalizeDomain('www.cvut.cz:8443'), 'www.cvut.cz');
  t.is(normalizeDomain('www.cvut.cz.:443'), 'www.cvut.cz');
  t.is(normalizeDomain('_dmarc.example.org'), '_dmarc.example.org');
});

test('normalizeDomain rejects addresses and junk', (t) => {
  t.is(normalizeDomain('147.32.83.234'), undefined);
  t.is(normalizeDomain('147.32.83.234:80'), undefined);
  t.is(normalizeDomain('2001:db8::1'), undefined);
  t.is(normalizeDomain('[2001:db8::1]'), undefined);
  t.is(normalizeDomain('[2001:db8::1]:443'), undefined);
  t.is(normalizeDomain(''), undefined);
  t.is(normalizeDomain('.'), undefined);
  // Zeek's unset field marker and names without a dot.
  t.is(normalizeDomain('-'), undefined);
  t.is(normalizeDomain('localhost'), undefined);
  t.is(normalizeDomain('bad name.com'), undefined);
  t.is(normalizeDomain('bad/name.com'), undefined);
  // 254 characters is over the 253-character limit of a name in text form; 253 passes.
  t.is(normalizeDomain(`${'a'.repeat(250)}.com`), undefined);
  t.is(normalizeDomain(`${'a'.repeat(249)}.com`), `${'a'.repeat(249)}.com`);
});

test('SNI split across two names', (t) => {
  const index = new DomainIndex();
  t.true(index.addObservation(ssl('198.51.100.7', 'www.idnes.cz')));
  t.true(index.addObservation(ssl('198.51.100.7', 'www.idnes.cz')));
  t.true(index.addObservation(http('198.51.100.7', 'www.lidovky.cz')));

  // Two of three observations name idnes, one lidovky: shares 2/3 and 1/3, ambiguity 1 - 2/3.
  const attribution = index.attribute('198.51.100.7', T + 10)!;
  t.is(attribution.source, 'sni-or-host');
  t.deepEqual(attribution.domains.map((entry) => entry.domain), ['www.idnes.cz', 'www.lidovky.cz']);
  t.true(Math.abs(attribution.domains[0].share - 2 / 3) < 1e-12);
  t.true(Math.abs(attribution.domains[1].share - 1 / 3) < 1e-12);
  t.true(Math.abs(attribution.ambiguity - 1 / 3) < 1e-12);

  // SNI holds for the whole run, before the observation too.
  t.truthy(index.attribute('198.51.100.7', T - 86400 * 30));
  t.is(index.observedAddressCount, 1);
});

test('new observation replaces a cached attribution', (t) => {
  const index = new DomainIndex();
  index.addObservation(ssl('198.51.100.7', 'a.example.cz'));
  t.is(index.attribute('198.51.100.7', T)!.ambiguity, 0);
  index.addObservation(ssl('198.51.100.7', 'b.example.cz'));
  t.is(index.attribute('198.51.100.7', T)!.ambiguity, 0.5);
});

test('unusable observations are rejected', (t) => {
  const index = new DomainIndex();
  t.false(index.addObservation(ssl('198.51.100.7', '-')));
  t.false(index.addObservation(ssl('not-an-address', 'www.idnes.cz')));
  t.false(index.addObservation(http('198.51.100.7', '198.51.100.7')));
  t.is(index.observedAddressCount, 0);
});

test('DNS answer holds for the minimum window', (t) => {
  // TTL 60 s, minimum window 3600 s: the answer names the address from T to T + 3600.
  const index = new DomainIndex({ minDnsWindowSeconds: 3600 });
  t.is(index.addDnsAnswer(dns(T, 'www.praha.eu', ['185.8.164.10'], [60])), 1);

  t.is(index.attribute('185.8.164.10', T - 1), undefined);
  t.deepEqual(index.attribute('185.8.164.10', T), { domains: [{ domain: 'www.praha.eu', share: 1 }], source: 'dns', ambiguity: 0 });
  t.truthy(index.attribute('185.8.164.10', T + 3000));
  t.truthy(index.attribute('185.8.164.10', T + 3600));
  t.is(index.attribute('185.8.164.10', T + 4000), undefined);
});

test('DNS TTL beyond the minimum extends the window', (t) => {
  const index = new DomainIndex({ minDnsWindowSeconds: 3600 });
  index.addDnsAnswer(dns(T, 'www.praha.eu', ['185.8.164.10'], [7200]));
  t.truthy(index.attribute('185.8.164.10', T + 7000));
  t.is(index.attribute('185.8.164.10', T + 7201), undefined);
});

test('DNS window is capped', (t) => {
  // TTL 604800 s (a week) with the default cap of 86400 s.
  const index = new DomainIndex();
  index.addDnsAnswer(dns(T, 'www.praha.eu', ['185.8.164.10'], [604800]));
  t.truthy(index.attribute('185.8.164.10', T + 86400));
  t.is(index.attribute('185.8.164.10', T + 86401), undefined);

  // A lower cap set in the options.
  const short = new DomainIndex({ minDnsWindowSeconds: 60, maxDnsWindowSeconds: 600 });
  short.addDnsAnswer(dns(T, 'www.praha.eu', ['185.8.164.10'], [3600]));
  t.truthy(short.attribute('185.8.164.10', T + 600));
  t.is(short.attribute('185.8.164.10', T + 601), undefined);
});

test('DNS answers of several names', (t) => {
  const index = new DomainIndex({ minDnsWindowSeconds: 3600 });
  // A CNAME answer names no address; the two A records each get the TTL at their position.
  t.is(index.addDnsAnswer(dns(T, 'www.seznam.cz', ['www.seznam.cz.cdn.example', '77.75.77.222', '77.75.79.222'], [300, 300, 300])), 2);
  index.addDnsAnswer(dns(T + 100, 'email.seznam.cz', ['77.75.77.222'], [60]));

  // At T + 200 both answers for 77.75.77.222 are live: one each, shares 1/2.
  const both = index.attribute('77.75.77.222', T + 200)!;
  t.deepEqual(both.domains, [
    { domain: 'email.seznam.cz', share: 0.5 },
    { domain: 'www.seznam.cz', share: 0.5 },
  ]);
  t.is(both.ambiguity, 0.5);
  // At T + 50 only the first had been seen.
  t.deepEqual(index.attribute('77.75.77.222', T + 50)!.domains, [{ domain: 'www.seznam.cz', share: 1 }]);
  // At T + 3650 only the second is still live.
  t.deepEqual(index.attribute('77.75.77.222', T + 3650)!.domains, [{ domain: 'email.seznam.cz', share: 1 }]);
  t.is(index.dnsAddressCount, 2);
});

test('DNS answer without a usable query', (t) => {
  const index = new DomainIndex();
  t.is(index.addDnsAnswer(dns(T, '-', ['185.8.164.10'], [60])), 0);
  t.is(index.addDnsAnswer(dns(T, 'www.praha.eu', ['www.praha.eu.edgekey.net'], [60])), 0);
  t.is(index.dnsAddressCount, 0);
});

test('SNI beats DNS for the same address', (t) => {
  const index = new DomainIndex();
  index.addDnsAnswer(dns(T, 'www.praha.eu', ['185.8.164.10'], [60]));
  index.addObservation(ssl('185.8.164.10', 'www.prahaneznama.cz'));
  const attribution = index.attribute('185.8.164.10', T + 10)!;
  t.is(attribution.source, 'sni-or-host');
  t.deepEqual(attribution.domains, [{ domain: 'www.prahaneznama.cz', share: 1 }]);
});

test('IPv4-mapped and IPv6 addresses are normalised', (t) => {
  const index = new DomainIndex();
  index.addObservation(ssl('::ffff:147.32.83.234', 'www.cvut.cz'));
  t.deepEqual(index.attribute('147.32.83.234', T)!.domains, [{ domain: 'www.cvut.cz', share: 1 }]);

  // DNS AAAA answer in full form; the index keys it by the RFC 5952 text 2001:db8::7.
  index.addDnsAnswer(dns(T, 'www.cvut.cz', ['2001:0DB8:0000:0000:0000:0000:0000:0007'], [60]));
  t.deepEqual(index.attribute('2001:db8::7', T + 1)!.domains, [{ domain: 'www.cvut.cz', share: 1 }]);
  index.addDnsAnswer(dns(T, 'www.fit.cvut.cz', ['::ffff:147.32.232.212'], [60]));
  t.deepEqual(index.attribute('147.32.232.212', T + 1)!.domains, [{ domain: 'www.fit.cvut.cz', share: 1 }]);
});

test('isTimeInvariant by name source', (t) => {
  const index = new DomainIndex();
  index.addObservation(ssl('192.0.2.80', 'www.idnes.cz'));
  index.addDnsAnswer(dns(T, 'www.idnes.cz', ['192.0.2.80'], [300]));
  index.addDnsAnswer(dns(T, 'www.seznam.cz', ['192.0.2.81'], [300]));

  // SNI names apply to the whole run, even where DNS answers also name the address.
  t.true(index.isTimeInvariant('192.0.2.80'));
  // DNS answers expire, so the attribution depends on the connection's time.
  t.false(index.isTimeInvariant('192.0.2.81'));
  // An address without any name has the same (empty) attribution at every time.
  t.true(index.isTimeInvariant('192.0.2.82'));
});
