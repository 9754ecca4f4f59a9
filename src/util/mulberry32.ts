/**
 * Returns mulberry32, a 32-bit seeded pseudo-random generator (Tommy Ettinger, public domain),
 * as a function that yields floats in [0, 1). The demo logs, the benchmark and seeded tests use
 * it so that the same seed gives the same data on every run and machine.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
