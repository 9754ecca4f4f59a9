/**
 * Benjamini-Hochberg adjusted p-values (q-values), which control the false discovery rate of the
 * tests whose q-value is at or under the chosen level.
 * Source: Benjamini and Hochberg (1995), "Controlling the false discovery rate", JRSS B 57(1).
 * Returns the q-values in the order of the input.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const count = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p || a.index - b.index);
  const qValues = new Array<number>(count);

  // Walk from the largest p-value down, keeping the running minimum of p * m / rank.
  let runningMin = 1;
  for (let rank = count; rank >= 1; rank--) {
    const { p, index } = order[rank - 1];
    runningMin = Math.min(runningMin, (p * count) / rank);
    qValues[index] = runningMin;
  }
  return qValues;
}
