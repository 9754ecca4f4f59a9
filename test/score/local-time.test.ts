import test from 'ava';
import { countryTimeZone, isKnownTimeZone, toLocalHour } from '../../src/score/local-time.ts';

// Offsets from the IANA time zone database: Europe/Prague is UTC+1 (CET) in winter and UTC+2
// (CEST) from the last Sunday of March, Asia/Kolkata is UTC+5:30 all year, America/New_York is
// UTC-5 (EST) in winter.

test('Prague in summer is UTC+2', (t) => {
  // 2024-07-01 10:30 UTC is 12:30 CEST, a Monday.
  t.deepEqual(toLocalHour('2024-07-01', 10, 'Europe/Prague'), { day: '2024-07-01', hour: 12, weekday: 1 });
});

test('Prague in winter is UTC+1', (t) => {
  // 2024-01-15 10:30 UTC is 11:30 CET, a Monday.
  t.deepEqual(toLocalHour('2024-01-15', 10, 'Europe/Prague'), { day: '2024-01-15', hour: 11, weekday: 1 });
});

test('Prague across the spring change', (t) => {
  // Clocks went from 02:00 CET to 03:00 CEST at 01:00 UTC on Sunday 2024-03-31.
  t.deepEqual(toLocalHour('2024-03-31', 0, 'Europe/Prague'), { day: '2024-03-31', hour: 1, weekday: 0 });
  t.deepEqual(toLocalHour('2024-03-31', 1, 'Europe/Prague'), { day: '2024-03-31', hour: 3, weekday: 0 });
});

test('Kolkata half-hour offset', (t) => {
  // 2024-03-04 04:30 UTC is 10:00 IST; 03:30 UTC is 09:00 IST. Monday.
  t.deepEqual(toLocalHour('2024-03-04', 4, 'Asia/Kolkata'), { day: '2024-03-04', hour: 10, weekday: 1 });
  t.deepEqual(toLocalHour('2024-03-04', 3, 'Asia/Kolkata'), { day: '2024-03-04', hour: 9, weekday: 1 });
});

test('day rolls forward and back', (t) => {
  // 2024-03-04 18:30 UTC is 00:00 IST on Tuesday 2024-03-05; 17:30 UTC is still 23:00 Monday.
  t.deepEqual(toLocalHour('2024-03-04', 18, 'Asia/Kolkata'), { day: '2024-03-05', hour: 0, weekday: 2 });
  t.deepEqual(toLocalHour('2024-03-04', 17, 'Asia/Kolkata'), { day: '2024-03-04', hour: 23, weekday: 1 });
  // 2024-01-01 03:30 UTC is 22:30 EST on Sunday 2023-12-31.
  t.deepEqual(toLocalHour('2024-01-01', 3, 'America/New_York'), { day: '2023-12-31', hour: 22, weekday: 0 });
  // Year rollover forward: 2023-12-31 23:30 UTC is 00:30 CET on Monday 2024-01-01.
  t.deepEqual(toLocalHour('2023-12-31', 23, 'Europe/Prague'), { day: '2024-01-01', hour: 0, weekday: 1 });
});

test('country main time zones', (t) => {
  // Countries with several zones take the zone of the capital or the largest population.
  t.is(countryTimeZone('US'), 'America/New_York');
  t.is(countryTimeZone('RU'), 'Europe/Moscow');
  t.is(countryTimeZone('CN'), 'Asia/Shanghai');
  // Single-zone countries come from countries-and-timezones 3.10.0.
  t.is(countryTimeZone('CZ'), 'Europe/Prague');
  t.is(countryTimeZone('IN'), 'Asia/Kolkata');
  t.is(countryTimeZone('ZZ'), undefined);
});

test('known time zone names', (t) => {
  t.true(isKnownTimeZone('Europe/Prague'));
  t.true(isKnownTimeZone('UTC'));
  t.false(isKnownTimeZone('Mars/Olympus_Mons'));
});
