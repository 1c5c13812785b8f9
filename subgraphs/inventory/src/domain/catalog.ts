import {
  connectionOfList,
  cursorScope,
  Dec,
  ErrorCode,
  pageRequest,
  parsePositiveDecimal,
  PRICE_SCALE,
  userError,
  type Connection,
  type CursorField,
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

type Position = [string, string]; // [sort value as text (the place asked for, with symbols), symbol]
const isPosition = (value: unknown): value is Position =>
  Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string';

/** The most symbols `filter.symbols` may name: one BatchGetItem. */
export const MAX_WATCHLIST = 100;

/**
 * `filter.symbols` checked (at most 100, each a symbol: BAD_USER_INPUT naming `filter.symbols`) and normalised: upper
 * case, each once at its first place. Undefined when not given.
 */
export function watchlist(symbols: readonly string[] | null | undefined): string[] | undefined {
  if (symbols === null || symbols === undefined) return undefined;
  if (symbols.length > MAX_WATCHLIST) {
    throw userError(ErrorCode.BAD_USER_INPUT, `filter.symbols may name at most ${MAX_WATCHLIST} assets`, { field: 'filter.symbols' });
  }
  return [...new Set(symbols.map((symbol) => normaliseSymbol(symbol, 'filter.symbols')))];
}

export interface CatalogArgs {
  filter?: AssetFilter | null;
  sort?: AssetSort | null;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * Filters, sorts and pages the catalog (`assets`: the whole catalog, or with `filter.symbols` at least those assets).
 * Cursors hold an item's sort value and symbol (not an offset), so paging stays in place when prices move or assets
 * are added, and the list's `cursorScope` (the filter and the order, normalised): a cursor continues only the list it
 * came from. Ties are broken by symbol. With `filter.symbols` and no `sort`, the list is in the order asked, and a
 * cursor holds the place asked for. Both sides of a page are exact (the list is in memory).
 */
export function queryCatalog(assets: AssetRecord[], args: CatalogArgs, cursors: Cursors): Connection<AssetRecord> & { totalCount: number } {
  const filter = args.filter ?? {};
  const symbols = watchlist(filter.symbols);
  const { keep, conditions } = matcher(filter);
  const rank = symbols && new Map(symbols.map((symbol, place) => [symbol, place]));
  const matches = assets.filter((asset) => keep(asset) && (!rank || rank.has(asset.symbol)));
  const bySymbol = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  const asked = rank && !args.sort;
  const field = args.sort?.field ?? 'MARKET_CAP';
  const direction = (args.sort?.direction ?? 'DESC') === 'ASC' ? 1 : -1;
  const valueOf = sortValue[field];
  const compare = (a: AssetRecord, b: AssetRecord) =>
    asked ? rank.get(a.symbol)! - rank.get(b.symbol)! : direction * compareValues(valueOf(a), valueOf(b)) || bySymbol(a.symbol, b.symbol);
  matches.sort(compare);

  const scope = cursorScope({ ...conditions, symbols, order: asked ? 'ASKED' : `${field} ${direction === 1 ? 'ASC' : 'DESC'}` });
  const request = pageRequest(args, (cursor, cursorField) => {
    const position = cursors.decodeScoped(cursor, scope, isPosition, cursorField);
    if (position === undefined) return undefined;
    const [text, symbol] = position;
    const value: SortValue | number = asked ? Number(text) : field === 'SYMBOL' || field === 'NAME' ? text : safeDec(text, cursorField);
    return { value, symbol };
  });
  const compareTo = (asset: AssetRecord, { value, symbol }: { value: SortValue | number; symbol: string }) =>
    asked
      ? rank.get(asset.symbol)! - (value as number)
      : direction * compareValues(valueOf(asset), value as SortValue) || bySymbol(asset.symbol, symbol);
  const connection = connectionOfList(matches, request, compareTo, (asset) => {
    const value = asked ? String(rank.get(asset.symbol)) : valueOf(asset);
    return cursors.encodeScoped([typeof value === 'string' ? value : value.toFixed(), asset.symbol], scope);
  });
  return { ...connection, totalCount: matches.length };
}

function safeDec(text: string, field: CursorField): Dec {
  try {
    return new Dec(text);
  } catch {
    throw userError(ErrorCode.BAD_USER_INPUT, `${field} is not a cursor returned by this list`, { field });
  }
}

/** The filter's test of an asset, and its conditions normalised (for the cursors' scope). */
function matcher(filter: AssetFilter): { keep: (asset: AssetRecord) => boolean; conditions: Record<string, unknown> } {
  const search = filter.search?.trim().toLowerCase();
  if (search !== undefined && search.length > MAX_SEARCH_LENGTH) {
    throw userError(ErrorCode.BAD_USER_INPUT, `filter.search must be at most ${MAX_SEARCH_LENGTH} characters`, { field: 'filter.search' });
  }
  const bound = (raw: string | null | undefined, field: string) =>
    raw == null ? null : parsePositiveDecimal(raw, { field, scale: PRICE_SCALE, max: MAX_PRICE_BOUND, allowZero: true });
  const minPrice = bound(filter.minPrice, 'filter.minPrice');
  const maxPrice = bound(filter.maxPrice, 'filter.maxPrice');
  const activeOnly = filter.activeOnly ?? true;
  const keep = (asset: AssetRecord) =>
    (!activeOnly || asset.active) &&
    (!filter.category || asset.category === filter.category) &&
    (!minPrice || asset.price.gte(minPrice)) &&
    (!maxPrice || asset.price.lte(maxPrice)) &&
    (!search || asset.symbol.toLowerCase().includes(search) || asset.name.toLowerCase().includes(search));
  const conditions = {
    activeOnly,
    category: filter.category,
    minPrice: minPrice?.toFixed(),
    maxPrice: maxPrice?.toFixed(),
    search: search || undefined,
  };
  return { keep, conditions };
}
