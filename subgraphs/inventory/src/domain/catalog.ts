import {
  Dec,
  ErrorCode,
  pageSize,
  parsePositiveDecimal,
  PRICE_SCALE,
  toConnection,
  userError,
  type Connection,
  type Cursors,
} from '@trading/platform';
import type { AssetRecord } from '../data/assets';
import type { AssetFilter, AssetSort, AssetSortField } from '../generated/resolvers';

const MAX_PRICE_BOUND = new Dec('1000000000000');
const MAX_SEARCH_LENGTH = 100;
const SYMBOL = /^[A-Za-z0-9]{1,12}$/;

/** Normalises a symbol argument (upper case); BAD_USER_INPUT when it cannot be a symbol. */
export function normaliseSymbol(symbol: string, field = 'symbol'): string {
  if (!SYMBOL.test(symbol)) throw userError(ErrorCode.BAD_USER_INPUT, `${field} must be 1 to 12 letters or digits, e.g. "BTC"`, { field });
  return symbol.toUpperCase();
}

type SortValue = string | Dec;
const sortValue: Record<AssetSortField, (asset: AssetRecord) => SortValue> = {
  SYMBOL: (a) => a.symbol,
  NAME: (a) => a.name.toLowerCase(),
  PRICE: (a) => a.price,
  CHANGE_24H: (a) => a.change24h,
  MARKET_CAP: (a) => a.marketCap,
};

function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return (a as Dec).comparedTo(b as Dec);
}

type Position = [string, string]; // [sort value as text, symbol]
const isPosition = (value: unknown): value is Position =>
  Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string';

/**
 * Filters, sorts and pages the catalog. Cursors hold the last item's sort value and symbol (not an offset), so
 * paging stays in place when prices move or assets are added. Ties are broken by symbol.
 */
export function queryCatalog(
  assets: AssetRecord[],
  args: { filter?: AssetFilter | null; sort?: AssetSort | null; first?: number | null; after?: string | null },
  cursors: Cursors,
): Connection<AssetRecord> & { totalCount: number } {
  const size = pageSize(args.first);
  const matches = assets.filter(matcher(args.filter ?? {}));
  const field = args.sort?.field ?? 'MARKET_CAP';
  const direction = (args.sort?.direction ?? 'DESC') === 'ASC' ? 1 : -1;
  const valueOf = sortValue[field];
  const compare = (a: AssetRecord, b: AssetRecord) =>
    direction * compareValues(valueOf(a), valueOf(b)) || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0);
  matches.sort(compare);

  let start = 0;
  const after = cursors.decode(args.after, isPosition);
  if (after) {
    const [text, symbol] = after;
    const afterValue: SortValue = field === 'SYMBOL' || field === 'NAME' ? text : safeDec(text);
    start = matches.findIndex((asset) => {
      const byValue = direction * compareValues(valueOf(asset), afterValue);
      return byValue > 0 || (byValue === 0 && asset.symbol > symbol);
    });
    if (start === -1) start = matches.length;
  }
  const page = matches.slice(start, start + size + 1);
  const connection = toConnection(page, size, (asset) => {
    const value = valueOf(asset);
    return cursors.encode([typeof value === 'string' ? value : value.toFixed(), asset.symbol]);
  });
  return { ...connection, totalCount: matches.length };
}

function safeDec(text: string): Dec {
  try {
    return new Dec(text);
  } catch {
    throw userError(ErrorCode.BAD_USER_INPUT, 'after is not a cursor returned by this list', { field: 'after' });
  }
}

function matcher(filter: AssetFilter): (asset: AssetRecord) => boolean {
  const search = filter.search?.trim().toLowerCase();
  if (search !== undefined && search.length > MAX_SEARCH_LENGTH) {
    throw userError(ErrorCode.BAD_USER_INPUT, `filter.search must be at most ${MAX_SEARCH_LENGTH} characters`, { field: 'filter.search' });
  }
  const bound = (raw: string | null | undefined, field: string) =>
    raw == null ? null : parsePositiveDecimal(raw, { field, scale: PRICE_SCALE, max: MAX_PRICE_BOUND, allowZero: true });
  const minPrice = bound(filter.minPrice, 'filter.minPrice');
  const maxPrice = bound(filter.maxPrice, 'filter.maxPrice');
  const activeOnly = filter.activeOnly ?? true;
  return (asset) =>
    (!activeOnly || asset.active) &&
    (!filter.category || asset.category === filter.category) &&
    (!minPrice || asset.price.gte(minPrice)) &&
    (!maxPrice || asset.price.lte(maxPrice)) &&
    (!search || asset.symbol.toLowerCase().includes(search) || asset.name.toLowerCase().includes(search));
}
