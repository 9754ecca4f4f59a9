import test from 'ava';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataError } from '../../src/errors.ts';
import { defaultGeodataDir, loadGeodata } from '../../src/categorise/index.ts';

const header = 'source: [test]\nlicence: test\n';

/** Copies geodata/global and geodata/gazetteer into a temporary folder with one country file of the given body. */
function folderWith(countryFile: string, body: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'geodata-'));
  cpSync(path.join(defaultGeodataDir, 'global'), path.join(dir, 'global'), { recursive: true });
  cpSync(path.join(defaultGeodataDir, 'gazetteer'), path.join(dir, 'gazetteer'), { recursive: true });
  mkdirSync(path.join(dir, 'countries'));
  writeFileSync(path.join(dir, 'countries', countryFile), header + body);
  return dir;
}

function loadError(countryFile: string, body: string): DataError {
  const dir = folderWith(countryFile, body);
  try {
    return (() => {
      try {
        loadGeodata(dir);
      } catch (error) {
        return error as DataError;
      }
      throw new Error('loadGeodata accepted invalid data');
    })();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('default geodata covers every country', (t) => {
  // Load time is a speed figure, so it is not asserted here (the benchmark prints load times).
  const geodata = loadGeodata();
  for (const code of ['CN', 'IN', 'NP', 'BD', 'MZ', 'KE', 'TH', 'ID', 'RU', 'CZ', 'US', 'KP', 'SG']) {
    t.true(geodata.countries.has(code), code);
  }
  t.is(loadGeodata(), geodata, 'second call returns the cached object');
});

test('unknown country code names the file', (t) => {
  const error = loadError('XX.yaml', 'country: XX\nname: Nowhere\ncctld: xx\n');
  t.true(error instanceof DataError);
  t.regex(error.message, /countries\/XX\.yaml: country: unknown ISO 3166-1 alpha-2 code "XX"/);
});

test('city missing from gazetteer names entry', (t) => {
  const error = loadError('CZ.yaml', 'country: CZ\nname: Czechia\ncctld: cz\nmunicipal_domains:\n  praha.eu: Pragu\n');
  t.regex(error.message, /countries\/CZ\.yaml: municipal_domains\.praha\.eu: city "Pragu" is not in the gazetteer for CZ/);
});

test('bad coordinates name the zone field', (t) => {
  const body = 'country: IN\nname: India\ncctld: in\neconomic_zones:\n  - { name: Test SEZ, latitude: 128.5, longitude: 77.3, radius_km: 5 }\n';
  const error = loadError('IN.yaml', body);
  t.regex(error.message, /countries\/IN\.yaml: economic_zones\[0\]\.latitude: expected a number from -90 to 90, got 128\.5/);
});

test('invalid domain is rejected', (t) => {
  const error = loadError('CZ.yaml', 'country: CZ\nname: Czechia\ncctld: cz\nnational_platforms: [https://seznam.cz/]\n');
  t.regex(error.message, /national_platforms\[0\]: invalid domain/);
});

test('domain listed twice is rejected', (t) => {
  const error = loadError('CZ.yaml', 'country: CZ\nname: Czechia\ncctld: cz\nnational_platforms: [slack.com]\n');
  t.regex(error.message, /domain "slack\.com" is listed twice/);
});

test('missing source header is rejected', (t) => {
  const dir = folderWith('CZ.yaml', 'country: CZ\nname: Czechia\ncctld: cz\n');
  writeFileSync(path.join(dir, 'countries', 'CZ.yaml'), 'country: CZ\nname: Czechia\ncctld: cz\n');
  const error = t.throws(() => loadGeodata(dir));
  rmSync(dir, { recursive: true, force: true });
  t.regex(error.message, /countries\/CZ\.yaml: source: missing source list/);
});

test('misspelt country field is rejected', (t) => {
  const error = loadError('CZ.yaml', 'country: CZ\nname: Czechia\ncctld: cz\nnewz:\n  - { domain: idnes.cz }\n');
  t.regex(error.message, /countries\/CZ\.yaml: newz: unknown field/);
});
