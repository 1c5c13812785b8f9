import { Dec, type InternalTokenSigner } from '@trading/platform';

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

  /** Quotes by symbol; unknown symbols are absent. */
  async quotes(symbols: readonly string[]): Promise<Map<string, Quote>> {
    const quotes = new Map<string, Quote>();
    if (symbols.length === 0) return quotes;
    const response = await fetch(this.inventoryUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.signer.tokenFor({ identity: null, service: 'orders' })}` },
      body: JSON.stringify({ query: QUOTES, variables: { representations: symbols.map((symbol) => ({ __typename: 'Asset', symbol })) } }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body = (await response.json()) as {
      data?: { _entities?: ({ symbol: string; price: string; active: boolean } | null)[] };
      errors?: { message: string }[];
    };
    if (!response.ok || !body.data?._entities) {
      throw new Error(`inventory price lookup failed: HTTP ${response.status} ${JSON.stringify(body.errors ?? '')}`);
    }
    for (const entity of body.data._entities) {
      if (entity) quotes.set(entity.symbol, { symbol: entity.symbol, price: new Dec(entity.price), active: entity.active });
    }
    return quotes;
  }
}
