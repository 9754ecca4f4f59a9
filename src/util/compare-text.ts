/**
 * Compares two strings by UTF-16 code units, as the default sort does. Unlike localeCompare it
 * does not depend on the runtime's locale data, so sorted output is the same on every machine.
 */
export function compareText(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
