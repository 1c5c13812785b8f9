import { Dec, ErrorCode, type EventBus, eventStream, PRICE_SCALE, userError } from '@trading/platform';
import type { AssetRecord, AssetStore } from '../data/assets';
import { normaliseSymbol } from './catalog';

/** The topic on which every price change is published. */
export const PRICE_CHANGED = 'price.changed';

/** A price change as published on PRICE_CHANGED. */
export interface PriceChangedEvent {
  symbol: string;
  price: string;
  previousPrice: string;
  changedAt: string;
}

/** The highest price an asset may have (an admin's or the feed's). */
export const MAX_PRICE = new Dec('1000000000000');
/** The lowest: one unit of the last of the 8 decimal places prices are held to. */
export const MIN_PRICE = new Dec(1).div(new Dec(10).pow(PRICE_SCALE));

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_WATCHED_SYMBOLS = 100;
/** Ticks held for a subscriber that reads slower than prices change; older ones are dropped first. */
const MAX_QUEUED_TICKS = 50;

/**
 * The reference price `change24h` is measured from: kept for a day, then renewed with the price this change
 * replaces. An asset the feed has not moved yet has none: it is derived from the stored `change24h`, so the figure
 * carries on where the catalog left it.
 */
export function dailyOpen(asset: Pick<AssetRecord, 'price' | 'change24h' | 'open24h' | 'open24hAt'>, now: Date): { open24h: Dec; open24hAt: string } {
  if (asset.open24h && asset.open24hAt && now.getTime() - Date.parse(asset.open24hAt) < DAY_MS) {
    return { open24h: asset.open24h, open24hAt: asset.open24hAt };
  }
  if (!asset.open24h) {
    const factor = asset.change24h.div(100).plus(1);
    const derived = factor.gt(0) ? asset.price.div(factor).toDecimalPlaces(PRICE_SCALE) : asset.price;
    return { open24h: derived.gt(0) ? derived : asset.price, open24hAt: now.toISOString() };
  }
  return { open24h: asset.price, open24hAt: now.toISOString() };
}

/** Change from `open` to `price` in percent, to two decimal places (e.g. -2.15). */
export function percentChange(open: Dec, price: Dec): Dec {
  return price.minus(open).div(open).times(100).toDecimalPlaces(2);
}

/**
 * Stores a price from the price feed and, once stored, publishes it on PRICE_CHANGED. `basis` is the stored asset
 * the price was computed from (a simulator's); without it the asset is read first. The write is conditional on
 * the asset being as read, so a change made meanwhile (an admin's, another feed instance's) is kept and this
 * price is dropped. `change24h` is measured from `dayOpen` (the open of the hourly candles 24 hours back, see
 * `MarketRecorder`), or, without one, from `dailyOpen`. Returns the published event, or null when nothing was stored
 * (unchanged, dropped, unknown).
 */
export async function recordPrice(
  assets: AssetStore,
  events: EventBus,
  symbol: string,
  price: Dec,
  basis?: AssetRecord,
  now = new Date(),
  dayOpen?: { open24h: Dec; open24hAt: string },
): Promise<PriceChangedEvent | null> {
  const exact = price.toDecimalPlaces(PRICE_SCALE);
  if (!exact.gte(MIN_PRICE) || exact.gt(MAX_PRICE)) throw new RangeError(`A price of ${price.toFixed()} for ${symbol} is out of range`);
  const current = basis ?? (await assets.get(symbol));
  if (!current || current.price.eq(exact)) return null;
  const open = dayOpen ?? dailyOpen(current, now);
  const changedAt = now.toISOString();
  const stored = await assets.changePriceIf(symbol, current, {
    price: exact,
    change24h: percentChange(open.open24h, exact),
    ...open,
    updatedAt: changedAt,
  });
  if (!stored) return null;
  const event: PriceChangedEvent = { symbol, price: exact.toFixed(), previousPrice: current.price.toFixed(), changedAt };
  await events.publish(PRICE_CHANGED, event);
  return event;
}

export function isPriceChangedEvent(payload: unknown): payload is PriceChangedEvent {
  const event = payload as Partial<PriceChangedEvent> | null;
  return (
    typeof event === 'object' &&
    event !== null &&
    typeof event.symbol === 'string' &&
    typeof event.price === 'string' &&
    typeof event.previousPrice === 'string' &&
    typeof event.changedAt === 'string'
  );
}

/**
 * The symbols a subscription follows: 1 to 100, any case, normalised; null (every asset) when left out.
 * BAD_USER_INPUT (field `symbols`) for a list that is empty, too long or holds something that cannot be a symbol.
 */
export function watchedSymbols(symbols: readonly string[] | null | undefined): Set<string> | null {
  if (symbols == null) return null;
  if (symbols.length < 1 || symbols.length > MAX_WATCHED_SYMBOLS) {
    throw userError(ErrorCode.BAD_USER_INPUT, `symbols must list 1 to ${MAX_WATCHED_SYMBOLS} symbols, or be left out for every asset`, {
      field: 'symbols',
    });
  }
  return new Set(symbols.map((symbol) => normaliseSymbol(symbol, 'symbols')));
}

/** The price changes of the given symbols (see `watchedSymbols`) as they are published, for `Subscription.priceChanged`. */
export function watchPrices(events: EventBus, symbols: readonly string[] | null | undefined): AsyncIterableIterator<PriceChangedEvent> {
  const wanted = watchedSymbols(symbols);
  return eventStream<PriceChangedEvent>(events, PRICE_CHANGED, {
    filter: (payload) => isPriceChangedEvent(payload) && (wanted === null || wanted.has(payload.symbol)),
    maxQueue: MAX_QUEUED_TICKS,
    overflow: 'drop-oldest',
  });
}
