import { Dec, ErrorCode, type EventBus, eventStream, userError } from '@trading/platform';
import type { CandleInterval } from '../generated/resolvers';
import type { AssetStore } from '../data/assets';
import type { SourcePrice } from '../feed/price-source';
import type { CandleBook, CandleUpdatedEvent } from './candle-book';
import { normaliseSymbol } from './catalog';
import { dayWindowStart } from './price-history';
import { isPriceChangedEvent, type PriceChangedEvent, recordPrice, watchedSymbols } from './prices';

/** The topic of `marketTicks`: every price change of one tick (or one admin change) in one event. */
export const MARKET_TICKED = 'market.ticked';
/** The topic of `candleUpdated`: the current candles that one tick moved, every interval, in one event. */
export const CANDLES_UPDATED = 'candles.updated';

/** What MARKET_TICKED carries. */
export interface MarketTickedEvent {
  at: string;
  ticks: PriceChangedEvent[];
}

/** What CANDLES_UPDATED carries. */
export interface CandlesUpdatedEvent {
  candles: CandleUpdatedEvent[];
}

/** Events held for a subscriber that reads slower than ticks arrive; older ones are dropped first. */
const MAX_QUEUED_EVENTS = 50;

/**
 * Where every stored price change goes after its asset is written (each change is already on PRICE_CHANGED):
 * one MARKET_TICKED event per tick, the candles of every interval (one write for the tick), and one
 * CANDLES_UPDATED event with the candles it moved. The price feed's ticks and an admin's price change go the same
 * way, so the candles hold every price the platform ever showed.
 */
export class MarketRecorder {
  constructor(
    private readonly assets: AssetStore,
    private readonly events: EventBus,
    private readonly candles: CandleBook,
    private readonly onError: (error: unknown) => void,
  ) {}

  /**
   * Stores the prices of one tick (each conditioned on its basis, see `recordPrice`) with their 24-hour change
   * measured from the hourly candles, then records what was stored. Returns the stored changes.
   */
  async recordTick(prices: readonly SourcePrice[], now = new Date()): Promise<PriceChangedEvent[]> {
    const since = dayWindowStart(now);
    const opens = await this.candles.dayOpens(
      prices.map((p) => p.symbol),
      since,
    );
    const openedAt = new Date(since * 1000).toISOString();
    const stored = await Promise.all(
      prices.map(async ({ symbol, price, basis }) => {
        const open = opens.get(symbol);
        try {
          return await recordPrice(this.assets, this.events, symbol, price, basis, now, open ? { open24h: open, open24hAt: openedAt } : undefined);
        } catch (error) {
          this.onError(error);
          return null;
        }
      }),
    );
    const changes = stored.filter((change): change is PriceChangedEvent => change !== null);
    await this.recordChanges(changes, now);
    return changes;
  }

  /** Publishes stored changes as one MARKET_TICKED event and records them in the candles (CANDLES_UPDATED). */
  async recordChanges(changes: readonly PriceChangedEvent[], now = new Date()): Promise<void> {
    if (changes.length === 0) return;
    const ticks = [...changes].sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
    await this.events.publish(MARKET_TICKED, { at: now.toISOString(), ticks } satisfies MarketTickedEvent);
    try {
      const candles = await this.candles.record(
        ticks.map((tick) => ({
          symbol: tick.symbol,
          previousPrice: new Dec(tick.previousPrice),
          price: new Dec(tick.price),
          at: new Date(tick.changedAt),
        })),
      );
      if (candles.length > 0) await this.events.publish(CANDLES_UPDATED, { candles } satisfies CandlesUpdatedEvent);
    } catch (error) {
      this.onError(error);
    }
  }
}

function isMarketTickedEvent(payload: unknown): payload is MarketTickedEvent {
  const event = payload as Partial<MarketTickedEvent> | null;
  return (
    typeof event === 'object' &&
    event !== null &&
    typeof event.at === 'string' &&
    Array.isArray(event.ticks) &&
    event.ticks.every(isPriceChangedEvent)
  );
}

/**
 * The ticks of the given symbols (see `watchedSymbols`), one event per tick with that tick's changes of those
 * symbols, for `Subscription.marketTicks`. A tick that moved none of them is skipped. BAD_USER_INPUT (field
 * `symbols`) for a symbol no asset has.
 */
export async function watchMarket(
  assets: AssetStore,
  events: EventBus,
  symbols: readonly string[] | null | undefined,
): Promise<AsyncIterableIterator<MarketTickedEvent>> {
  const wanted = watchedSymbols(symbols);
  if (wanted) await requireKnownSymbols(assets, wanted, 'symbols');
  const pick = (event: MarketTickedEvent): MarketTickedEvent =>
    wanted === null ? event : { at: event.at, ticks: event.ticks.filter((tick) => wanted.has(tick.symbol)) };
  return eventStream<MarketTickedEvent>(events, MARKET_TICKED, {
    filter: (payload) => isMarketTickedEvent(payload) && pick(payload).ticks.length > 0,
    map: (payload) => pick(payload as MarketTickedEvent),
    maxQueue: MAX_QUEUED_EVENTS,
    overflow: 'drop-oldest',
  });
}

/** The candle under way of one symbol and interval, each time a change moves it, for `Subscription.candleUpdated`. */
export async function watchCandle(
  assets: AssetStore,
  events: EventBus,
  rawSymbol: string,
  interval: CandleInterval,
): Promise<AsyncIterableIterator<CandleUpdatedEvent>> {
  const symbol = normaliseSymbol(rawSymbol);
  await requireKnownSymbols(assets, [symbol], 'symbol');
  const find = (payload: unknown) =>
    (payload as Partial<CandlesUpdatedEvent> | null)?.candles?.find?.((candle) => candle.symbol === symbol && candle.interval === interval);
  return eventStream<CandleUpdatedEvent>(events, CANDLES_UPDATED, {
    filter: (payload) => find(payload) !== undefined,
    map: (payload) => find(payload)!,
    maxQueue: MAX_QUEUED_EVENTS,
    overflow: 'drop-oldest',
  });
}

/** BAD_USER_INPUT (with `field`) unless every symbol (already normalised) names an asset in the catalog. */
export async function requireKnownSymbols(assets: AssetStore, symbols: Iterable<string>, field: string): Promise<void> {
  const wanted = [...symbols];
  const found = await assets.getMany(wanted);
  const unknown = wanted.filter((symbol) => !found.has(symbol));
  if (unknown.length > 0)
    throw userError(ErrorCode.BAD_USER_INPUT, `No asset has the symbol${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 5).join(', ')}`, { field });
}
