import test from 'ava';
import { createLruCache } from '../../src/enrich/lru-cache.ts';

// Expected contents follow the two-generation scheme by hand: a cache of 4 keeps generations of 2.

test('cache keeps recent entries', (t) => {
  const cache = createLruCache<number, string>(4);
  cache.set(1, 'a');
  cache.set(2, 'b'); // generation {1, 2} is full and becomes the older one
  cache.set(3, 'c');
  t.is(cache.get(1), 'a'); // copied into the newer generation {3, 1}, which becomes the older one
  cache.set(4, 'd');
  cache.set(5, 'e'); // {4, 5} becomes the older one; {3, 1} is dropped

  t.is(cache.get(2), undefined);
  t.is(cache.get(3), undefined);
  t.is(cache.get(1), undefined);
  t.is(cache.get(4), 'd');
  t.is(cache.get(5), 'e');
});

test('cache stays within its size', (t) => {
  const cache = createLruCache<number, number>(100);
  for (let key = 0; key < 10_000; key++) {
    cache.set(key, key);
    cache.get(key - 7);
  }
  t.true(cache.size <= 100, `${cache.size} entries`);
  t.is(cache.get(9_999), 9_999);
  t.is(cache.get(0), undefined);
});

test('cache rejects sizes below 2', (t) => {
  t.throws(() => createLruCache(1), { instanceOf: RangeError, message: 'invalid cache size 1: expected an integer of at least 2' });
  t.throws(() => createLruCache(2.5), { instanceOf: RangeError });
});
