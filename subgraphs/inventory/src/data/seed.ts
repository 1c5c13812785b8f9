import { Dec } from '@trading/platform';
import catalog from '../seed/assets.json';
import type { AssetCategory } from '../generated/resolvers';
import type { AssetStore } from './assets';

/**
 * Adds the shipped catalog (100+ real assets) to the assets table; assets already there are left untouched, so this
 * runs at every start of every instance. Returns how many were added.
 */
export async function seedAssets(store: AssetStore, now = new Date()): Promise<number> {
  const results = await Promise.all(
    catalog.map((asset) =>
      store.addIfMissing({
        ...asset,
        category: asset.category as AssetCategory,
        price: new Dec(asset.price),
        change24h: new Dec(asset.change24h),
        marketCap: new Dec(asset.marketCap),
        active: true,
        updatedAt: now.toISOString(),
      }),
    ),
  );
  return results.filter(Boolean).length;
}
