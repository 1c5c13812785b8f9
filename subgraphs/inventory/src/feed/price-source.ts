import type { Dec } from '@trading/platform';
import type { AssetRecord } from '../data/assets';

/**
 * One new price of a symbol. `basis` is the stored asset the price was computed from, when the source computed it
 * from one (the simulator does): the price is then dropped if the asset changed in the meantime. Sources of real
 * market prices leave it out.
 */
export interface SourcePrice {
  symbol: string;
  price: Dec;
  basis?: AssetRecord;
}

/**
 * Receives the new prices of one tick (one update of the market: the simulator's step, or a message of a real
 * feed), at most one per symbol. Resolves once they are stored and published (or dropped): as one `marketTicks`
 * event, and one candle write for all of them.
 */
export type PriceTickHandler = (prices: readonly SourcePrice[]) => Promise<void>;

/**
 * Where the inventory's prices come from: the simulated market, or an adapter over a real market data feed. The
 * price feed starts it on the instance that leads and stops it when that instance stops leading, so a source may
 * be started again after `stop()`.
 */
export interface PriceSource {
  /** Begins delivering prices to `onTick`, a tick at a time: a source does not start a tick before the last resolved. */
  start(onTick: PriceTickHandler): void;
  /** Stops delivering; resolves once no `onTick` call is in progress and no timer or connection is left open. */
  stop(): Promise<void>;
}
