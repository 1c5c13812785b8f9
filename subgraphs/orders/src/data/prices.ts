import { Dec, ErrorCode, type InternalTokenSigner, userError } from '@trading/platform';

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

const QUOTES = 'query Quotes($representations: [_Any!]!) { _entities(representations: $representations) { ... on Asset { symbol price active } } }';

/**
 * Reads current prices from the inventory subgraph, which owns them, through its federation `_entities` field:
 * the same entry point the router uses, so inventory needs nothing orders-specific.
 */
export class PriceSource implements PriceLookup {
  constructor(
    private readonly inventoryUrl: string,
    /** Signs the internal identity inventory requires; orders calls as the service `orders`. */
    private readonly signer: InternalTokenSigner,
    private readonly timeoutMs = 5_000,
  ) {}

  /**
   * Quotes by symbol; unknown symbols are absent. SERVICE_UNAVAILABLE when the inventory cannot answer: a price that
   * cannot be read is never taken for an asset that does not exist (which would trade or value it at nothing).
   */
  async quotes(symbols: readonly string[]): Promise<Map<string, Quote>> {
    const quotes = new Map<string, Quote>();
    if (symbols.length === 0) return quotes;
    let body: { data?: { _entities?: ({ symbol: string; price: string; active: boolean } | null)[] }; errors?: { message: string }[] };
    try {
      const response = await fetch(this.inventoryUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.signer.tokenFor({ identity: null, service: 'orders' })}` },
        body: JSON.stringify({ query: QUOTES, variables: { representations: symbols.map((symbol) => ({ __typename: 'Asset', symbol })) } }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = (await response.json()) as typeof body;
      if (!response.ok || !body.data?._entities) throw new Error(`HTTP ${response.status} ${JSON.stringify(body.errors ?? '')}`);
    } catch (error) {
      throw userError(ErrorCode.SERVICE_UNAVAILABLE, 'Prices are unavailable right now: retry in a moment', {}, error);
    }
    const entities = body.data!._entities!;
    for (const entity of entities) {
      if (entity) quotes.set(entity.symbol, { symbol: entity.symbol, price: new Dec(entity.price), active: entity.active });
    }
    return quotes;
  }
}
