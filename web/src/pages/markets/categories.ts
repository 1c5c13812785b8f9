import type { AssetCategory } from '../../gql/graphql';

/** Every asset category with the words a trader reads. */
export const CATEGORY_LABELS: Record<AssetCategory, string> = {
  CURRENCY: 'Currency',
  PLATFORM: 'Platform',
  LAYER2: 'Layer 2',
  STABLECOIN: 'Stablecoin',
  DEFI: 'DeFi',
  EXCHANGE: 'Exchange',
  MEME: 'Meme',
  INFRASTRUCTURE: 'Infrastructure',
  GAMING: 'Gaming',
  PRIVACY: 'Privacy',
  AI: 'AI',
};

export const CATEGORIES = Object.keys(CATEGORY_LABELS) as AssetCategory[];

export function isCategory(value: string | null): value is AssetCategory {
  return value !== null && value in CATEGORY_LABELS;
}
