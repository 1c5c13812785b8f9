import { type Database, type Dec, ZERO } from '@trading/platform';
import { listFilledQuantities, scanFilledQuantities } from '../data/orders';

/** What was traded of one asset on the platform in the last 24 hours. */
export interface Activity24h {
  /** Units filled, buys and sells. */
  volume: Dec;
  /** Orders filled. */
  trades: number;
}

const DAY_MS = 86_400_000;
/** Default age of a cached figure: `Asset.volume24h` lags fills by up to this much. */
export const ACTIVITY_MAX_AGE_MS = 5_000;
/** Entries kept at most (one per symbol asked for). */
const MAX_ENTRIES = 1000;

export interface MarketActivityOptions {
  /** How long a figure is served before it is read again, per process; default ACTIVITY_MAX_AGE_MS. */
  maxAgeMs?: number;
  /** The clock; default Date.now. */
  now?: () => number;
}

/**
 * `Asset.volume24h` and `Asset.trades24h`, from the fills themselves: a Query of the sparse `filledBySymbol` index
 * (FILLED orders by symbol and `filledAt`) for the last 24 hours, summed exactly. Figures are cached per process for
 * a few seconds (ACTIVITY_MAX_AGE_MS), and concurrent requests for one symbol share one read, so a market board
 * listing every asset costs at most one Query per asset every few seconds however many people watch it. The read is
 * proportional to the asset's fills in a day: right for this platform's volumes; at exchange scale an aggregate kept
 * per minute (from a DynamoDB stream, not in the fill's transaction, which would make every fill of an asset contend
 * for one item) would replace it. A table created before the index has no way to find fills by symbol: then one
 * Scan of the table serves every symbol, with the same cache (and a warning at start).
 */
export class MarketActivity {
  private readonly cached = new Map<string, { at: number; figures: Promise<Map<string, Activity24h>> }>();
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Database,
    /** Whether the orders table has `filledBySymbol`. */
    private readonly indexed: boolean,
    options: MarketActivityOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? ACTIVITY_MAX_AGE_MS;
    this.now = options.now ?? Date.now;
  }

  /** The last 24 hours of one asset (zero for one never traded, or unknown). */
  async of(symbol: string): Promise<Activity24h> {
    const figures = await this.read(this.indexed ? symbol : '*');
    return figures.get(symbol) ?? { volume: ZERO, trades: 0 };
  }

  private read(key: string): Promise<Map<string, Activity24h>> {
    const now = this.now();
    const entry = this.cached.get(key);
    if (entry && now - entry.at < this.maxAgeMs) return entry.figures;
    const since = new Date(now - DAY_MS).toISOString();
    const figures = key === '*' ? this.scan(since) : this.query(key, since);
    this.cached.delete(key);
    if (this.cached.size >= MAX_ENTRIES) this.cached.delete(this.cached.keys().next().value as string);
    this.cached.set(key, { at: now, figures });
    // A failed read is not cached: the next request tries again.
    figures.catch(() => {
      if (this.cached.get(key)?.figures === figures) this.cached.delete(key);
    });
    return figures;
  }

  private async query(symbol: string, since: string): Promise<Map<string, Activity24h>> {
    const quantities = await listFilledQuantities(this.db, symbol, since);
    return new Map([[symbol, { volume: quantities.reduce((sum, quantity) => sum.plus(quantity), ZERO), trades: quantities.length }]]);
  }

  private async scan(since: string): Promise<Map<string, Activity24h>> {
    const figures = new Map<string, Activity24h>();
    for (const { symbol, quantity } of await scanFilledQuantities(this.db, since)) {
      const sum = figures.get(symbol) ?? { volume: ZERO, trades: 0 };
      figures.set(symbol, { volume: sum.volume.plus(quantity), trades: sum.trades + 1 });
    }
    return figures;
  }
}
