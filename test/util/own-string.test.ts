import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import test from 'ava';
import { ownString } from '../../src/util/own-string.ts';

// A full garbage collection, as `node --expose-gc` would provide it.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const PARENTS = 50;
const PARENT_LENGTH = 1 << 20;

// Keeps a 15-character address cut from each of 50 one-MiB strings and returns the heap growth in bytes.
function retainedBytes(copy: (text: string) => string): number {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const keptStrings: string[] = [];
  for (let index = 0; index < PARENTS; index++) {
    const parent = `${String(index).padStart(4, '0')}\t198.51.100.${100 + index}\t`.padEnd(PARENT_LENGTH, 'x');
    keptStrings.push(copy(parent.slice(5, 5 + 14)));
  }
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  if (keptStrings.length !== PARENTS) throw new Error('kept strings were lost');
  return after - before;
}

test('ownString keeps no parent alive', (t) => {
  // A plain slice keeps its parent: 50 parents of 1 MiB each.
  t.true(retainedBytes((text) => text) > 40 * PARENT_LENGTH);
  // The copies keep 50 short strings. The bound allows for the last parent, which V8 may still
  // reference at the collection (about 1 MiB measured with Node 20).
  t.true(retainedBytes(ownString) < 5 * PARENT_LENGTH);
});

test('ownString returns equal text', (t) => {
  t.is(ownString('198.51.100.107'), '198.51.100.107');
  t.is(ownString('10.0.0.1'), '10.0.0.1');
  t.is(ownString(''), '');
});
