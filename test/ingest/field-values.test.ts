import test from 'ava';
import {
  normalizeHostname,
  parseIsoTimestamp,
  parsePort,
  parseTimestamp,
  stripHostPort,
  unescapeZeek,
} from '../../src/ingest/field-values.ts';

test('timestamps epoch and ISO', (t) => {
  t.is(parseTimestamp('1655157610.743948'), 1655157610.743948);
  // `date -u -d '2022-06-14T08:30:00Z' +%s` gives 1655195400; +02:00 is two hours earlier in UTC.
  t.is(parseIsoTimestamp('2022-06-14T08:30:00Z'), 1655195400);
  t.is(parseIsoTimestamp('2022-06-14T10:30:00+02:00'), 1655195400);
  t.is(parseIsoTimestamp('2022-06-14T08:30:00-0130'), 1655195400 + 5400);
  t.is(parseTimestamp('2022-06-14 08:30:00'), 1655195400);
});

test('timestamps rejected', (t) => {
  for (const text of ['', '-', 'yesterday', '2022-02-30T00:00:00Z', '2022-06-14T25:00:00Z', '-5', 'Infinity']) {
    t.is(parseTimestamp(text), undefined, text);
  }
});

test('ports', (t) => {
  t.is(parsePort('0'), 0);
  t.is(parsePort('65535'), 65535);
  for (const text of ['', '-', '65536', '-1', '80.5', 'https']) t.is(parsePort(text), -1, text);
});

test('host names', (t) => {
  t.is(normalizeHostname('WWW.Seznam.CZ.'), 'www.seznam.cz');
  t.is(stripHostPort('example.cz:8080'), 'example.cz');
  t.is(stripHostPort('[2001:db8::1]:80'), '2001:db8::1');
  t.is(stripHostPort('2001:db8::1'), '2001:db8::1');
  t.is(stripHostPort('example.cz'), 'example.cz');
});

test('Zeek escapes', (t) => {
  // Zeek writes a separator or a non-printable byte inside a value as \xHH.
  t.is(unescapeZeek('odd\\x7cname'), 'odd|name');
  t.is(unescapeZeek('a\\x09b'), 'a\tb');
  t.is(unescapeZeek('caf\\xe9'), 'caf\u00e9');
  t.is(unescapeZeek('plain'), 'plain');
});
