// A small aggregate built by hand for the score and report tests. The tests that use it work
// out every expected value from the cells, resources and peers added here.

import { Aggregate, type CellKey } from '../../src/aggregate/aggregate.ts';

// Europe/Prague is UTC+2 in July, so UTC hour 8 on 2024-07-01 is local 10:00 and UTC hour 23 is
// 01:00 on 2024-07-02.
export const base: CellKey = { layer: 'endpoint', country: 'CZ', city: 'Prague', category: 'local-news', networkClass: 'unknown', direction: 'outbound', day: '2024-07-01', hour: 8 };

export function buildScenario(): Aggregate {
  const aggregate = new Aggregate();
  // 1. Prague news server: 4 established and 10 failed, weight 4 + 0.02 * 10 = 4.2.
  aggregate.addCell(base, { established: 4, failed: 10, bytes: 1 });
  // 2. A Czech access network, country only, at 23 UTC (local 07-02): weight 1.
  aggregate.addCell({ ...base, city: '', category: 'other', networkClass: 'access-isp', hour: 23 }, { established: 1, failed: 0, bytes: 1 });
  // 3. A global service in the US on 07-02: not evidence, but makes 07-02 an active day.
  aggregate.addCell({ ...base, country: 'US', city: '', category: 'global-service', networkClass: 'global-platform', day: '2024-07-02', hour: 10 }, { established: 5, failed: 0, bytes: 1 });
  // 4. A CDN server in Germany: left out of activity.
  aggregate.addCell({ ...base, country: 'DE', city: '', category: 'other', networkClass: 'cdn', hour: 9 }, { established: 2, failed: 0, bytes: 1 });
  // 5. Inbound on the endpoint layer: counted per peer instead.
  aggregate.addCell({ ...base, city: '', category: 'other', networkClass: 'access-isp', direction: 'inbound', hour: 9 }, { established: 3, failed: 0, bytes: 1 });
  // 6. Prague news as a resource: local 3.
  aggregate.addCell({ ...base, layer: 'resource', networkClass: '' }, { established: 3, failed: 0, bytes: 1 });
  // 7. National government, inbound: local 2 * inbound weight 0.5 = 1, at local 11:00.
  aggregate.addCell({ ...base, layer: 'resource', city: '', category: 'national-government', networkClass: '', direction: 'inbound', hour: 9 }, { established: 2, failed: 0, bytes: 1 });
  // 8. One failed connection to France at 10 UTC: weight 0.02.
  aggregate.addCell({ ...base, country: 'FR', city: '', category: 'other', hour: 10 }, { established: 0, failed: 1, bytes: 0 });

  aggregate.addResource({ place: 'CZ/Prague', resource: 'praha.eu', category: 'municipal-government', connections: 3, rule: 'list', ambiguityWeight: 0 });
  aggregate.addResource({ place: 'CZ', resource: 'idnes.cz', category: 'local-news', connections: 1, rule: 'list', ambiguityWeight: 0.5 });
  aggregate.addResource({ place: 'US', resource: 'google.com', category: 'global-service', connections: 5, rule: 'list', ambiguityWeight: 0 });

  // A: a home user in Prague, one established connection to one port.
  aggregate.addInboundPeer('CZ/Prague', '89.24.0.1', 'access-isp', true, 22);
  // B: three ports, a scanner although established.
  for (const port of [22, 80, 443]) aggregate.addInboundPeer('CZ', '90.176.0.1', 'access-isp', true, port);
  // C: never established, a scanner.
  aggregate.addInboundPeer('CZ', '147.32.0.9', 'education', false, 22);
  // D: established from a cloud network, neither a scanner nor a person.
  aggregate.addInboundPeer('CZ', '185.8.0.1', 'cloud-hosting', true, 443);

  aggregate.addLocatedAddress('CZ/Prague', 12, 'Europe/Prague');
  return aggregate;
}
