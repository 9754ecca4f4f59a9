import test from 'ava';
import { Aggregate } from '../../src/aggregate/aggregate.ts';
import { defaultWeights } from '../../src/score/load-weights.ts';
import { measurePlaces } from '../../src/score/measure-places.ts';

const cell = { layer: 'resource', country: 'CN', city: '', networkClass: '', direction: 'outbound', day: '2024-07-01', hour: 3 } as const;

test('local use weighted by category', (t) => {
  const aggregate = new Aggregate();
  aggregate.addCell({ ...cell, category: 'national-platform' }, { established: 4, failed: 0, bytes: 0 });
  aggregate.addCell({ ...cell, category: 'local-news' }, { established: 1, failed: 0, bytes: 0 });
  aggregate.addCell({ ...cell, category: 'other' }, { established: 2, failed: 0, bytes: 0 });

  // heuristics/default.yaml: national-platform 0.5, local-news 1, other 0.75, so 4*0.5 + 1 + 2*0.75 = 4.5.
  const places = measurePlaces(aggregate, defaultWeights());
  t.is(places.get('CN')?.local, 4.5);
});

test('category weight of zero removes use', (t) => {
  const aggregate = new Aggregate();
  aggregate.addCell({ ...cell, category: 'national-platform' }, { established: 4, failed: 0, bytes: 0 });
  const weights = defaultWeights();
  weights.counting.category_weights['national-platform'] = 0;

  t.is(measurePlaces(aggregate, weights).get('CN')?.local, 0);
});
