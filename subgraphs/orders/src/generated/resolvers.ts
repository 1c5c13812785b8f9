import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { OrderRecord } from '../data/orders';
import type { HoldingRecord } from '../data/holdings';
import type { UserPortfolio } from '../domain/valuation';
import type { Mismatch } from '@trading/ledger';
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
  /** Ticker symbol, upper case, e.g. "BTC". Unique. */
  symbol: Scalars['String']['output'];
  /** How many orders of the asset were filled on this platform in the last 24 hours. Public. */
  trades24h: Scalars['Int']['output'];
  /** Units of the asset filled on this platform in the last 24 hours, buys and sells. Public. */
  volume24h: Scalars['Decimal']['output'];
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

/** A quantity of one asset held by a user, valued at the asset's current price. */
export type Holding = {
  __typename?: 'Holding';
  /** The asset held. */
  asset: Asset;
  /** Average price paid per unit (USD), over the units still held. */
  averageCost: Scalars['Decimal']['output'];
  /** Value at the current price (USD, to the cent). */
  marketValue: Scalars['Decimal']['output'];
  /** Units held, including those reserved by open limit sells. */
  quantity: Scalars['Decimal']['output'];
  /** Units set aside for open limit sells: they cannot be sold again until the order fills or is cancelled. */
  reservedQuantity: Scalars['Decimal']['output'];
  /** Market value minus what the units still held cost (USD). */
  unrealizedPnl: Scalars['Decimal']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Cancels one of the signed-in user's OPEN limit orders and releases what it reserved. NOT_FOUND when the caller has
   * no order with this id; BAD_USER_INPUT (field `id`, `extensions.orderStatus`) when the order is no longer OPEN
   * (filled or cancelled already: retrying will not change that).
   */
  cancelOrder: Order;
  /**
   * Places an order for the signed-in user. A MARKET order executes at once at the current price: a BUY moves
   * `quantity x price` (rounded up to the cent) from cash to the holding, a SELL moves the proceeds (rounded down to the
   * cent) to cash. A LIMIT order whose limit the current price already reaches executes the same way at once;
   * otherwise it is accepted OPEN: a BUY reserves `quantity x limitPrice` (rounded up to the cent) of cash, a SELL
   * reserves the units, and it fills at the first price change that reaches its limit, at that price (a BUY gets the
   * unused part of its reservation back). Reserved cash and units cannot be withdrawn, spent or sold twice.
   * Refusals: BAD_USER_INPUT, NOT_FOUND (unknown symbol), INSUFFICIENT_FUNDS, INSUFFICIENT_HOLDINGS.
   */
  placeOrder: Order;
};


export type MutationCancelOrderArgs = {
  id: Scalars['ID']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};


export type MutationPlaceOrderArgs = {
  input: PlaceOrderInput;
};

/** An order and, once filled, its execution. */
export type Order = {
  __typename?: 'Order';
  /** The asset traded. */
  asset: Asset;
  /** When it was cancelled; null unless cancelled. */
  cancelledAt: Maybe<Scalars['DateTime']['output']>;
  /** The id the client gave when placing the order, if any. */
  clientOrderId: Maybe<Scalars['String']['output']>;
  /** When it was placed. */
  createdAt: Scalars['DateTime']['output'];
  /** When it executed; null until filled. */
  filledAt: Maybe<Scalars['DateTime']['output']>;
  /** Stable identifier; ids sort by the time the order was placed. */
  id: Scalars['ID']['output'];
  /** For a LIMIT order, the most a BUY pays or the least a SELL accepts per unit (USD); null for a MARKET order. */
  limitPrice: Maybe<Scalars['Decimal']['output']>;
  /** Price per unit it executed at (USD); null until filled. */
  price: Maybe<Scalars['Decimal']['output']>;
  /** Units of the asset. */
  quantity: Scalars['Decimal']['output'];
  /**
   * Cash set aside while a LIMIT BUY waited: `quantity x limitPrice` rounded up to the cent. Released when the order
   * fills (what the fill did not cost goes back) or is cancelled. Null for orders that reserved no cash.
   */
  reservedCash: Maybe<Scalars['Decimal']['output']>;
  /** Buy or sell. */
  side: OrderSide;
  /** Where it is in its life. */
  status: OrderStatus;
  /** Cash moved in USD: paid for a BUY, received for a SELL; null until filled. */
  total: Maybe<Scalars['Decimal']['output']>;
  /** How it executes. */
  type: OrderType;
  /** The user who placed it. */
  user: User;
};

/** A page of orders. */
export type OrderConnection = {
  __typename?: 'OrderConnection';
  /** The orders of this page with their cursors. */
  edges: Array<OrderEdge>;
  /** Where this page lies in the list. */
  pageInfo: PageInfo;
};

/** An order and its position in a list. */
export type OrderEdge = {
  __typename?: 'OrderEdge';
  /** This order's position: pass it as `after` for the orders after it, as `before` for those before it. */
  cursor: Scalars['String']['output'];
  /** The order. */
  node: Order;
};

/** Which orders a list includes; every condition given must hold. */
export type OrderFilter = {
  /** Only orders placed at or after this instant. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only buys or only sells. */
  side?: InputMaybe<OrderSide>;
  /** Only orders with this status. */
  status?: InputMaybe<OrderStatus>;
  /** Only orders of this asset (ticker symbol, any case). */
  symbol?: InputMaybe<Scalars['String']['input']>;
  /** Only orders placed before this instant. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only market or only limit orders. */
  type?: InputMaybe<OrderType>;
};

/** Whether an order buys or sells. */
export type OrderSide =
  /** Pay cash, receive the asset. */
  | 'BUY'
  /** Give the asset, receive cash. */
  | 'SELL';

/** Where an order is in its life. */
export type OrderStatus =
  /** Withdrawn before it executed. */
  | 'CANCELLED'
  /** Executed in full. */
  | 'FILLED'
  /** Accepted and waiting to execute. */
  | 'OPEN'
  /** Refused when it came to execute. */
  | 'REJECTED';

/** How an order executes. */
export type OrderType =
  /** At `limitPrice` or better: at once if the current price allows, else when the price first reaches the limit. */
  | 'LIMIT'
  /** At once, at the current price. */
  | 'MARKET';

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

/** An order to buy or sell an asset. */
export type PlaceOrderInput = {
  /**
   * Optional id of 1 to 64 letters, digits, _ or -, unique per user: a retry with the same clientOrderId and order
   * returns the first result and trades nothing again; the same clientOrderId with another order is CONFLICT.
   */
  clientOrderId?: InputMaybe<Scalars['String']['input']>;
  /**
   * For a LIMIT order (required, and refused on a MARKET order): the most a BUY pays or the least a SELL accepts per
   * unit, in USD; positive, at most 8 decimal places.
   */
  limitPrice?: InputMaybe<Scalars['Decimal']['input']>;
  /** How many units: positive, at most 8 decimal places. The order's value must be at least 0.01 USD. */
  quantity: Scalars['Decimal']['input'];
  /** Buy or sell. */
  side: OrderSide;
  /** Ticker symbol of the asset, e.g. "BTC". */
  symbol: Scalars['String']['input'];
  /** How the order executes. */
  type: OrderType;
};

/** A user's cash and holdings valued at current prices. */
export type Portfolio = {
  __typename?: 'Portfolio';
  /** Cash that can be spent or withdrawn now: the balance minus the reserved cash, in USD. */
  availableCash: Scalars['Decimal']['output'];
  /** Cash in USD, including the cash reserved by open limit buys. */
  cashBalance: Scalars['Decimal']['output'];
  /**
   * The portfolio's value over time: one point at the close of each candle of `interval` in the range, oldest first,
   * at most 1,000, valued at that candle's close from the holdings and cash the owner had then (reconstructed from
   * their fills and ledger). When the range reaches now, the last point is now, at current prices (it equals
   * `totalValue`). Values are rounded to the cent holding by holding, as `totalValue` is. BAD_USER_INPUT (field
   * `from`) for `from` after `to` (or in the future), a `from` beyond the interval's retention or a range of more than
   * 1,000 points.
   */
  history: Array<PortfolioPoint>;
  /** Market value of all holdings in USD. */
  holdingsValue: Scalars['Decimal']['output'];
  /** Every holding with its valuation, largest market value first. */
  positions: Array<Holding>;
  /** Cash set aside for open limit buys, in USD. */
  reservedCash: Scalars['Decimal']['output'];
  /** Cash plus holdings value in USD. */
  totalValue: Scalars['Decimal']['output'];
};


/** A user's cash and holdings valued at current prices. */
export type PortfolioHistoryArgs = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  interval: CandleInterval;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A portfolio's value at one instant. */
export type PortfolioPoint = {
  __typename?: 'PortfolioPoint';
  /** The instant valued: the close of a candle, or now for the last point. */
  at: Scalars['DateTime']['output'];
  /** Cash then (including cash reserved by open limit buys), in USD. */
  cash: Scalars['Decimal']['output'];
  /** Cash plus the holdings valued at the prices then, in USD, to the cent. */
  value: Scalars['Decimal']['output'];
};

export type Query = {
  __typename?: 'Query';
  /**
   * One order, by its id or by the client order id it was placed with (give exactly one): the caller's own, or any
   * order by id for an admin. Null when there is none the caller may see.
   */
  order: Maybe<Order>;
  /**
   * Checks the books of a page of users (see `npm run reconcile`): the ledger is a gap-free chain ending at the cash
   * balance, holdings equal the fills, nothing is negative, fills and ledger entries match one to one. Admins only.
   */
  reconciliation: Maybe<Reconciliation>;
};


export type QueryOrderArgs = {
  clientOrderId?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryReconciliationArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** The result of checking a page of users' books. */
export type Reconciliation = {
  __typename?: 'Reconciliation';
  /** Everything that does not add up; empty when the books balance. */
  mismatches: Array<ReconciliationMismatch>;
  /**
   * Where this page ends: pass `endCursor` as `after` for the next users (forward only: `hasPreviousPage` is true
   * after the first page, since users are never deleted).
   */
  pageInfo: PageInfo;
  /** How many users this page checked. */
  usersChecked: Scalars['Int']['output'];
};

/** One thing in a user's books that does not add up. */
export type ReconciliationMismatch = {
  __typename?: 'ReconciliationMismatch';
  /** What is stored. */
  actual: Scalars['String']['output'];
  /** What the records say it should be. */
  expected: Scalars['String']['output'];
  /** What kind of mismatch. */
  kind: ReconciliationMismatchKind;
  /** What it concerns: "cash", a symbol, an order id or a ledger sequence number. */
  subject: Scalars['String']['output'];
  /** Whose books. */
  user: User;
};

/** Kinds of reconciliation mismatches. */
export type ReconciliationMismatchKind =
  /** The cash balance is not the sum of the ledger. */
  | 'BALANCE_NOT_LEDGER_SUM'
  /** A fill's total differs from its ledger entry's amount. */
  | 'FILL_AMOUNT_MISMATCH'
  /**
   * A filled limit order executed beyond its limit price or its reserved cash, or its total is not quantity x price
   * rounded in the platform's favour.
   */
  | 'FILL_BEYOND_LIMIT'
  /** A filled order has no ledger entry, or more than one. */
  | 'FILL_WITHOUT_LEDGER_ENTRY'
  /** A holding differs from the filled buys minus the filled sells. */
  | 'HOLDING_NOT_FILLS'
  /** A ledger entry's balanceAfter is not the previous balance plus its amount. */
  | 'LEDGER_CHAIN_BROKEN'
  /** A trade entry in the ledger has no filled order. */
  | 'LEDGER_ENTRY_WITHOUT_FILL'
  /** Ledger sequence numbers skip or the count differs from the account's. */
  | 'LEDGER_SEQUENCE_GAP'
  /** The cash balance is below zero. */
  | 'NEGATIVE_BALANCE'
  /** A holding is below zero. */
  | 'NEGATIVE_HOLDING'
  /** More cash or units are reserved than the account holds. */
  | 'OVER_RESERVED'
  /** Cash or units reserved differ from what the open limit orders reserve. */
  | 'RESERVED_NOT_OPEN_ORDERS';

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Every change of an order (accepted OPEN, FILLED, CANCELLED), as the order is stored when the event is delivered:
   * the caller's own orders, or, for an admin, the orders of the user named by `userId`. Events are never dropped
   * silently: a consumer more than 100 events behind has its subscription ended with SUBSCRIPTION_OVERFLOW.
   */
  orderUpdated: Order;
};


export type SubscriptionOrderUpdatedArgs = {
  userId?: InputMaybe<Scalars['ID']['input']>;
};

/** A person with an account. Only the user themselves (or an admin) can read it. */
export type User = {
  __typename?: 'User';
  /** Cash in USD, including cash reserved by open limit buys (`portfolio { availableCash }` is what can be spent). */
  balance: Scalars['Decimal']['output'];
  /** What the user holds, one entry per asset with a positive quantity, by symbol. */
  holdings: Array<Holding>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** The user's orders, newest first. */
  orders: OrderConnection;
  /** Cash and holdings valued at current prices. */
  portfolio: Portfolio;
};


/** A person with an account. Only the user themselves (or an admin) can read it. */
export type UserOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<OrderFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<OrderStatus>;
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
  Order: Order;
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Asset:
    ( { __typename: 'Asset' }
    & GraphQLRecursivePick<FederationTypes['Asset'], {"symbol":true}> );
  Order:
    ( { __typename: 'Order' }
    & GraphQLRecursivePick<FederationTypes['Order'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['User'], {"balance":true}> ) );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Asset: ResolverTypeWrapper<{ symbol: string }>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CandleInterval: CandleInterval;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Decimal: ResolverTypeWrapper<Scalars['Decimal']['output']>;
  Holding: ResolverTypeWrapper<HoldingRecord>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Order: ResolverTypeWrapper<OrderRecord>;
  OrderConnection: ResolverTypeWrapper<Omit<OrderConnection, 'edges'> & { edges: Array<ResolversTypes['OrderEdge']> }>;
  OrderEdge: ResolverTypeWrapper<Omit<OrderEdge, 'node'> & { node: ResolversTypes['Order'] }>;
  OrderFilter: OrderFilter;
  OrderSide: OrderSide;
  OrderStatus: OrderStatus;
  OrderType: OrderType;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PlaceOrderInput: PlaceOrderInput;
  Portfolio: ResolverTypeWrapper<UserPortfolio>;
  PortfolioPoint: ResolverTypeWrapper<PortfolioPoint>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Reconciliation: ResolverTypeWrapper<Omit<Reconciliation, 'mismatches'> & { mismatches: Array<ResolversTypes['ReconciliationMismatch']> }>;
  ReconciliationMismatch: ResolverTypeWrapper<Mismatch>;
  ReconciliationMismatchKind: ReconciliationMismatchKind;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  User: ResolverTypeWrapper<{ id: string; balance?: string }>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Asset: { symbol: string };
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  DateTime: Scalars['DateTime']['output'];
  Decimal: Scalars['Decimal']['output'];
  Holding: HoldingRecord;
  Mutation: Record<PropertyKey, never>;
  ID: Scalars['ID']['output'];
  Order: OrderRecord;
  OrderConnection: Omit<OrderConnection, 'edges'> & { edges: Array<ResolversParentTypes['OrderEdge']> };
  OrderEdge: Omit<OrderEdge, 'node'> & { node: ResolversParentTypes['Order'] };
  OrderFilter: OrderFilter;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  PlaceOrderInput: PlaceOrderInput;
  Portfolio: UserPortfolio;
  PortfolioPoint: PortfolioPoint;
  Query: Record<PropertyKey, never>;
  Reconciliation: Omit<Reconciliation, 'mismatches'> & { mismatches: Array<ResolversParentTypes['ReconciliationMismatch']> };
  ReconciliationMismatch: Mismatch;
  Subscription: Record<PropertyKey, never>;
  User: { id: string; balance?: string };
};

export type AssetResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Asset'] = ResolversParentTypes['Asset'], FederationReferenceType extends FederationReferenceTypes['Asset'] = FederationReferenceTypes['Asset']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Asset']> | FederationReferenceType, FederationReferenceType, ContextType>;
  symbol?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  trades24h?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  volume24h?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface DecimalScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Decimal'], any> {
  name: 'Decimal';
}

export type HoldingResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Holding'] = ResolversParentTypes['Holding']> = {
  asset?: Resolver<ResolversTypes['Asset'], ParentType, ContextType>;
  averageCost?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  marketValue?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  reservedQuantity?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  unrealizedPnl?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  cancelOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationCancelOrderArgs, 'id'>>;
  placeOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationPlaceOrderArgs, 'input'>>;
};

export type OrderResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  asset?: Resolver<ResolversTypes['Asset'], ParentType, ContextType>;
  cancelledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  clientOrderId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  filledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  limitPrice?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  price?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  reservedCash?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  side?: Resolver<ResolversTypes['OrderSide'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
  total?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['OrderType'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export type OrderConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['OrderConnection'] = ResolversParentTypes['OrderConnection']> = {
  edges?: Resolver<Array<ResolversTypes['OrderEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type OrderEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['OrderEdge'] = ResolversParentTypes['OrderEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PortfolioResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Portfolio'] = ResolversParentTypes['Portfolio']> = {
  availableCash?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  cashBalance?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['PortfolioPoint']>, ParentType, ContextType, RequireFields<PortfolioHistoryArgs, 'interval'>>;
  holdingsValue?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  positions?: Resolver<Array<ResolversTypes['Holding']>, ParentType, ContextType>;
  reservedCash?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  totalValue?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
};

export type PortfolioPointResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PortfolioPoint'] = ResolversParentTypes['PortfolioPoint']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cash?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType, Partial<QueryOrderArgs>>;
  reconciliation?: Resolver<Maybe<ResolversTypes['Reconciliation']>, ParentType, ContextType, Partial<QueryReconciliationArgs>>;
};

export type ReconciliationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Reconciliation'] = ResolversParentTypes['Reconciliation']> = {
  mismatches?: Resolver<Array<ResolversTypes['ReconciliationMismatch']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  usersChecked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ReconciliationMismatchResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ReconciliationMismatch'] = ResolversParentTypes['ReconciliationMismatch']> = {
  actual?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expected?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ReconciliationMismatchKind'], ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  orderUpdated?: SubscriptionResolver<ResolversTypes['Order'], "orderUpdated", ParentType, ContextType, Partial<SubscriptionOrderUpdatedArgs>>;
};

export type UserResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  holdings?: Resolver<Array<ResolversTypes['Holding']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  orders?: Resolver<ResolversTypes['OrderConnection'], ParentType, ContextType, Partial<UserOrdersArgs>>;
  portfolio?: Resolver<ResolversTypes['Portfolio'], ParentType, ContextType>;
};

export type Resolvers<ContextType = SubgraphContext> = {
  Asset?: AssetResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Decimal?: GraphQLScalarType;
  Holding?: HoldingResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  OrderConnection?: OrderConnectionResolvers<ContextType>;
  OrderEdge?: OrderEdgeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Portfolio?: PortfolioResolvers<ContextType>;
  PortfolioPoint?: PortfolioPointResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Reconciliation?: ReconciliationResolvers<ContextType>;
  ReconciliationMismatch?: ReconciliationMismatchResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
};

