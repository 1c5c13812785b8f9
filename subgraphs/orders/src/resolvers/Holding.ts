import { ZERO } from '@trading/platform';
import type { HoldingRecord } from '../data/holdings';
import type { SubgraphContext } from '../context';
import { averageCost, valueHolding, type ValuedHolding } from '../domain/valuation';
import type { HoldingResolvers } from '../generated/resolvers';

// Holdings listed by `User.holdings` are valued only if a valuation field is asked for.
async function valued(holding: HoldingRecord | ValuedHolding, { quotes }: SubgraphContext): Promise<ValuedHolding> {
  if ('marketValue' in holding) return holding;
  const quote = await quotes.load(holding.symbol);
  return valueHolding(holding, quote?.price ?? ZERO);
}

export const Holding: HoldingResolvers = {
  asset: (holding) => ({ symbol: holding.symbol }),
  averageCost: (holding) => averageCost(holding),
  reservedQuantity: (holding) => holding.reserved,
  marketValue: async (holding, _args, ctx) => (await valued(holding, ctx)).marketValue,
  unrealizedPnl: async (holding, _args, ctx) => (await valued(holding, ctx)).unrealizedPnl,
};
