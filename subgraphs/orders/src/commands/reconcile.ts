import { parseArgs } from 'node:util';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { reconcileAll, type UserReconciliation } from '@trading/ledger';
import { connectCommandDatabase, loadCommandConfig } from '@trading/platform/command';

const USAGE = `Checks that the books balance, user by user, and exits with status 1 on any mismatch.

  npm run reconcile [-- --quiet] [-- --page-size 100]

For every user: cash balance = sum of the ledger (a gap-free chain), each holding = filled buys - filled sells,
reserved cash = what the open limit buys reserve and reserved units = the open limit sells (never more than is
held), every filled limit order within its limit, nothing negative, every fill has its ledger entry and every trade
entry its fill. Reads page by page. --quiet prints only users with mismatches. The database is found as
create-admin finds it.`;

function describe(user: UserReconciliation): string {
  const summary = `${user.username} (${user.userId}): cash ${user.balance.toFixed()}, ${user.ledgerEntries} ledger entries, ${user.orders} orders, ${user.holdings} holdings`;
  if (user.mismatches.length === 0) return `ok    ${summary}`;
  return [`FAIL  ${summary}`, ...user.mismatches.map((m) => `        ${m.kind} ${m.subject}: expected ${m.expected}, found ${m.actual}`)].join('\n');
}

/** A one-line progress bar on a terminal; nothing when output goes to a file or pipe. */
function progress(done: number, total: number): void {
  if (!process.stderr.isTTY || total < 1) return;
  const width = 30;
  const filled = Math.min(width, Math.round((done / total) * width));
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/~${total} users`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { quiet: { type: 'boolean' }, 'page-size': { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const pageSize = Number(values['page-size'] ?? 100);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    console.error('--page-size must be an integer from 1 to 1000');
    return 2;
  }
  const config = loadCommandConfig();
  const { db, close, where } = await connectCommandDatabase(config);
  console.error(`database: ${where}`);
  try {
    await db.ensureTables(['users', 'ledger', 'orders', 'holdings']);
    // DynamoDB's item count is approximate (refreshed every few hours): good enough for a progress bar.
    const { Table } = await db.doc.send(new DescribeTableCommand({ TableName: db.tables.users }));
    const estimate = Table?.ItemCount ?? 0;
    let checked = 0;
    let failing = 0;
    let mismatches = 0;
    for await (const users of reconcileAll(db, pageSize)) {
      for (const user of users) {
        checked += 1;
        if (user.mismatches.length) {
          failing += 1;
          mismatches += user.mismatches.length;
        }
        if (!values.quiet || user.mismatches.length) {
          if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
          console.log(describe(user));
        }
      }
      progress(checked, Math.max(estimate, checked));
    }
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    console.log(`${checked} users checked: ${mismatches === 0 ? 'the books balance' : `${mismatches} mismatches in ${failing} users`}.`);
    return mismatches === 0 ? 0 : 1;
  } finally {
    await close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`reconcile failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
