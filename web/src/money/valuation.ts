import { CASH_SCALE, type Dec, type DecimalValue, sum, toDec } from './decimal';

/** A position as the API values it, with the asset's price (which live ticks keep current in the cache). */
export interface PricedPosition {
  quantity: string;
  marketValue: string;
  unrealizedPnl: string;
  asset: { price: string };
}

/** A position valued at the asset's current price. */
export interface LiveValue {
  marketValue: Dec;
  /** What the units still held cost: the API's market value minus its unrealized P&L, exactly. */
  costBasis: Dec;
  unrealizedPnl: Dec;
  /** P&L in percent of the cost, or null when the units cost nothing. */
  unrealizedPnlPercent: Dec | null;
}

/**
 * Values a position at the price in the cache, the way the platform does: market value is quantity x price to the
 * cent (half up), and P&L is market value minus what the units cost.
 */
export function valueAtLivePrice(position: PricedPosition): LiveValue {
  const costBasis = toDec(position.marketValue).minus(toDec(position.unrealizedPnl));
  const marketValue = toDec(position.quantity).times(toDec(position.asset.price)).toDecimalPlaces(CASH_SCALE);
  const unrealizedPnl = marketValue.minus(costBasis);
  const unrealizedPnlPercent = costBasis.isZero() ? null : unrealizedPnl.div(costBasis).times(100);
  return { marketValue, costBasis, unrealizedPnl, unrealizedPnlPercent };
}

/** Cash plus every position at live prices, and the P&L of the positions together. */
export function valuePortfolio(cashBalance: DecimalValue, positions: readonly PricedPosition[]) {
  const values = positions.map(valueAtLivePrice);
  const holdingsValue = sum(values.map((value) => value.marketValue));
  const costBasis = sum(values.map((value) => value.costBasis));
  const unrealizedPnl = holdingsValue.minus(costBasis);
  return {
    holdingsValue,
    totalValue: toDec(cashBalance).plus(holdingsValue),
    unrealizedPnl,
    unrealizedPnlPercent: costBasis.isZero() ? null : unrealizedPnl.div(costBasis).times(100),
  };
}
