import { hasOpenOrderIndex, listOpenOrdersCrossedBy, OPEN_BY_SYMBOL, type OrderRecord } from '../data/orders';
import { PRICE_CHANGED, type PriceTick, priceTick } from './events';
import { fillOpenOrder } from './fills';
import type { TradingDeps } from './deps';

/** What one tick did in this instance. */
export interface TickOutcome {
  tick: PriceTick;
  /** Orders this instance filled (another instance, or a cancel, may have won the others). */
  filled: OrderRecord[];
  /** Orders whose fill failed unexpectedly (logged); they stay OPEN for the next tick. */
  failed: number;
}

export interface MatcherOptions {
  /** Called after each tick is handled (metrics, tests); default none. */
  onTick?: (outcome: TickOutcome) => void;
}

/** A running matcher. */
export interface Matcher {
  /** Stops listening and waits for the ticks in progress. */
  close(): Promise<void>;
}

/** Fill priority: the best limit first (highest buy, lowest sell), then the oldest. */
function byPriority(a: OrderRecord, b: OrderRecord): number {
  const limits = a.side === 'BUY' ? b.limitPrice!.comparedTo(a.limitPrice!) : a.limitPrice!.comparedTo(b.limitPrice!);
  return limits || (a.id < b.id ? -1 : 1);
}

/**
 * Fills the OPEN limit orders a tick reaches, each at the tick's price in its own transaction. One user's orders go
 * one after another (they share the user's lock anyway); users go in parallel.
 */
export async function matchTick(deps: TradingDeps, tick: PriceTick): Promise<TickOutcome> {
  const candidates = await listOpenOrdersCrossedBy(deps.db, tick.symbol, tick.price);
  if (candidates.length === 0) return { tick, filled: [], failed: 0 };
  // A delisted asset is not traded, whatever its price does; its open orders wait (or are cancelled by their owners).
  const quote = (await deps.prices.quotes([tick.symbol])).get(tick.symbol);
  if (!quote?.active) return { tick, filled: [], failed: 0 };
  const byUser = new Map<string, OrderRecord[]>();
  for (const order of candidates) byUser.set(order.userId, [...(byUser.get(order.userId) ?? []), order]);
  const filled: OrderRecord[] = [];
  let failed = 0;
  await Promise.all(
    [...byUser.values()].map(async (orders) => {
      for (const order of orders.sort(byPriority)) {
        try {
          const done = await fillOpenOrder(deps, order, tick.price);
          if (done) filled.push(done);
        } catch (err) {
          failed += 1;
          deps.log.error({ err, orderId: order.id, symbol: tick.symbol }, 'could not fill a limit order');
        }
      }
    }),
  );
  return { tick, filled, failed };
}

/**
 * Listens to PRICE_CHANGED and matches every tick. Ticks of one symbol are handled in the order they arrive, one at
 * a time; different symbols in parallel. With several orders instances every instance receives every tick (pub/sub)
 * and tries the same orders: each fill is conditioned on the order being OPEN, so exactly one instance fills it and
 * the others find it FILLED and write nothing.
 */
export async function startMatcher(deps: TradingDeps, options: MatcherOptions = {}): Promise<Matcher> {
  if (!(await hasOpenOrderIndex(deps.db))) {
    // One clear message instead of a failed query on every tick.
    deps.log.error(
      `the ${deps.db.tables.orders} table has no ${OPEN_BY_SYMBOL} index, so limit orders will not fill: add the index (an UpdateTable on AWS; ` +
        'for the embedded database, delete the data folder) and restart',
    );
    return { close: async () => undefined };
  }
  const queues = new Map<string, Promise<void>>();
  const unsubscribe = await deps.coordination.events.subscribe(PRICE_CHANGED, (payload) => {
    const tick = priceTick(payload);
    if (!tick) {
      deps.log.warn({ payload }, 'ignored a malformed price event');
      return;
    }
    const previous = queues.get(tick.symbol) ?? Promise.resolve();
    const handled = previous
      .then(() => matchTick(deps, tick))
      .then((outcome) => options.onTick?.(outcome))
      .catch((err: unknown) => deps.log.error({ err, symbol: tick.symbol }, 'could not match a price tick'));
    queues.set(tick.symbol, handled);
    void handled.then(() => {
      if (queues.get(tick.symbol) === handled) queues.delete(tick.symbol);
    });
  });
  return {
    close: async () => {
      await unsubscribe();
      await Promise.all(queues.values());
    },
  };
}
