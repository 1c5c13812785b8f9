import { BatchWriteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDatabase, Dec, dynamoNumber, type Database } from '@trading/platform';
import { cashMovement, type CashAccount } from '@trading/ledger';
import { progress } from '../support';
import { perRequest, quantile, watchProcesses, type LoadOptions, type Measurement } from './load';

// The floor under the orders scenario: the cash half of a fill written straight to the same DynamoDB endpoint, as ONE
// TransactWriteItems of two items (the user's cash update, conditioned on the ledger sequence and the balance, and
// the ledger entry's put), built by the same `cashMovement` the fills use, from `connections` concurrent loops. Each
// loop owns its accounts, so no condition fails but by a bug. Scratch tables (`bench-raw-`) keep the platform's books
// as the orders scenario left them.

const PREFIX = 'bench-raw-';
const DEBIT = new Dec('-3.00');

/** What the loops count: transactions committed and failed, and the latencies of those in the measured window. */
interface Counts {
  measuring: boolean;
  committed: number;
  failed: number;
  latencies: number[];
}

/** Writes transactions on `accounts` in turn until `until` (epoch ms). */
async function loop(db: Database, accounts: CashAccount[], until: number, counts: Counts): Promise<void> {
  for (let i = 0; Date.now() < until; i += 1) {
    const account = accounts[i % accounts.length]!;
    const orderId = `raw-${account.userId}-${account.ledgerSeq + 1}`;
    const { items, entry } = cashMovement(db, account, { type: 'BUY', amount: DEBIT, orderId, at: new Date().toISOString() });
    const started = performance.now();
    const measuring = counts.measuring;
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
      account.balance = entry.balanceAfter;
      account.ledgerSeq = entry.seq;
      if (!measuring) continue;
      counts.committed += 1;
      counts.latencies.push(performance.now() - started);
    } catch {
      if (measuring) counts.failed += 1;
    }
  }
}

/** Creates `count` funded accounts in the scratch tables. */
async function createAccounts(db: Database, count: number): Promise<CashAccount[]> {
  await db.ensureTables(['users', 'ledger']);
  const runId = Date.now().toString(36);
  const accounts: CashAccount[] = Array.from({ length: count }, (_, i) => ({
    userId: `raw-${runId}-${i}`,
    balance: new Dec(1_000_000_000),
    ledgerSeq: 0,
    reserved: new Dec(0),
  }));
  for (let i = 0; i < accounts.length; i += 25) {
    const puts = accounts
      .slice(i, i + 25)
      .map((account) => ({ PutRequest: { Item: { id: account.userId, balance: dynamoNumber(account.balance), ledgerSeq: dynamoNumber(0) } } }));
    await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tables.users]: puts } }));
  }
  return accounts;
}

/** Measures raw TransactWriteItems throughput against `endpoint`, shaped like an autocannon measurement. */
export async function measureRawTransactions(
  endpoint: string,
  options: Pick<LoadOptions, 'label' | 'connections' | 'durationS' | 'warmupS' | 'targetPid' | 'processes'>,
): Promise<Measurement> {
  const db = createDatabase({ endpoint, region: 'us-east-1', tablePrefix: PREFIX });
  try {
    // Two accounts per loop, as the router's connections each cycle through two traders.
    const accounts = await createAccounts(db, Math.max(100, 2 * options.connections));
    const counts: Counts = { measuring: false, committed: 0, failed: 0, latencies: [] };
    const started = Date.now();
    const until = started + (options.warmupS + options.durationS) * 1000;
    let watch: ReturnType<typeof watchProcesses> | undefined;
    let windowStart = 0;
    const warmupTimer = setTimeout(() => {
      counts.measuring = true;
      windowStart = performance.now();
      watch = watchProcesses(options);
    }, options.warmupS * 1000);
    let last = 0;
    const ticker = setInterval(() => {
      const elapsed = Math.round((Date.now() - started) / 1000);
      progress(
        watch
          ? `  ${options.label}: ${elapsed - options.warmupS}/${options.durationS} s, ${counts.committed - last} transactions/s, target RSS ${watch.peakRssMb().toFixed(0)} MB (peak)`
          : `  ${options.label}: warming up ${elapsed}/${options.warmupS} s`,
      );
      last = counts.committed;
    }, 1000);
    try {
      const owned = (loopIndex: number) => accounts.filter((_, i) => i % options.connections === loopIndex);
      await Promise.all(Array.from({ length: options.connections }, (_, i) => loop(db, owned(i), until, counts)));
    } finally {
      clearTimeout(warmupTimer);
      clearInterval(ticker);
    }
    const windowS = (performance.now() - windowStart) / 1000;
    if (!watch) throw new Error(`${options.label}: the run ended before its warm-up did`);
    const { peakRssMb, cpuSeconds } = watch.stop();
    if (process.stdout.isTTY) process.stdout.write('\n');

    const sorted = counts.latencies.sort((a, b) => a - b);
    return {
      figures: { rps: counts.committed / windowS, p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99), errors: counts.failed, peakRssMb },
      answered: counts.committed,
      sent: { answered: counts.committed, failed: counts.failed },
      cpuMsPerRequest: perRequest(cpuSeconds, counts.committed),
    };
  } finally {
    db.close();
  }
}
