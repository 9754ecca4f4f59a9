/** The cache interface that mmdb-lib's Reader accepts (`get` and `set`), also used by the enricher. */
export interface Cache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/**
 * Creates a least-recently-used cache holding at most `maxEntries` values.
 * A Map keeps insertion order, so re-inserting on each hit puts the oldest entry first.
 */
export function createLruCache<K, V>(maxEntries: number): Cache<K, V> & { readonly size: number } {
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`invalid cache size ${maxEntries}: expected a positive integer`);
  }
  const entries = new Map<K, V>();

  return {
    get(key: K): V | undefined {
      const value = entries.get(key);
      if (value === undefined) return undefined;
      entries.delete(key);
      entries.set(key, value);
      return value;
    },
    set(key: K, value: V): void {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next().value as K;
        entries.delete(oldest);
      }
    },
    get size(): number {
      return entries.size;
    },
  };
}
