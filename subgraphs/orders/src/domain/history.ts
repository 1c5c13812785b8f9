import { type Database, type Dec, ErrorCode, userError, ZERO } from '@trading/platform';
import { type CashAccount, ledgerEntriesSince, readCashAccount, readLedgerEntry } from '@trading/ledger';
import { type HoldingRecord, listHoldings } from '../data/holdings';
import { getOrders } from '../data/orders';
import type { CandleLookup } from '../data/prices';
import type { CandleInterval } from '../generated/resolvers';
import { CANDLE_INTERVALS, historyRange, type HistoryMovement, type PortfolioPoint, reconstructHistory } from './portfolio-history';

/** What a history reads from. */
export interface HistoryDeps {
  db: Database;
  candles: CandleLookup;
  /** Current prices by symbol (the request's batched quotes); an asset without a price is absent. */
  currentPrices(symbols: readonly string[]): Promise<Map<string, Dec>>;
}

/** Tries at reading holdings and cash at one ledger sequence number before giving up. */
const SNAPSHOT_ATTEMPTS = 3;

/**
 * The holdings and the cash account as of one ledger sequence number. Every change of a holding's quantity is a
 * fill, and every fill moves the ledger sequence in the same transaction: so when the sequence is the same before
 * and after reading the holdings, they belong together. CONFLICT when the account keeps changing meanwhile.
 */
async function snapshot(db: Database, userId: string): Promise<{ account: CashAccount | null; holdings: HoldingRecord[] }> {
  for (let attempt = 1; attempt <= SNAPSHOT_ATTEMPTS; attempt += 1) {
    const before = await readCashAccount(db, userId);
    const holdings = await listHoldings(db, userId);
    const after = await readCashAccount(db, userId);
    if ((before?.ledgerSeq ?? 0) === (after?.ledgerSeq ?? 0)) return { account: after, holdings };
  }
  throw userError(ErrorCode.CONFLICT, 'The account changed during this request too many times: retry');
}

/**
 * `Portfolio.history`: the range (see `historyRange`), then the holdings and cash now, the ledger entries since the
 * first close (newest first, only that period), the orders those fills belong to (one BatchGetItem), and the candles
 * of every asset held in the range (ONE `_entities` call to inventory) with the current prices; then the pure
 * reconstruction (`reconstructHistory`).
 */
export async function readPortfolioHistory(
  deps: HistoryDeps,
  userId: string,
  args: { interval: CandleInterval; from?: Date | null; to?: Date | null },
  now = Date.now(),
): Promise<PortfolioPoint[]> {
  const { db } = deps;
  const first = args.from == null ? await readLedgerEntry(db, userId, 1) : null;
  const range = historyRange({ ...args, now, firstMovementAt: first ? Date.parse(first.createdAt) : null });
  if (range.closes.length === 0 && !range.includesNow) return [];

  const { account, holdings } = await snapshot(db, userId);
  const firstClose = range.closes[0];
  const entries =
    firstClose !== undefined && account && account.ledgerSeq > 0 ? await ledgerEntriesSince(db, userId, account.ledgerSeq, firstClose) : [];
  const fillIds = entries.filter((entry) => entry.orderId && Date.parse(entry.createdAt) > firstClose!).map((entry) => entry.orderId!);
  const orders = await getOrders(db, userId, fillIds);
  const movements: HistoryMovement[] = entries.map((entry) => {
    const at = Date.parse(entry.createdAt);
    if (!entry.orderId || at <= firstClose!) return { at, balanceAfter: entry.balanceAfter };
    const order = orders.get(entry.orderId);
    if (!order) throw new Error(`ledger entry ${entry.seq} of ${userId} names order ${entry.orderId}, which does not exist`);
    // The fill's time is its ledger entry's: the cash and the units moved in the same transaction.
    return {
      at,
      balanceAfter: entry.balanceAfter,
      fill: { symbol: order.symbol, quantity: order.side === 'BUY' ? order.quantity : order.quantity.negated() },
    };
  });

  const held = new Map(holdings.map((holding) => [holding.symbol, holding.quantity]));
  const symbols = [...new Set([...held.keys(), ...movements.flatMap((movement) => (movement.fill ? [movement.fill.symbol] : []))])].sort();
  const { ms, retentionMs } = CANDLE_INTERVALS[args.interval];
  const lastStart = range.closes.at(-1)! - ms;
  const [candles, currentPrices] = await Promise.all([
    firstClose !== undefined && symbols.length
      ? deps.candles.candles(symbols, args.interval, {
          // The candles that end at the closes. Never beyond the retention, which the inventory refuses (a minute to
          // spare for the time this request took and the clocks): a `from` moved later within the first candle
          // changes nothing, and beyond it the price comes from `before` or the next candle's open.
          from: new Date(Math.min(Math.max(firstClose - ms, retentionMs === null ? -Infinity : Date.now() - retentionMs + 60_000), lastStart)),
          to: new Date(lastStart),
          before: new Date(firstClose - ms),
        })
      : new Map(),
    symbols.length ? deps.currentPrices(symbols) : new Map<string, Dec>(),
  ]);
  return reconstructHistory({
    interval: args.interval,
    closes: range.closes,
    now: range.includesNow ? { at: now, prices: currentPrices } : undefined,
    holdings: held,
    cash: account?.balance ?? ZERO,
    movements,
    candles,
    currentPrices,
  });
}
