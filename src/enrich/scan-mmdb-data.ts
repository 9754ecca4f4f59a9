// Pure structural scan of a MaxMind DB data section, on the file's bytes. mmdb-lib
// 3.0.3 decodes leniently (for example it reads 8 bytes for a double whose size field
// gives another size), so a corrupt field can decode to a plausible wrong value. This
// scan finds such fields before any lookup. Field encoding: MaxMind DB File Format
// Specification 2.0, section "Output Data Section".
import { MmdbStructureError } from './walk-mmdb-tree.ts';

const TYPE_NAMES = [
  'extended', 'pointer', 'string', 'double', 'bytes', 'uint16', 'uint32', 'map',
  'int32', 'uint64', 'uint128', 'array', 'data cache container', 'end marker', 'boolean', 'float',
];
/** Maximum payload bytes of each fixed-width numeric type; double and float need exactly these sizes. */
const NUMERIC_MAX_BYTES: Record<number, number> = { 5: 2, 6: 4, 8: 4, 9: 8, 10: 16 };
/** Nesting deeper than this is taken as corruption; real GeoIP records nest about 4 levels. */
const MAX_NESTING = 64;

/**
 * Scans every field of the data section `[start, end)` of `database` and checks types,
 * sizes and pointers. Returns the number of top-level records. Throws
 * MmdbStructureError naming the offset (relative to the data section) of the first bad field.
 */
export function scanMmdbData(database: Buffer, start: number, end: number): number {
  const scanner = new DataScanner(database, start, end - start);
  let records = 0;
  let offset = 0;
  while (offset < scanner.size) {
    offset = scanner.scanField(offset, 0);
    records++;
  }
  return records;
}

class DataScanner {
  constructor(
    private readonly database: Buffer,
    private readonly start: number,
    readonly size: number,
  ) {}

  /** Checks the field at `offset` and returns the offset after it. */
  scanField(offset: number, depth: number): number {
    if (depth > MAX_NESTING) this.fail(offset, `nesting deeper than ${MAX_NESTING} levels`);

    const control = this.byteAt(offset, offset);
    let cursor = offset + 1;
    let type = control >> 5;

    if (type === 1) {
      const sizeBits = (control >> 3) & 0x3;
      const target = this.pointerTarget(offset, control, sizeBits, cursor);
      if (target >= this.size) this.fail(offset, `pointer to offset ${target}, outside the data section of ${this.size} bytes`);
      return cursor + sizeBits + 1;
    }

    if (type === 0) {
      type = 7 + this.byteAt(offset, cursor);
      cursor++;
      if (type < 8 || type > 15) this.fail(offset, `unknown extended type ${type}`);
    }

    let length = control & 0x1f;
    if (length >= 29) {
      const extraBytes = length - 28;
      let extra = 0;
      for (let index = 0; index < extraBytes; index++) extra = extra * 256 + this.byteAt(offset, cursor + index);
      cursor += extraBytes;
      // Sizes 29, 30 and 31 mean 1, 2 or 3 extra bytes, added to 29, 285 and 65821 (spec).
      const bases: Record<number, number> = { 29: 29, 30: 285, 31: 65821 };
      length = bases[length] + extra;
    }

    switch (type) {
      case 2:
      case 4:
        return this.skipPayload(offset, type, cursor, length);
      case 3:
      case 15: {
        const expected = type === 3 ? 8 : 4;
        if (length !== expected) this.fail(offset, `${TYPE_NAMES[type]} has size ${length}, expected ${expected}`);
        return this.skipPayload(offset, type, cursor, length);
      }
      case 5:
      case 6:
      case 8:
      case 9:
      case 10:
        if (length > NUMERIC_MAX_BYTES[type]) {
          this.fail(offset, `${TYPE_NAMES[type]} has size ${length}, at most ${NUMERIC_MAX_BYTES[type]} allowed`);
        }
        return this.skipPayload(offset, type, cursor, length);
      case 14:
        if (length > 1) this.fail(offset, `boolean has value ${length}, expected 0 or 1`);
        return cursor;
      case 7:
        for (let pair = 0; pair < length; pair++) {
          cursor = this.scanField(cursor, depth + 1);
          cursor = this.scanField(cursor, depth + 1);
        }
        return cursor;
      case 11:
        for (let element = 0; element < length; element++) cursor = this.scanField(cursor, depth + 1);
        return cursor;
      default:
        return this.fail(offset, `type ${TYPE_NAMES[type] ?? type} is not allowed in a data record`);
    }
  }

  private skipPayload(offset: number, type: number, cursor: number, length: number): number {
    if (cursor + length > this.size) this.fail(offset, `${TYPE_NAMES[type]} of ${length} bytes runs past the end of the data section`);
    return cursor + length;
  }

  private pointerTarget(offset: number, control: number, sizeBits: number, cursor: number): number {
    let value = sizeBits === 3 ? 0 : control & 0x7;
    for (let index = 0; index <= sizeBits; index++) value = value * 256 + this.byteAt(offset, cursor + index);
    // Each longer pointer form starts where the shorter one ends (spec offsets 2048 and 526336).
    if (sizeBits === 1) value += 2048;
    if (sizeBits === 2) value += 526336;
    return value;
  }

  private byteAt(fieldOffset: number, at: number): number {
    if (at >= this.size) this.fail(fieldOffset, 'field runs past the end of the data section');
    return this.database[this.start + at];
  }

  private fail(offset: number, what: string): never {
    throw new MmdbStructureError(`invalid data field at data-section offset ${offset}: ${what}`);
  }
}
