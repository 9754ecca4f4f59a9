// Copies of strings cut from large input chunks.

// V8 represents a slice of 13 or more characters as a view into the string it was cut from
// (SlicedString::kMinLength in V8's src/objects/string.h). Shorter slices are copies already.
const MIN_SLICE_VIEW_LENGTH = 13;

/**
 * Returns text as a string that does not keep alive the string it was cut from. Without the copy,
 * a map key cut from a 256 KiB read chunk keeps the whole chunk in memory. Memory then grows with
 * the input, not with the distinct keys.
 */
export function ownString(text: string): string {
  if (text.length < MIN_SLICE_VIEW_LENGTH) return text;

  // Concatenation makes a new string, and slicing it flattens that string into a fresh copy.
  return (' ' + text).slice(1);
}
