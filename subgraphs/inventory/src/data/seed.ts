import { Dec, type Locks } from '@trading/platform';
import catalog from '../seed/assets.json';
import type { AssetCategory } from '../generated/resolvers';
import { BACKFILL_SPANS, backfillRuns, type BackfillSettings } from '../domain/history-backfill';
import { dayWindowStart } from '../domain/price-history';
import { percentChange } from '../domain/prices';
import type { AssetStore } from './assets';
import type { CandleStore } from './candles';

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

/** The lock that one instance holds while it backfills price history, so two starting together do not both write it. */
export const HISTORY_LOCK = 'inventory:price-history';

/**
 * Backfills the simulated price history (see domain/history-backfill.ts) of every asset that has none yet (no
 * `historyFrom`): the shipped catalog on a fresh database, largest market caps first, and any asset a database
 * made before price history existed. Each history ends at the asset's stored price at `now`, and sets its
 * `change24h` from it. Idempotent across instances (under HISTORY_LOCK, and marked per asset once written).
 * Returns how many assets were backfilled.
 */
export async function seedPriceHistory(
  assets: AssetStore,
  candles: CandleStore,
  locks: Locks,
  settings: BackfillSettings,
  now = new Date(),
): Promise<number> {
  return locks.withLock(
    HISTORY_LOCK,
    async () => {
      const missing = (await assets.all({ consistent: true }))
        .filter((asset) => !asset.historyFrom)
        .sort((a, b) => b.marketCap.comparedTo(a.marketCap) || (a.symbol < b.symbol ? -1 : 1));
      const at = Math.floor(now.getTime() / 1000);
      const since = dayWindowStart(now);
      let done = 0;
      // Two assets at a time: one is generated while the other's runs are written.
      let next = 0;
      await Promise.all(
        [0, 1].map(async () => {
          while (next < missing.length) {
            const asset = missing[next++]!;
            const runs = backfillRuns(asset, at, settings);
            await candles.putRunsInBulk(runs);
            const dayOpen = runs
              .filter((run) => run.interval === 'ONE_HOUR')
              .flatMap((run) => run.candles)
              .find((candle) => candle.start >= since);
            const open24h = dayOpen ? new Dec(dayOpen.open) : asset.price;
            const marked = await assets.markHistory(asset.symbol, asset.price, {
              change24h: percentChange(open24h, asset.price),
              open24h,
              open24hAt: new Date(since * 1000).toISOString(),
              historyFrom: new Date((at - BACKFILL_SPANS.ONE_DAY) * 1000).toISOString(),
            });
            if (marked) done += 1;
          }
        }),
      );
      return done;
    },
    { waitMs: 120_000, ttlMs: 10_000 },
  );
}
