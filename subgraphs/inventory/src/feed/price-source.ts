import type { Dec } from '@trading/platform';
import type { AssetRecord } from '../data/assets';

/**
 * Receives one new price. `basis` is the stored asset the price was computed from, when the source computed it
 * from one (the simulator does): the price is then dropped if the asset changed in the meantime. Sources of real
 * market prices leave it out. Resolves once the price is stored and published (or dropped).
 */
export type PriceTickHandler = (symbol: string, price: Dec, basis?: AssetRecord) => Promise<void>;

/**
 * Where the inventory's prices come from: the simulated market, or an adapter over a real market data feed. The
 * price feed starts it on the instance that leads and stops it when that instance stops leading, so a source may
 * be started again after `stop()`.
 */
export interface PriceSource {
  /**
   * Begins delivering prices to `onTick`. Calls for different symbols may overlap; a source should not start a
   * second call for a symbol before the first resolved.
   */
  start(onTick: PriceTickHandler): void;
  /** Stops delivering; resolves once no `onTick` call is in progress and no timer or connection is left open. */
  stop(): Promise<void>;
}
