// Acceptance: one day of a real workstation in Prague (CTU-Normal-42 and -43 captures, Stratosphere
// Laboratory, ../shared/datasets). Ground truth from the datasets' README: the users are in Prague,
// Czech Republic; most traffic goes to US platforms and CDNs, and the host was scanned from abroad.

import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { assess } from '../../src/assess/assess.ts';
import { openGeoIp } from '../../src/enrich/open-geoip.ts';
import type { Assessment } from '../../src/report/assessment.ts';

const datasets = resolve(process.cwd(), '../shared/datasets');
const days = [
  { folder: 'prague-ctu-normal-010', host: '147.32.83.234' },
  { folder: 'prague-ctu-normal-011', host: '147.32.83.165' },
];

/** Countries of the addresses that opened connections to the monitored host, found independently of footprint's pipeline. */
async function inboundCountries(connLog: string, host: string): Promise<Set<string>> {
  const geoip = await openGeoIp();
  const lines = readFileSync(connLog, 'utf8').split('\n');
  const fields = lines.find((line) => line.startsWith('#fields'))!.split('\t').slice(1);
  const orig = fields.indexOf('id.orig_h');
  const resp = fields.indexOf('id.resp_h');

  const countries = new Set<string>();
  for (const line of lines) {
    if (line.startsWith('#') || line === '') continue;
    const columns = line.split('\t');
    if (columns[resp] !== host) continue;
    const country = geoip.lookup(columns[orig])?.location.country;
    if (country) countries.add(country);
  }
  return countries;
}

for (const day of days) {
  const folder = resolve(datasets, day.folder);
  const available = existsSync(folder);
  const declare = available ? test : test.skip;
  const title = (text: string) => `${day.folder}: ${text}${available ? '' : ' (skipped: ../shared/datasets is absent)'}`;

  let cached: Promise<Assessment> | undefined;
  const run = () => (cached ??= assess({ inputs: [folder], population: day.host }));

  declare(title('CZ ranks first with moderate or high confidence'), async (t) => {
    const assessment = await run();
    const first = assessment.countries[0];
    t.is(first.country, 'CZ');
    t.is(first.rank, 1);
    t.true(first.present);
    t.true(['moderate', 'high'].includes(first.confidence), `confidence was ${first.confidence}`);
  });

  declare(title('Prague ranks first among Czech cities'), async (t) => {
    const assessment = await run();
    const czech = assessment.countries.find((finding) => finding.country === 'CZ')!;
    t.is(czech.cities?.[0]?.city, 'Prague');
    t.is(czech.cities?.[0]?.rank, 1);
  });

  declare(title('US and scanner countries are not present'), async (t) => {
    const assessment = await run();
    const present = assessment.countries.filter((finding) => finding.present).map((finding) => finding.country);
    t.deepEqual(present, ['CZ']);

    const us = assessment.countries.find((finding) => finding.country === 'US');
    t.false(us?.present ?? false);

    // Every country that connected in (scanners and attackers, per the datasets' README) other than CZ.
    const scanners = await inboundCountries(resolve(folder, 'conn.log.labeled'), day.host);
    scanners.delete('CZ');
    t.true(scanners.size >= 10, `only ${scanners.size} inbound countries found`);
    for (const country of scanners) t.false(present.includes(country), `${country} reported present`);
  });

  declare(title('every record is accounted for'), async (t) => {
    const assessment = await run();
    const records = assessment.dataQuality.records;
    const rejected = Object.values(records.rejected).reduce((sum, count) => sum + count, 0);
    const ignored = Object.values(records.ignored).reduce((sum, count) => sum + count, 0);
    t.is(records.used + rejected + ignored, records.read);
    // Zeek writes one conn row per connection; `grep -vc '^#' conn.log.labeled` counts them.
    const connRows = readFileSync(resolve(folder, 'conn.log.labeled'), 'utf8').split('\n').filter((line) => line !== '' && !line.startsWith('#')).length;
    const connFile = assessment.dataQuality.files.find((file) => file.kind === 'conn')!;
    t.is(connFile.read, connRows);
  });

  declare(title('output is identical across runs'), async (t) => {
    const first = JSON.stringify(await run());
    const second = JSON.stringify(await assess({ inputs: [folder], population: day.host }));
    t.is(second, first);
  });
}
