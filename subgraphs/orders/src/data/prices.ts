import { Dec, ErrorCode, httpPool, type HttpPool, type InternalTokenSigner, postJson, userError } from '@trading/platform';
import type { CandleInterval } from '../generated/resolvers';

/** An asset's current price and whether it can be traded, as the inventory subgraph reports it. */
export interface Quote {
  symbol: string;
  price: Dec;
  active: boolean;
}

/** Where current prices come from (the inventory subgraph in service; a table of prices in tests). */
export interface PriceLookup {
  /** Quotes by symbol; unknown symbols are absent. */
  quotes(symbols: readonly string[]): Promise<Map<string, Quote>>;
}

/** One candle of an asset's price history, as far as a valuation needs it; `start` in epoch milliseconds. */
export interface PriceCandle {
  start: number;
  open: Dec;
  close: Dec;
}

/** Where price history comes from (inventory's `Asset.candles` in service; a table in tests). */
export interface CandleLookup {
  /**
   * For each symbol, ascending by start: the candles of `interval` that end after `from` and start at or before
   * `to`, and the latest candle that starts at or before `before` (the price in force before the range, when the
   * range begins with intervals that had no price change). Symbols inventory does not know are absent.
   */
  candles(symbols: readonly string[], interval: CandleInterval, range: { from: Date; to: Date; before: Date }): Promise<Map<string, PriceCandle[]>>;
}

type CandleAnswer = { start: string; open: string; close: string };

const CANDLES =
  'query Candles($representations: [_Any!]!, $interval: CandleInterval!, $from: DateTime!, $to: DateTime!, $before: DateTime!) { ' +
  '_entities(representations: $representations) { ... on Asset { symbol ' +
  'earlier: candles(interval: $interval, to: $before, last: 1) { start open close } ' +
  'candles(interval: $interval, from: $from, to: $to) { start open close } } } }';

const QUOTES = 'query Quotes($representations: [_Any!]!) { _entities(representations: $representations) { ... on Asset { symbol price active } } }';

/**
 * Reads current prices from the inventory subgraph, which owns them, through its federation `_entities` field:
 * the same entry point the router uses, so inventory needs nothing orders-specific.
 */
export class PriceSource implements PriceLookup, CandleLookup {
  private readonly pool: HttpPool;

  constructor(
    private readonly inventoryUrl: string,
    /** Signs the internal identity inventory requires; orders calls as the service `orders`. */
    private readonly signer: InternalTokenSigner,
    timeoutMs = 5_000,
  ) {
    this.pool = httpPool(timeoutMs);
  }

  /** Closes the pooled connections to the inventory. */
  close(): Promise<void> {
    return this.pool.close();
  }

  /**
   * Quotes by symbol; unknown symbols are absent. SERVICE_UNAVAILABLE when the inventory cannot answer: a price that
   * cannot be read is never taken for an asset that does not exist (which would trade or value it at nothing).
   */
  async quotes(symbols: readonly string[]): Promise<Map<string, Quote>> {
    const quotes = new Map<string, Quote>();
    if (symbols.length === 0) return quotes;
    const entities = await this.entities<{ symbol: string; price: string; active: boolean }>(QUOTES, symbols, {});
    for (const entity of entities) {
      if (entity) quotes.set(entity.symbol, { symbol: entity.symbol, price: new Dec(entity.price), active: entity.active });
    }
    return quotes;
  }

  /** Price history of every symbol in ONE `_entities` call; SERVICE_UNAVAILABLE when the inventory cannot answer. */
  async candles(
    symbols: readonly string[],
    interval: CandleInterval,
    range: { from: Date; to: Date; before: Date },
  ): Promise<Map<string, PriceCandle[]>> {
    const series = new Map<string, PriceCandle[]>();
    if (symbols.length === 0) return series;
    const variables = { interval, from: range.from.toISOString(), to: range.to.toISOString(), before: range.before.toISOString() };
    const entities = await this.entities<{ symbol: string; earlier: CandleAnswer[]; candles: CandleAnswer[] }>(CANDLES, symbols, variables, true);
    for (const entity of entities) {
      if (!entity) continue;
      const byStart = new Map<number, PriceCandle>();
      for (const candle of [...entity.earlier, ...entity.candles]) {
        const start = Date.parse(candle.start);
        byStart.set(start, { start, open: new Dec(candle.open), close: new Dec(candle.close) });
      }
      series.set(
        entity.symbol,
        [...byStart.values()].sort((a, b) => a.start - b.start),
      );
    }
    return series;
  }

  /**
   * One `_entities` call to the inventory as the service `orders`; a failed call is SERVICE_UNAVAILABLE, and so is
   * an answer with errors when `strict` (a history never silently misses an asset's prices).
   */
  private async entities<T>(query: string, symbols: readonly string[], variables: Record<string, unknown>, strict = false): Promise<(T | null)[]> {
    try {
      const answer = await postJson(
        this.pool,
        this.inventoryUrl,
        { authorization: `Bearer ${this.signer.tokenFor({ identity: null, service: 'orders' })}` },
        JSON.stringify({ query, variables: { ...variables, representations: symbols.map((symbol) => ({ __typename: 'Asset', symbol })) } }),
      );
      const body = JSON.parse(answer.text) as { data?: { _entities?: (T | null)[] }; errors?: { message: string }[] };
      if (answer.status !== 200 || !body.data?._entities || (strict && body.errors?.length))
        throw new Error(`HTTP ${answer.status} ${JSON.stringify(body.errors ?? '')}`);
      return body.data._entities;
    } catch (error) {
      throw userError(ErrorCode.SERVICE_UNAVAILABLE, 'Prices are unavailable right now: retry in a moment', {}, error);
    }
  }
}

/** Most symbols asked for in one batch. */
const BATCH_LIMIT = 100;

/**
 * Price lookups made in the same turn of the event loop, sent as one (the union of their symbols) once the turn
 * ends: under load, one inventory call serves many orders instead of one each. A lookup never joins a call already
 * sent, so every price is read after the lookup was asked for (an order placed after a price change sees it).
 * Each caller gets its own symbols; a failure reaches every caller of the batch.
 */
export class BatchedPriceLookup implements PriceLookup {
  private batch: { symbols: Set<string>; quotes: Promise<Map<string, Quote>> } | null = null;

  constructor(private readonly source: PriceLookup) {}

  async quotes(symbols: readonly string[]): Promise<Map<string, Quote>> {
    if (symbols.length === 0) return new Map();
    const batch = this.openBatch(symbols.length);
    for (const symbol of symbols) batch.symbols.add(symbol);
    const all = await batch.quotes;
    const mine = new Map<string, Quote>();
    for (const symbol of symbols) {
      const quote = all.get(symbol);
      if (quote) mine.set(symbol, quote);
    }
    return mine;
  }

  /** The batch of this turn, or a new one (when none is open, or the open one would grow past BATCH_LIMIT). */
  private openBatch(adding: number) {
    if (this.batch && this.batch.symbols.size + adding <= BATCH_LIMIT) return this.batch;
    const symbols = new Set<string>();
    const batch = {
      symbols,
      quotes: new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        // Sent: later lookups start a batch of their own.
        if (this.batch === batch) this.batch = null;
        return this.source.quotes([...symbols]);
      }),
    };
    this.batch = batch;
    return batch;
  }
}
