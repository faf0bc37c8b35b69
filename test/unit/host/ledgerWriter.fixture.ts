// Child-process writer for the ledger concurrency test: appends N records tagged with its name, as fast as it can.

import { LedgerFileStore } from '../../../src/host/ledgerFileStore';
import { record } from '../core/ledger/ledgerFixtures';

const [dir, count, tag] = process.argv.slice(2) as [string, string, string];
const store = new LedgerFileStore(dir);
const padding = 'x'.repeat(3000);

void Promise.all(
  Array.from({ length: Number(count) }, (_, i) => store.append(record({ reason: `${tag}-${i}-${padding}`, costMicros: 1 }))),
).then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
