// Pure checks of a MaxMind DB search tree, on the file's bytes. The layout is in the
// MaxMind DB File Format Specification 2.0 (https://maxmind.github.io/MaxMind-DB/):
// a binary tree of `nodeCount` nodes, each two records of `recordSize` bits, then a
// 16-byte separator, then the data section, then the metadata.
import type { Reader } from 'maxmind';
import { formatNetwork } from './parse-address.ts';

/** MMDB metadata as mmdb-lib parses it; maxmind 5.0.7 does not re-export the type. */
export type Metadata = Reader<any>['metadata'];

const DATA_SECTION_SEPARATOR_BYTES = 16;
const METADATA_MARKER = Buffer.from('\xab\xcd\xefMaxMind.com', 'latin1');

/** Result of a walk of the search tree. */
export interface MmdbTreeWalk {
  nodesVisited: number;
  /** Distinct data records: record value -> one network (CIDR) that points to it. */
  records: Map<number, string>;
  /** Set when the walk stopped early at `maxRecords`. */
  truncated: boolean;
}

/** Raised by walkMmdbTree for a structurally broken tree; the caller adds the file name. */
export class MmdbStructureError extends Error {}

/**
 * Checks that the search tree fits in the file, then walks it depth-first and checks
 * each record: a node number below `nodeCount`, the "not found" value `nodeCount`, or a
 * pointer into the data section. A path longer than the address width (32 or 128 bits)
 * means the tree has a cycle. Stops after `maxRecords` distinct data records.
 * Throws MmdbStructureError on the first problem.
 */
export function walkMmdbTree(database: Buffer, metadata: Metadata, maxRecords = Infinity): MmdbTreeWalk {
  const { nodeCount, recordSize, ipVersion } = metadata;
  checkLayout(database, metadata);

  const readRecord = recordReader(database, recordSize);
  const nodeBytes = (recordSize * 2) / 8;
  const bitLength = ipVersion === 4 ? 32 : 128;
  const dataSectionBytes =
    database.lastIndexOf(METADATA_MARKER) - nodeCount * nodeBytes - DATA_SECTION_SEPARATOR_BYTES;
  const ipv4Start = ipVersion === 6 ? ipv4StartNode(readRecord, nodeCount) : -1;

  // Each stack entry is a node and its depth; `pathBits[depth]` is the branch taken
  // at that depth. Siblings only write deeper entries, so a popped node's prefix stays valid.
  const stackNodes: number[] = [0];
  const stackDepths: number[] = [0];
  const pathBits = new Uint8Array(bitLength);
  const records = new Map<number, string>();
  let nodesVisited = 0;
  let ipv4Visited = false;

  while (stackNodes.length > 0) {
    const node = stackNodes.pop()!;
    const depth = stackDepths.pop()!;

    // IPv6 databases alias ::ffff:0:0/96 and 2002::/16 to the IPv4 subtree: walk it once.
    if (node === ipv4Start) {
      if (ipv4Visited) continue;
      ipv4Visited = true;
    }
    nodesVisited++;
    if (nodesVisited > nodeCount * 2) {
      throw new MmdbStructureError(`search tree visits more than twice its ${nodeCount} nodes, so nodes are shared or cyclic`);
    }

    for (const bit of [1, 0]) {
      pathBits[depth] = bit;
      const value = readRecord(node, bit);
      if (value === nodeCount) continue;

      if (value < nodeCount) {
        if (depth + 1 >= bitLength) {
          throw new MmdbStructureError(`search tree is deeper than ${bitLength} bits at node ${node}, so it has a cycle`);
        }
        stackNodes.push(value);
        stackDepths.push(depth + 1);
        continue;
      }

      const dataOffset = value - nodeCount - DATA_SECTION_SEPARATOR_BYTES;
      if (dataOffset < 0 || dataOffset >= dataSectionBytes) {
        throw new MmdbStructureError(
          `node ${node} points to data offset ${dataOffset}, outside the data section of ${dataSectionBytes} bytes`,
        );
      }
      if (!records.has(value)) {
        records.set(value, networkOfPath(pathBits, depth + 1));
        if (records.size >= maxRecords) return { nodesVisited, records, truncated: true };
      }
    }
  }
  return { nodesVisited, records, truncated: false };
}

function checkLayout(database: Buffer, metadata: Metadata): void {
  const { nodeCount, recordSize, ipVersion } = metadata;
  if (![24, 28, 32].includes(recordSize)) {
    throw new MmdbStructureError(`record size ${recordSize} is invalid: expected 24, 28 or 32 bits`);
  }
  if (ipVersion !== 4 && ipVersion !== 6) {
    throw new MmdbStructureError(`IP version ${ipVersion} is invalid: expected 4 or 6`);
  }
  const treeBytes = nodeCount * ((recordSize * 2) / 8);
  const metadataStart = database.lastIndexOf(METADATA_MARKER);
  if (!Number.isInteger(nodeCount) || nodeCount < 1 || treeBytes + DATA_SECTION_SEPARATOR_BYTES > metadataStart) {
    throw new MmdbStructureError(
      `node count ${nodeCount} needs a search tree of ${treeBytes} bytes, but the metadata starts at byte ${metadataStart}`,
    );
  }
}

type RecordReader = (node: number, bit: number) => number;

function recordReader(database: Buffer, recordSize: number): RecordReader {
  if (recordSize === 24) {
    return (node, bit) => database.readUIntBE(node * 6 + bit * 3, 3);
  }
  if (recordSize === 28) {
    // The middle byte carries the top 4 bits of the left (high nibble) and right (low nibble) record.
    return (node, bit) => {
      const offset = node * 7;
      const middle = database[offset + 3];
      return bit === 0
        ? ((middle & 0xf0) << 20) | database.readUIntBE(offset, 3)
        : ((middle & 0x0f) << 24) | database.readUIntBE(offset + 4, 3);
    };
  }
  return (node, bit) => database.readUInt32BE(node * 8 + bit * 4);
}

/** Follows 96 left branches (the ::/96 prefix), as mmdb-lib does to find IPv4 lookups' start. */
function ipv4StartNode(readRecord: RecordReader, nodeCount: number): number {
  let node = 0;
  for (let depth = 0; depth < 96 && node < nodeCount; depth++) node = readRecord(node, 0);
  return node;
}

function networkOfPath(pathBits: Uint8Array, prefixLength: number): string {
  const bytes = new Array<number>(pathBits.length / 8).fill(0);
  for (let index = 0; index < prefixLength; index++) {
    if (pathBits[index]) bytes[index >> 3] |= 0x80 >> (index & 7);
  }
  return formatNetwork(bytes, prefixLength);
}
