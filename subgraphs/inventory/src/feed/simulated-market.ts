import { randomInt } from 'node:crypto';
import { Dec, PRICE_SCALE } from '@trading/platform';
import type { AssetRecord } from '../data/assets';
import { MAX_PRICE } from '../domain/prices';
import type { PriceSource, PriceTickHandler } from './price-source';
import { startTicker, type Ticker } from './ticker';

export interface SimulatedMarketOptions {
  /** Reads the catalog with its stored prices; called at every tick, so new, delisted and re-priced assets count at once. */
  market: () => Promise<readonly AssetRecord[]>;
  /** Milliseconds between the end of one tick and the start of the next; default 1000. */
  tickMs?: number;
  /** Largest relative move of a price in one tick, 0 to 0.2; default 0.002 (0.2 %). */
  volatility?: number;
  /** Share of the moving assets (active, not stablecoins) that move in one tick, above 0 and at most 1; default 0.1. */
  share?: number;
  /** Only these symbols move (still only active ones, never stablecoins); default every asset. */
  symbols?: readonly string[];
  /**
   * The largest moving assets by market cap that move in every tick, as the most traded ones do (the others move
   * with probability `share`); 0 to 1000, default 10.
   */
  leaders?: number;
  /** Seed of the random walk: the same seed over the same catalog gives the same prices; default a random one. */
  seed?: number;
  /** Receives what fails in a tick (reading the catalog, storing a price); the next tick runs anyway. Default console.error. */
  onError?: (error: unknown) => void;
}

/** One asset's new price in a tick, and the stored asset it was computed from. */
export interface PriceMove {
  symbol: string;
  price: Dec;
  basis: AssetRecord;
}

const TWO_TO_THE_32 = 2 ** 32;
const TWO_TO_THE_32_N = 2n ** 32n;
/** Prices in units of the 8th decimal place: the walk computes in integers, exactly and quickly. */
const UNITS_PER_ONE = 10n ** BigInt(PRICE_SCALE);
const MIN_UNITS = 1n;
const MAX_UNITS = BigInt(MAX_PRICE.toFixed()) * UNITS_PER_ONE;

/** mulberry32: a small, fast generator of 32-bit unsigned integers; good enough for prices, not for secrets. */
export function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** A volatility as an exact fraction `numerator / denominator`, for `walkUnits`. */
export interface Volatility {
  numerator: bigint;
  denominator: bigint;
}

/** A decimal volatility (e.g. 0.002) as an exact fraction. */
export function volatilityFraction(volatility: Dec): Volatility {
  const places = volatility.decimalPlaces();
  const denominator = 10n ** BigInt(places);
  return { numerator: BigInt(volatility.times(new Dec(10).pow(places)).toFixed(0)), denominator };
}

/**
 * One step of the walk on a price in units of 1e-8: moved by at most `volatility` of itself, up or down as `draw`
 * (a 32-bit unsigned integer) says, the move truncated towards zero to a whole unit (so it never exceeds the
 * bound), the result kept between one unit and the highest price an asset may have.
 */
export function walkUnits(units: bigint, volatility: Volatility, draw: number): bigint {
  // direction = 2 * draw / 2^32 - 1, in [-1, 1); BigInt division truncates towards zero.
  const move = (units * volatility.numerator * (2n * BigInt(draw) - TWO_TO_THE_32_N)) / (volatility.denominator * TWO_TO_THE_32_N);
  const next = units + move;
  return next < MIN_UNITS ? MIN_UNITS : next > MAX_UNITS ? MAX_UNITS : next;
}

/** A price as units of 1e-8. */
export function toUnits(price: Dec): bigint {
  return BigInt(price.times(UNITS_PER_ONE.toString()).toFixed(0));
}

/** Units of 1e-8 as the canonical decimal string ("91234.5", "0.00000487"). */
export function unitsToString(units: bigint): string {
  const digits = units.toString().padStart(PRICE_SCALE + 1, '0');
  const whole = digits.slice(0, -PRICE_SCALE);
  let end = digits.length;
  while (end > whole.length && digits.charCodeAt(end - 1) === 48 /* 0 */) end -= 1;
  return end > whole.length ? `${whole}.${digits.slice(whole.length, end)}` : whole;
}

/**
 * One step of the walk: `price` moved by at most `volatility` of itself, up or down as `draw` (a 32-bit unsigned
 * integer) says. Exact: the move is rounded towards zero to 8 decimal places, so it never exceeds the bound, and the
 * result stays between 0.00000001 and the highest price an asset may have. The same arithmetic as `walkUnits`,
 * which the price history's backfill uses.
 */
export function walk(price: Dec, volatility: Dec, draw: number): Dec {
  return new Dec(unitsToString(walkUnits(toUnits(price), volatilityFraction(volatility), draw)));
}

/**
 * A simulated market: every `tickMs`, a random share of the active assets take one step of a bounded random walk.
 * Stablecoins hold their peg (they never move), delisted assets stand still, and prices are exact decimals with at
 * most 8 places. Ticks never overlap: a slow tick delays the next one.
 */
export class SimulatedMarket implements PriceSource {
  private readonly market: () => Promise<readonly AssetRecord[]>;
  private readonly tickMs: number;
  private readonly volatility: Dec;
  private readonly threshold: number;
  private readonly random: () => number;
  private readonly symbols: ReadonlySet<string> | null;
  private readonly leaders: number;
  private readonly onError: (error: unknown) => void;
  private ticker: Ticker | null = null;

  constructor(options: SimulatedMarketOptions) {
    const { tickMs = 1000, volatility = 0.002, share = 0.1, leaders = 10 } = options;
    if (!Number.isInteger(leaders) || leaders < 0 || leaders > 1000)
      throw new RangeError(`leaders must be a whole number from 0 to 1000 (got ${leaders})`);
    this.leaders = leaders;
    if (!Number.isInteger(tickMs) || tickMs < 1) throw new RangeError(`tickMs must be a whole number of milliseconds, at least 1 (got ${tickMs})`);
    if (!Number.isFinite(volatility) || volatility < 0 || volatility > 0.2) throw new RangeError(`volatility must be 0 to 0.2 (got ${volatility})`);
    if (!Number.isFinite(share) || share <= 0 || share > 1) throw new RangeError(`share must be above 0 and at most 1 (got ${share})`);
    this.market = options.market;
    this.tickMs = tickMs;
    this.volatility = new Dec(volatility);
    this.threshold = share * TWO_TO_THE_32;
    this.symbols = options.symbols ? new Set(options.symbols.map((symbol) => symbol.toUpperCase())) : null;
    this.random = generator(options.seed ?? randomInt(0, TWO_TO_THE_32));
    this.onError = options.onError ?? ((error) => console.error('simulated market:', error));
  }

  /**
   * The moves of one tick over a snapshot of the catalog (in symbol order, whatever order it came in), advancing
   * the random generator: the `leaders` largest by market cap, and each other asset with probability `share`. An
   * asset whose step rounds to no change does not move.
   */
  step(assets: readonly AssetRecord[]): PriceMove[] {
    const moving = assets
      .filter((asset) => asset.active && asset.category !== 'STABLECOIN' && (!this.symbols || this.symbols.has(asset.symbol)))
      .sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
    // The leaders (largest market caps; ties by symbol) move every tick, as the most traded assets do.
    const leaders = new Set(
      [...moving]
        .sort((a, b) => b.marketCap.comparedTo(a.marketCap) || (a.symbol < b.symbol ? -1 : 1))
        .slice(0, this.leaders)
        .map((asset) => asset.symbol),
    );
    const moves: PriceMove[] = [];
    for (const asset of moving) {
      // Every asset draws, leaders too, so the walk of each stays the same whatever the leaders are.
      const drawn = this.random() < this.threshold;
      if (!drawn && !leaders.has(asset.symbol)) continue;
      const price = walk(asset.price, this.volatility, this.random());
      if (!price.eq(asset.price)) moves.push({ symbol: asset.symbol, price, basis: asset });
    }
    return moves;
  }

  start(onTick: PriceTickHandler): void {
    if (this.ticker) throw new Error('The simulated market is already running');
    this.ticker = startTicker(this.tickMs, () => this.tick(onTick));
  }

  async stop(): Promise<void> {
    const ticker = this.ticker;
    this.ticker = null;
    await ticker?.stop();
  }

  private async tick(onTick: PriceTickHandler): Promise<void> {
    try {
      const moves = this.step(await this.market());
      if (moves.length > 0) await onTick(moves);
    } catch (error) {
      this.onError(error);
    }
  }
}
