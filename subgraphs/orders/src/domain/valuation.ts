import { type Dec, roundCash, toDec, ZERO } from '@trading/platform';
import type { HoldingRecord } from '../data/holdings';
import type { Quote } from '../data/prices';

/** A holding valued at a price. */
export interface ValuedHolding extends HoldingRecord {
  marketValue: Dec;
  unrealizedPnl: Dec;
}

/** A portfolio as the `Portfolio` type shows it. */
export interface PortfolioValuation {
  cashBalance: Dec;
  reservedCash: Dec;
  availableCash: Dec;
  holdingsValue: Dec;
  totalValue: Dec;
  positions: ValuedHolding[];
}

/** A user's portfolio as the `Portfolio` type resolves it: the valuation and whose it is (for `history`). */
export interface UserPortfolio extends PortfolioValuation {
  userId: string;
}

/** Values a holding: market value to the cent (half up), P&L against what the units still held cost. */
export function valueHolding(holding: HoldingRecord, price: Dec): ValuedHolding {
  const marketValue = roundCash(holding.quantity.times(price));
  return { ...holding, marketValue, unrealizedPnl: marketValue.minus(holding.costBasis) };
}

/** Average price paid per unit still held, to 8 decimal places. */
export function averageCost(holding: HoldingRecord): Dec {
  return holding.quantity.isZero() ? ZERO : holding.costBasis.dividedBy(holding.quantity).toDecimalPlaces(8);
}

/**
 * Values cash and holdings; a holding whose asset has no quote (removed from the catalog) counts as zero. `account`
 * is the cash account as read together (reserved cash and what is available); without it nothing is reserved.
 */
export function valuePortfolio(
  cash: string | Dec,
  holdings: HoldingRecord[],
  quotes: Map<string, Quote | null>,
  account?: { balance: Dec; reserved: Dec },
): PortfolioValuation {
  const positions = holdings
    .map((holding) => valueHolding(holding, quotes.get(holding.symbol)?.price ?? ZERO))
    .sort((a, b) => b.marketValue.comparedTo(a.marketValue) || (a.symbol < b.symbol ? -1 : 1));
  const cashBalance = toDec(cash);
  const holdingsValue = positions.reduce((sum, position) => sum.plus(position.marketValue), ZERO);
  const reservedCash = account?.reserved ?? ZERO;
  const availableCash = account ? account.balance.minus(account.reserved) : cashBalance;
  return { cashBalance, reservedCash, availableCash, holdingsValue, totalValue: cashBalance.plus(holdingsValue), positions };
}
