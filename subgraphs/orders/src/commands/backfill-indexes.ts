import { parseArgs } from 'node:util';
import { activeIndexes, missingIndexes } from '@trading/platform';
import { backfillLedgerTypeKeys } from '@trading/ledger';
import { connectCommandDatabase, loadCommandConfig } from '@trading/platform/command';
import { backfillOrderIndexKeys } from '../data/index-backfill';

const USAGE = `Writes the index keys that orders and ledger entries stored before the order-list, fill and ledger-type
indexes existed lack, so that those indexes find them.

  npm run backfill-indexes

Run it once after adding the indexes to existing tables (an UpdateTable on AWS, one index at a time), while the
services run; running it again changes nothing. A fresh table, or an embedded database created with the indexes,
needs nothing. The database is found as create-admin finds it.`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { help: { type: 'boolean' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const { db, close, where } = await connectCommandDatabase(loadCommandConfig());
  console.error(`database: ${where}`);
  try {
    await db.ensureTables(['orders', 'ledger']);
    const orders = await backfillOrderIndexKeys(db);
    const ledger = await backfillLedgerTypeKeys(db);
    console.log(`index keys written: ${orders.updated} orders, ${ledger.updated} ledger entries.`);
    const missing = [
      ...missingIndexes('orders', await activeIndexes(db, 'orders')).map((name) => `${db.tables.orders}.${name}`),
      ...missingIndexes('ledger', await activeIndexes(db, 'ledger')).map((name) => `${db.tables.ledger}.${name}`),
    ];
    if (missing.length) console.log(`still missing (or not ACTIVE yet), so the services read more slowly: ${missing.join(', ')}.`);
    return 0;
  } finally {
    await close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`backfill-indexes failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
