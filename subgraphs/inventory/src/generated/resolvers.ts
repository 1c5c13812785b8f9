import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { AssetRecord } from '../data/assets';
import type { SubgraphContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant in ISO 8601 format, in UTC, e.g. "2026-11-25T15:10:49.123Z". */
  DateTime: { input: Date; output: Date | string; }
  /** An exact decimal number sent and returned as a string, e.g. "1234.5678". Never a float. */
  Decimal: { input: string; output: import("@trading/platform").Dec | string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** A tradable crypto asset with its current price in USD. */
export type Asset = {
  __typename?: 'Asset';
  /** False when the asset is delisted: it is shown but cannot be traded. */
  active: Scalars['Boolean']['output'];
  /**
   * The price history as candles of one interval, oldest first, at most 1,000. Public. Without `from`, `to` and
   * `last`, the latest 100. The history of the shipped assets before the platform was first started is simulated
   * (see the inventory README); an interval with no price change has no candle. BAD_USER_INPUT (with
   * `extensions.field`) for `from` after `to`, a `from` older than the interval's retention, a `last` outside 1 to
   * 1,000, or a range of more than 1,000 candles.
   */
  candles: Array<Candle>;
  /** What kind of asset it is. */
  category: AssetCategory;
  /** Price change over the last 24 hours, in percent (e.g. "-2.15"): `stats24h.changePercent`. */
  change24h: Scalars['Decimal']['output'];
  /** What the asset is, in a sentence or two. */
  description: Scalars['String']['output'];
  /** Market capitalisation in USD. */
  marketCap: Scalars['Decimal']['output'];
  /** Full name, e.g. "Bitcoin". */
  name: Scalars['String']['output'];
  /** Current price of one unit in USD. */
  price: Scalars['Decimal']['output'];
  /** Open, high, low and close over the last 24 hours, from the hourly candles. Public. */
  stats24h: AssetStats24h;
  /** Ticker symbol, upper case, e.g. "BTC". Unique. */
  symbol: Scalars['String']['output'];
};


/** A tradable crypto asset with its current price in USD. */
export type AssetCandlesArgs = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  interval: CandleInterval;
  last?: InputMaybe<Scalars['Int']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** Kinds of crypto assets. */
export type AssetCategory =
  /** Artificial-intelligence networks (e.g. Bittensor). */
  | 'AI'
  /** Payment currencies (e.g. Bitcoin, Litecoin). */
  | 'CURRENCY'
  /** Decentralised finance protocols (e.g. Uniswap, Aave). */
  | 'DEFI'
  /** Tokens of exchanges (e.g. BNB, OKB). */
  | 'EXCHANGE'
  /** Games and virtual worlds (e.g. The Sandbox). */
  | 'GAMING'
  /** Oracles, storage, indexing and interoperability (e.g. Chainlink, Filecoin). */
  | 'INFRASTRUCTURE'
  /** Layer-2 scaling networks (e.g. Arbitrum, Optimism). */
  | 'LAYER2'
  /** Community and meme tokens (e.g. Dogecoin). */
  | 'MEME'
  /** Smart-contract layer-1 platforms (e.g. Ethereum, Solana). */
  | 'PLATFORM'
  /** Privacy-focused currencies (e.g. Monero). */
  | 'PRIVACY'
  /** Tokens pegged to a fiat currency (e.g. USDT, USDC). */
  | 'STABLECOIN';

/** A page of assets. */
export type AssetConnection = {
  __typename?: 'AssetConnection';
  /** The assets of this page with their cursors. */
  edges: Array<AssetEdge>;
  /** Where this page lies in the list. */
  pageInfo: PageInfo;
  /** How many assets match the filter in all. */
  totalCount: Scalars['Int']['output'];
};

/** An asset and its position in a list. */
export type AssetEdge = {
  __typename?: 'AssetEdge';
  /** This asset's position: pass it as `after` for the assets after it, as `before` for those before it. */
  cursor: Scalars['String']['output'];
  /** The asset. */
  node: Asset;
};

/** Which assets a list includes; every condition given must hold. */
export type AssetFilter = {
  /** Only tradable assets; default true. */
  activeOnly?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only assets of this category. */
  category?: InputMaybe<AssetCategory>;
  /** Only assets priced at or below this many USD. */
  maxPrice?: InputMaybe<Scalars['Decimal']['input']>;
  /** Only assets priced at or above this many USD. */
  minPrice?: InputMaybe<Scalars['Decimal']['input']>;
  /** Case-insensitive text found in the symbol or the name. */
  search?: InputMaybe<Scalars['String']['input']>;
  /**
   * Only these assets (a watchlist): up to 100 ticker symbols, any case, read in one call. Without `sort` the list is
   * in this order, each asset once, at its first place; a symbol the catalog does not have is simply absent (and a
   * delisted asset too, unless `activeOnly` is false). More than 100 symbols, or a string that cannot be a symbol,
   * is BAD_USER_INPUT (field `filter.symbols`).
   */
  symbols?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** How a list of assets is ordered. */
export type AssetSort = {
  /** Ascending or descending; default descending. */
  direction?: InputMaybe<SortDirection>;
  /** The field to order by. */
  field: AssetSortField;
};

/** Fields an asset list can be ordered by. */
export type AssetSortField =
  /** 24-hour change. */
  | 'CHANGE_24H'
  /** Market capitalisation. */
  | 'MARKET_CAP'
  /** Full name. */
  | 'NAME'
  /** Current price. */
  | 'PRICE'
  /** Ticker symbol. */
  | 'SYMBOL';

/**
 * An asset's prices over the last 24 hours, from its hourly candles: from the open of the hour that began 24 hours
 * ago to the current price.
 */
export type AssetStats24h = {
  __typename?: 'AssetStats24h';
  /** close minus open, in USD. */
  change: Scalars['Decimal']['output'];
  /** The change in percent of the open, to two decimal places (the same figure as `Asset.change24h`). */
  changePercent: Scalars['Decimal']['output'];
  /** The current price. */
  close: Scalars['Decimal']['output'];
  /** The highest price since. */
  high: Scalars['Decimal']['output'];
  /** The lowest price since. */
  low: Scalars['Decimal']['output'];
  /** The price 24 hours ago (the open of that hour's candle). */
  open: Scalars['Decimal']['output'];
};

/**
 * The prices of an asset during one interval (open, high, low, close: OHLC). The open is the price in force when the
 * interval began, the close the price in force at its end (or now, for the current candle).
 */
export type Candle = {
  __typename?: 'Candle';
  /** The price at the end of the interval, or the current price for the interval under way. */
  close: Scalars['Decimal']['output'];
  /** The highest price during the interval. */
  high: Scalars['Decimal']['output'];
  /** The lowest price during the interval. */
  low: Scalars['Decimal']['output'];
  /** The price of one unit in USD when the interval began. */
  open: Scalars['Decimal']['output'];
  /** When the interval begins, aligned to its length (UTC); it ends where the next one begins. */
  start: Scalars['DateTime']['output'];
};

/** How long one candle lasts. Candles are kept for a time that depends on their interval (see `Asset.candles`). */
export type CandleInterval =
  /** Five minutes; kept 14 days. */
  | 'FIVE_MINUTES'
  /** One day (UTC); kept for good. */
  | 'ONE_DAY'
  /** One hour; kept 365 days. */
  | 'ONE_HOUR'
  /** One minute; kept 2 days. */
  | 'ONE_MINUTE';

/** A new asset's details. */
export type CreateAssetInput = {
  /** What kind of asset it is. */
  category: AssetCategory;
  /** What the asset is, at most 500 characters. */
  description: Scalars['String']['input'];
  /** Market capitalisation in USD; default 0. */
  marketCap?: InputMaybe<Scalars['Decimal']['input']>;
  /** Full name, 1 to 100 characters. */
  name: Scalars['String']['input'];
  /** Price of one unit in USD: positive, at most 8 decimal places. */
  price: Scalars['Decimal']['input'];
  /** Ticker symbol: 1 to 12 letters or digits, stored upper case. Unique. */
  symbol: Scalars['String']['input'];
};

/** The price changes of one price-feed tick. */
export type MarketTicks = {
  __typename?: 'MarketTicks';
  /** When the tick was recorded. */
  at: Scalars['DateTime']['output'];
  /** The changes of this tick for the requested symbols, at least one, by symbol. */
  ticks: Array<PriceTick>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Adds an asset to the catalog, active. CONFLICT when the symbol exists. Admins only. */
  createAsset: Asset;
  /** Changes an asset: its details, its price, or whether it can be traded. NOT_FOUND for an unknown symbol. Admins only. */
  updateAsset: Asset;
};


export type MutationCreateAssetArgs = {
  input: CreateAssetInput;
};


export type MutationUpdateAssetArgs = {
  input: UpdateAssetInput;
  symbol: Scalars['String']['input'];
};

/**
 * Where a page lies in its list (the Relay cursor connections spec): whether items come before and after it, and the
 * cursors of its first and last items.
 */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the last item of this page (pass it as `after` for the items after), or null for an empty page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** True when items follow this page: more of those asked for (`first`), or any at or after `before` (`last`). */
  hasNextPage: Scalars['Boolean']['output'];
  /** True when items come before this page: more of those asked for (`last`), or any at or before `after` (`first`). */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** The cursor of the first item of this page (pass it as `before` for the items before), or null for an empty page. */
  startCursor: Maybe<Scalars['String']['output']>;
};

/** A change of one asset's price. */
export type PriceTick = {
  __typename?: 'PriceTick';
  /**
   * The asset as stored when this tick is delivered: when prices move quickly its price may already be newer than
   * this tick's.
   */
  asset: Asset;
  /** When the price changed. */
  changedAt: Scalars['DateTime']['output'];
  /** The price of one unit in USD that this one replaced. */
  previousPrice: Scalars['Decimal']['output'];
  /** The new price of one unit in USD. */
  price: Scalars['Decimal']['output'];
  /** Ticker symbol of the asset, upper case, e.g. "BTC". */
  symbol: Scalars['String']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** One asset by its ticker symbol (any case), or null when there is none. Public. */
  asset: Maybe<Asset>;
  /** The asset catalog, filtered, sorted and paged. Public. */
  assets: AssetConnection;
};


export type QueryAssetArgs = {
  symbol: Scalars['String']['input'];
};


export type QueryAssetsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AssetFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<AssetSort>;
};

/** Order of a sorted list. */
export type SortDirection =
  /** Smallest first (A to Z). */
  | 'ASC'
  /** Largest first (Z to A). */
  | 'DESC';

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * The current candle of one asset at one interval, each time a price change moves it, then the next candle once a
   * new interval begins. Public. A subscriber that falls behind loses its oldest undelivered candles, never the newest.
   */
  candleUpdated: Candle;
  /**
   * Every price change of one price-feed tick in ONE event, for the requested symbols: what a board or a bot watching
   * many assets wants instead of one `priceChanged` per symbol. An admin's price change is an event of its own. Ticks
   * in which none of the symbols moved send nothing. Public. A subscriber that falls behind loses its oldest
   * undelivered events, never the newest.
   */
  marketTicks: MarketTicks;
  /**
   * A tick for every change of an asset's price, by the price feed or by an admin. Public. A subscriber that falls
   * behind loses its oldest undelivered ticks, never the newest: a newer price makes an older one worthless.
   */
  priceChanged: PriceTick;
};


export type SubscriptionCandleUpdatedArgs = {
  interval: CandleInterval;
  symbol: Scalars['String']['input'];
};


export type SubscriptionMarketTicksArgs = {
  symbols?: InputMaybe<Array<Scalars['String']['input']>>;
};


export type SubscriptionPriceChangedArgs = {
  symbols?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** Changes to an asset; a field left out (or null) is not changed. */
export type UpdateAssetInput = {
  /** False delists the asset (it is still shown, but orders for it are refused); true lists it again. */
  active?: InputMaybe<Scalars['Boolean']['input']>;
  /** New category. */
  category?: InputMaybe<AssetCategory>;
  /** New description, at most 500 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** New market capitalisation in USD. */
  marketCap?: InputMaybe<Scalars['Decimal']['input']>;
  /** New full name, 1 to 100 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New price of one unit in USD: positive, at most 8 decimal places. The 24-hour change is kept. */
  price?: InputMaybe<Scalars['Decimal']['input']>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Asset: Asset;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Asset:
    ( { __typename: 'Asset' }
    & GraphQLRecursivePick<FederationTypes['Asset'], {"symbol":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Asset: ResolverTypeWrapper<AssetRecord>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AssetCategory: AssetCategory;
  AssetConnection: ResolverTypeWrapper<Omit<AssetConnection, 'edges'> & { edges: Array<ResolversTypes['AssetEdge']> }>;
  AssetEdge: ResolverTypeWrapper<Omit<AssetEdge, 'node'> & { node: ResolversTypes['Asset'] }>;
  AssetFilter: AssetFilter;
  AssetSort: AssetSort;
  AssetSortField: AssetSortField;
  AssetStats24h: ResolverTypeWrapper<AssetStats24h>;
  Candle: ResolverTypeWrapper<Candle>;
  CandleInterval: CandleInterval;
  CreateAssetInput: CreateAssetInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Decimal: ResolverTypeWrapper<Scalars['Decimal']['output']>;
  MarketTicks: ResolverTypeWrapper<Omit<MarketTicks, 'ticks'> & { ticks: Array<ResolversTypes['PriceTick']> }>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PriceTick: ResolverTypeWrapper<Omit<PriceTick, 'asset'> & { asset: ResolversTypes['Asset'] }>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SortDirection: SortDirection;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  UpdateAssetInput: UpdateAssetInput;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Asset: AssetRecord;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
  AssetConnection: Omit<AssetConnection, 'edges'> & { edges: Array<ResolversParentTypes['AssetEdge']> };
  AssetEdge: Omit<AssetEdge, 'node'> & { node: ResolversParentTypes['Asset'] };
  AssetFilter: AssetFilter;
  AssetSort: AssetSort;
  AssetStats24h: AssetStats24h;
  Candle: Candle;
  CreateAssetInput: CreateAssetInput;
  DateTime: Scalars['DateTime']['output'];
  Decimal: Scalars['Decimal']['output'];
  MarketTicks: Omit<MarketTicks, 'ticks'> & { ticks: Array<ResolversParentTypes['PriceTick']> };
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  PriceTick: Omit<PriceTick, 'asset'> & { asset: ResolversParentTypes['Asset'] };
  Query: Record<PropertyKey, never>;
  Subscription: Record<PropertyKey, never>;
  UpdateAssetInput: UpdateAssetInput;
};

export type AssetResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Asset'] = ResolversParentTypes['Asset'], FederationReferenceType extends FederationReferenceTypes['Asset'] = FederationReferenceTypes['Asset']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Asset']> | FederationReferenceType, FederationReferenceType, ContextType>;
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  candles?: Resolver<Array<ResolversTypes['Candle']>, ParentType, ContextType, RequireFields<AssetCandlesArgs, 'interval'>>;
  category?: Resolver<ResolversTypes['AssetCategory'], ParentType, ContextType>;
  change24h?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  marketCap?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  stats24h?: Resolver<ResolversTypes['AssetStats24h'], ParentType, ContextType>;
  symbol?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AssetConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AssetConnection'] = ResolversParentTypes['AssetConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AssetEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AssetEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AssetEdge'] = ResolversParentTypes['AssetEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Asset'], ParentType, ContextType>;
};

export type AssetStats24hResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AssetStats24h'] = ResolversParentTypes['AssetStats24h']> = {
  change?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  changePercent?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  close?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  high?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  low?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  open?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
};

export type CandleResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Candle'] = ResolversParentTypes['Candle']> = {
  close?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  high?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  low?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  open?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface DecimalScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Decimal'], any> {
  name: 'Decimal';
}

export type MarketTicksResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MarketTicks'] = ResolversParentTypes['MarketTicks']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  ticks?: Resolver<Array<ResolversTypes['PriceTick']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  createAsset?: Resolver<ResolversTypes['Asset'], ParentType, ContextType, RequireFields<MutationCreateAssetArgs, 'input'>>;
  updateAsset?: Resolver<ResolversTypes['Asset'], ParentType, ContextType, RequireFields<MutationUpdateAssetArgs, 'input' | 'symbol'>>;
};

export type PageInfoResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PriceTickResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PriceTick'] = ResolversParentTypes['PriceTick']> = {
  asset?: Resolver<ResolversTypes['Asset'], ParentType, ContextType>;
  changedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  previousPrice?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  symbol?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  asset?: Resolver<Maybe<ResolversTypes['Asset']>, ParentType, ContextType, RequireFields<QueryAssetArgs, 'symbol'>>;
  assets?: Resolver<ResolversTypes['AssetConnection'], ParentType, ContextType, Partial<QueryAssetsArgs>>;
};

export type SubscriptionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  candleUpdated?: SubscriptionResolver<ResolversTypes['Candle'], "candleUpdated", ParentType, ContextType, RequireFields<SubscriptionCandleUpdatedArgs, 'interval' | 'symbol'>>;
  marketTicks?: SubscriptionResolver<ResolversTypes['MarketTicks'], "marketTicks", ParentType, ContextType, Partial<SubscriptionMarketTicksArgs>>;
  priceChanged?: SubscriptionResolver<ResolversTypes['PriceTick'], "priceChanged", ParentType, ContextType, Partial<SubscriptionPriceChangedArgs>>;
};

export type Resolvers<ContextType = SubgraphContext> = {
  Asset?: AssetResolvers<ContextType>;
  AssetConnection?: AssetConnectionResolvers<ContextType>;
  AssetEdge?: AssetEdgeResolvers<ContextType>;
  AssetStats24h?: AssetStats24hResolvers<ContextType>;
  Candle?: CandleResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Decimal?: GraphQLScalarType;
  MarketTicks?: MarketTicksResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PriceTick?: PriceTickResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
};

