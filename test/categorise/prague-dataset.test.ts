import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { categoriseDomain, loadGeodata } from '../../src/categorise/index.ts';

// Real Zeek ssl logs captured in Prague (Stratosphere Laboratory, CTU-Normal-42 and 43).
const datasets = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)), 'shared', 'datasets');
const sslLogs = ['prague-ctu-normal-010', 'prague-ctu-normal-011'].map((folder) => path.join(datasets, folder, 'ssl.log.labeled'));
const available = sslLogs.every((file) => existsSync(file));

function serverNames(file: string): string[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const fields = lines.find((line) => line.startsWith('#fields'))?.split('\t').slice(1) ?? [];
  const column = fields.indexOf('server_name');
  return lines.filter((line) => line !== '' && !line.startsWith('#')).map((line) => line.split('\t')[column]);
}

(available ? test : test.skip)(`Prague server names point to Czechia and Prague${available ? '' : ' (skipped: ../shared/datasets is absent)'}`, (t) => {
  const geodata = loadGeodata();
  const names = [...new Set(sslLogs.flatMap(serverNames).filter((name) => name !== undefined && name !== '-'))].sort();
  const audiences = names.map((name) => categoriseDomain(name, geodata));
  const localCountries = audiences.filter((audience) => audience.country !== undefined).map((audience) => audience.country);
  const czech = localCountries.filter((country) => country === 'CZ').length;
  t.log(`${names.length} server names, ${localCountries.length} with a country, ${czech} of them CZ`);
  // Czech names outnumber any other country's: the captures were made in Prague.
  t.true(czech > localCountries.length / 2);
  const pragueUniversities = audiences.filter((audience) => audience.category === 'university' && audience.city === 'Prague');
  t.true(pragueUniversities.some((audience) => audience.resource === 'cvut.cz'));
  t.true(audiences.some((audience) => audience.resource === 'praguecitytourism.cz' && audience.city === 'Prague'));
});
