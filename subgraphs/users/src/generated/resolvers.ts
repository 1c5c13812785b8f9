import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { UserRecord } from '../data/users';
import type { LedgerEntryRecord } from '@trading/ledger';
import type { AuditEventRecord, ApiKeyRecord } from '@trading/platform';
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

/** An API key of the signed-in user (never its secret). */
export type ApiKey = {
  __typename?: 'ApiKey';
  /** The client addresses it may be used from; empty: any. */
  allowedIps: Array<Scalars['String']['output']>;
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When it stops working; null: never, until revoked. */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  /** Stable identifier, also the start of the secret (`tk_<id>_...`). */
  id: Scalars['ID']['output'];
  /** When it was last used, to within a minute; null before its first use. */
  lastUsedAt: Maybe<Scalars['DateTime']['output']>;
  /** The name it was given. */
  name: Scalars['String']['output'];
  /** What it may do. */
  scopes: Array<ApiScope>;
};

/**
 * What an API key may do beyond reading public data. Managing keys, passwords, the profile and sessions is never
 * granted to a key: those need a signed-in session.
 */
export type ApiScope =
  /** Read the owner's account: balance, ledger, orders, holdings, portfolio, and their subscriptions (`orderUpdated`). */
  | 'READ'
  /** Place and cancel orders. */
  | 'TRADE'
  /** Deposit and withdraw cash. */
  | 'TRANSFER';

/** What an audit entry records. */
export type AuditAction =
  /** An admin changed platform data; details hold the state before and after. */
  | 'ADMIN_ACTION'
  /** An admin account was created by the operator command. */
  | 'ADMIN_CREATED'
  /** An API key was created (or its creation refused: too many keys). */
  | 'API_KEY_CREATED'
  /** A request with an API key was refused: revoked, expired, or from outside its allowlist (reason says which). */
  | 'API_KEY_REFUSED'
  /** An API key was revoked by its owner. */
  | 'API_KEY_REVOKED'
  /** A caller asked for fields their role may not read. */
  | 'FORBIDDEN_ACCESS'
  /** A sign-in, successful or not. */
  | 'LOGIN'
  /** A session was ended by its user. */
  | 'LOGOUT'
  /** Every session of an account was ended by its user. */
  | 'LOGOUT_EVERYWHERE'
  /** A password was changed (or a change refused for a wrong current password). */
  | 'PASSWORD_CHANGE'
  /** A caller was refused for sending too many requests. */
  | 'RATE_LIMITED'
  /** A refresh token was used a second time: its session was ended. */
  | 'REFRESH_REUSE'
  /** An account was registered (or a registration refused: username taken, too many). */
  | 'REGISTER'
  /** A refresh token was exchanged (or refused). */
  | 'TOKEN_REFRESH';

/** One security event. Entries are never changed; they are kept for a configured number of days. */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  /** What happened. */
  action: AuditAction;
  /** Who acted (a user id), when known. */
  actorId: Maybe<Scalars['ID']['output']>;
  /** The actor's role at the time. */
  actorRole: Maybe<Scalars['String']['output']>;
  /** When it happened. */
  at: Scalars['DateTime']['output'];
  /** Context as a JSON object (e.g. an admin action's before and after); never a password or token. */
  details: Maybe<Scalars['String']['output']>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** The client's IP address. */
  ip: Maybe<Scalars['String']['output']>;
  /** How it ended. */
  outcome: AuditOutcome;
  /** Why, for failures and refusals (e.g. WRONG_PASSWORD, RATE_LIMITED). */
  reason: Maybe<Scalars['String']['output']>;
  /** The request it happened in. */
  requestId: Maybe<Scalars['String']['output']>;
  /** The account concerned, when there is one. */
  subjectId: Maybe<Scalars['ID']['output']>;
};

/** A page of audit entries. */
export type AuditEventConnection = {
  __typename?: 'AuditEventConnection';
  /** The entries of this page with their cursors. */
  edges: Array<AuditEventEdge>;
  /** Where this page lies in the list. */
  pageInfo: PageInfo;
};

/** An audit entry and its position. */
export type AuditEventEdge = {
  __typename?: 'AuditEventEdge';
  /** This entry's position: pass it as `after` for the entries after it, as `before` for those before it. */
  cursor: Scalars['String']['output'];
  /** The entry. */
  node: AuditEvent;
};

/** Which audit entries a list includes; every condition given must hold. */
export type AuditEventFilter = {
  /** Only entries of this action. */
  action?: InputMaybe<AuditAction>;
  /** Only entries of this actor (a user id). */
  actor?: InputMaybe<Scalars['ID']['input']>;
  /** Only entries at or after this instant. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only entries at or before this instant. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How an audited action ended. */
export type AuditOutcome =
  /** It was refused by a rule (rate limit, role, reuse detection). */
  | 'DENIED'
  /** It failed (e.g. a wrong password). */
  | 'FAILURE'
  /** It was done. */
  | 'SUCCESS';

/** The result of signing in or registering. */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** When `token` expires; get a new one with `refreshToken` before then. */
  expiresAt: Scalars['DateTime']['output'];
  /** A one-use token for `refreshToken`, valid for 30 days by default. Keep it secret, like a password. */
  refreshToken: Scalars['String']['output'];
  /** A bearer token (JWT) for the `Authorization: Bearer <token>` header, valid until `expiresAt` (15 minutes by default). */
  token: Scalars['String']['output'];
  /** The signed-in user. */
  user: User;
};

/** A password change. */
export type ChangePasswordInput = {
  /** The password in use now. */
  currentPassword: Scalars['String']['input'];
  /** The new password: at least 8 characters and at most 72 bytes, different from the current one. */
  newPassword: Scalars['String']['input'];
};

/** A new API key. */
export type CreateApiKeyInput = {
  /**
   * The only client addresses the key may be used from: IPv4 or IPv6 addresses or CIDR ranges, at most 20 (the router
   * sees the address behind TRUST_PROXY proxies). Elsewhere the key is FORBIDDEN (reason IP_NOT_ALLOWED). Omitted or
   * empty: any address.
   */
  allowedIps?: InputMaybe<Array<Scalars['String']['input']>>;
  /**
   * When the key stops working (UNAUTHENTICATED, reason API_KEY_EXPIRED); must be in the future. Omitted: it works
   * until revoked.
   */
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** A name to tell keys apart, 1 to 64 characters. */
  name: Scalars['String']['input'];
  /** What the key may do: at least one scope. */
  scopes: Array<ApiScope>;
};

/** A key just created, with its secret: shown this once. */
export type CreatedApiKey = {
  __typename?: 'CreatedApiKey';
  /** The key as `me { apiKeys }` lists it. */
  apiKey: ApiKey;
  /** The secret to send as `Authorization: ApiKey <secret>`. Store it like a password: it cannot be shown again. */
  secret: Scalars['String']['output'];
};

/** One change of a user's cash balance. Entries are never changed or deleted. */
export type LedgerEntry = {
  __typename?: 'LedgerEntry';
  /** Signed USD amount: positive adds cash, negative removes it. */
  amount: Scalars['Decimal']['output'];
  /** The cash balance right after this entry. */
  balanceAfter: Scalars['Decimal']['output'];
  /** When it happened. */
  createdAt: Scalars['DateTime']['output'];
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** The order that caused it, for BUY and SELL entries; null for deposits and withdrawals. */
  order: Maybe<Order>;
  /** The order that caused it, for BUY and SELL entries. */
  orderId: Maybe<Scalars['ID']['output']>;
  /** Why the balance changed. */
  type: LedgerEntryType;
};

/** A page of ledger entries. */
export type LedgerEntryConnection = {
  __typename?: 'LedgerEntryConnection';
  /** The entries of this page with their cursors. */
  edges: Array<LedgerEntryEdge>;
  /** Where this page lies in the list. */
  pageInfo: PageInfo;
  /** How many entries match the filter in all; null with a `type` condition (counting those would read them all). */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** A ledger entry and its position. */
export type LedgerEntryEdge = {
  __typename?: 'LedgerEntryEdge';
  /** This entry's position: pass it as `after` for the entries after it, as `before` for those before it. */
  cursor: Scalars['String']['output'];
  /** The entry. */
  node: LedgerEntry;
};

/** Which ledger entries a list includes; every condition given must hold. */
export type LedgerEntryFilter = {
  /** Only entries made at or after this instant. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only entries made before this instant. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only entries of this type. */
  type?: InputMaybe<LedgerEntryType>;
};

/** Why the cash balance changed. */
export type LedgerEntryType =
  /** Cash paid for an order that bought an asset. */
  | 'BUY'
  /** Cash added by the user. */
  | 'DEPOSIT'
  /** Cash received for an order that sold an asset. */
  | 'SELL'
  /** Cash taken out by the user. */
  | 'WITHDRAWAL';

/** Credentials to sign in with. */
export type LoginInput = {
  /** The account's password. */
  password: Scalars['String']['input'];
  /** The username or the email address of the account. */
  username: Scalars['String']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Changes the signed-in user's password after checking the current one, and ends every other session of the account. */
  changePassword: Scalars['Boolean']['output'];
  /**
   * Creates an API key for programs (bots, partner apps) acting for the signed-in customer, with the scopes given and
   * nothing more. The secret is returned here once and never again (the platform keeps only a keyed hash of it): send
   * it as `Authorization: ApiKey <secret>`, or as `authorization` in a graphql-ws `connection_init` payload. At most 20
   * keys per user (BAD_USER_INPUT, reason TOO_MANY_API_KEYS). Needs a signed-in session: no key can create keys.
   */
  createApiKey: CreatedApiKey;
  /** Adds cash to the signed-in user's balance: a positive USD amount with at most 2 decimal places, at most 10,000,000. */
  deposit: LedgerEntry;
  /** Signs in with a username or an email and the password. Any mismatch is UNAUTHENTICATED with the same message. */
  login: AuthPayload;
  /** Ends the session of the token this is called with: its access and refresh tokens stop working at once. */
  logout: Scalars['Boolean']['output'];
  /** Ends every session of the signed-in user, this one included; answers how many sessions it ended (this one counted). */
  logoutEverywhere: Scalars['Int']['output'];
  /**
   * Exchanges a refresh token for a new access token and a new refresh token (the old one stops working). A refresh
   * token used twice ends its session: UNAUTHENTICATED, sign in again.
   */
  refreshToken: AuthPayload;
  /** Creates a CUSTOMER account and signs it in. Username and email must be unused (CONFLICT otherwise). */
  register: AuthPayload;
  /**
   * Revokes one of the signed-in user's API keys: from now on it is refused everywhere (UNAUTHENTICATED, reason
   * API_KEY_REVOKED), and sockets and streams opened with it end. False when the user has no such key (or it was
   * revoked already). Needs a signed-in session.
   */
  revokeApiKey: Scalars['Boolean']['output'];
  /** Changes the signed-in user's profile; omitted fields stay as they are. */
  updateProfile: User;
  /**
   * Removes cash from the signed-in user's balance: INSUFFICIENT_FUNDS when the available cash (balance minus what open
   * limit buys reserve) is smaller.
   */
  withdraw: LedgerEntry;
};


export type MutationChangePasswordArgs = {
  input: ChangePasswordInput;
};


export type MutationCreateApiKeyArgs = {
  input: CreateApiKeyInput;
};


export type MutationDepositArgs = {
  amount: Scalars['Decimal']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};


export type MutationLoginArgs = {
  input: LoginInput;
};


export type MutationRefreshTokenArgs = {
  refreshToken: Scalars['String']['input'];
};


export type MutationRegisterArgs = {
  input: RegisterInput;
};


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
};


export type MutationWithdrawArgs = {
  amount: Scalars['Decimal']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

/** An order and, once filled, its execution. */
export type Order = {
  __typename?: 'Order';
  /** Stable identifier; ids sort by the time the order was placed. */
  id: Scalars['ID']['output'];
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

export type Query = {
  __typename?: 'Query';
  /**
   * The security audit trail, newest first: sign-ins, sign-outs, refreshes, password changes, admin actions, refusals.
   * Admins only.
   */
  auditEvents: Maybe<AuditEventConnection>;
  /** The signed-in user, or null when the request carries no token. */
  me: Maybe<User>;
  /** Any user by id, or null when there is none. Admins only. */
  user: Maybe<User>;
  /**
   * Every user, optionally filtered, in storage order (a table scan). Admins only. A page before a cursor (`last`,
   * `before`) is found by scanning from the start of the table, so it costs as much as the users before it.
   */
  users: Maybe<UserConnection>;
};


export type QueryAuditEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryUserArgs = {
  id: Scalars['ID']['input'];
};


export type QueryUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<UserFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A new account's details. */
export type RegisterInput = {
  /** A valid email address. Unique, ignoring case. */
  email: Scalars['String']['input'];
  /** Given name, 1 to 100 characters. */
  firstName: Scalars['String']['input'];
  /** Family name, 1 to 100 characters. */
  lastName: Scalars['String']['input'];
  /** At least 8 characters, at most 72 bytes (bcrypt reads no further). */
  password: Scalars['String']['input'];
  /** Optional phone number in international form, e.g. "+44 20 7946 0958". */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** 3 to 30 characters: letters, digits, underscore, dot, hyphen. Unique, ignoring case. */
  username: Scalars['String']['input'];
};

/** What a user may do: every registered user is a CUSTOMER; admins are created by an operator command. */
export type Role =
  /** Operates the platform. */
  | 'ADMIN'
  /** Trades with their own account. */
  | 'CUSTOMER';

/** Profile changes; a field left out (or null) is not changed. */
export type UpdateProfileInput = {
  /** New email address; must be unused. */
  email?: InputMaybe<Scalars['String']['input']>;
  /** New given name, 1 to 100 characters. */
  firstName?: InputMaybe<Scalars['String']['input']>;
  /** New family name, 1 to 100 characters. */
  lastName?: InputMaybe<Scalars['String']['input']>;
  /** New phone number; an empty string removes it. */
  phone?: InputMaybe<Scalars['String']['input']>;
};

/** A person with an account. Only the user themselves (or an admin) can read it. */
export type User = {
  __typename?: 'User';
  /**
   * The user's API keys that are not revoked, newest first (expired ones included, until revoked). Only the user
   * themselves, signed in (not with a key).
   */
  apiKeys: Array<ApiKey>;
  /** Cash in USD, including cash reserved by open limit buys (`portfolio { availableCash }` is what can be spent). */
  balance: Scalars['Decimal']['output'];
  /** When the account was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Email address. */
  email: Scalars['String']['output'];
  /** Given name. */
  firstName: Scalars['String']['output'];
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Family name. */
  lastName: Scalars['String']['output'];
  /** Phone number, if given. */
  phone: Maybe<Scalars['String']['output']>;
  /** What the user may do. */
  role: Role;
  /**
   * The security events of this account, newest first: sign-ins (also failed ones), sign-outs, refreshes, password
   * changes.
   */
  securityEvents: AuditEventConnection;
  /** Every change of the cash balance, newest first. */
  transactions: LedgerEntryConnection;
  /** Unique name chosen at registration. */
  username: Scalars['String']['output'];
};


/** A person with an account. Only the user themselves (or an admin) can read it. */
export type UserSecurityEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A person with an account. Only the user themselves (or an admin) can read it. */
export type UserTransactionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<LedgerEntryFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of users. */
export type UserConnection = {
  __typename?: 'UserConnection';
  /** The users of this page with their cursors. */
  edges: Array<UserEdge>;
  /** Where this page lies in the list. */
  pageInfo: PageInfo;
};

/** A user and their position in a list. */
export type UserEdge = {
  __typename?: 'UserEdge';
  /** This user's position: pass it as `after` for the users after it, as `before` for those before it. */
  cursor: Scalars['String']['output'];
  /** The user. */
  node: User;
};

/** Which users a list includes; every condition given must hold. */
export type UserFilter = {
  /** Only users with this role. */
  role?: InputMaybe<Role>;
  /** Case-insensitive text found in the username or the email. */
  search?: InputMaybe<Scalars['String']['input']>;
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
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  ApiKey: ResolverTypeWrapper<ApiKeyRecord>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ApiScope: ApiScope;
  AuditAction: AuditAction;
  AuditEvent: ResolverTypeWrapper<AuditEventRecord>;
  AuditEventConnection: ResolverTypeWrapper<Omit<AuditEventConnection, 'edges'> & { edges: Array<ResolversTypes['AuditEventEdge']> }>;
  AuditEventEdge: ResolverTypeWrapper<Omit<AuditEventEdge, 'node'> & { node: ResolversTypes['AuditEvent'] }>;
  AuditEventFilter: AuditEventFilter;
  AuditOutcome: AuditOutcome;
  AuthPayload: ResolverTypeWrapper<Omit<AuthPayload, 'user'> & { user: ResolversTypes['User'] }>;
  ChangePasswordInput: ChangePasswordInput;
  CreateApiKeyInput: CreateApiKeyInput;
  CreatedApiKey: ResolverTypeWrapper<Omit<CreatedApiKey, 'apiKey'> & { apiKey: ResolversTypes['ApiKey'] }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Decimal: ResolverTypeWrapper<Scalars['Decimal']['output']>;
  LedgerEntry: ResolverTypeWrapper<LedgerEntryRecord>;
  LedgerEntryConnection: ResolverTypeWrapper<Omit<LedgerEntryConnection, 'edges'> & { edges: Array<ResolversTypes['LedgerEntryEdge']> }>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  LedgerEntryEdge: ResolverTypeWrapper<Omit<LedgerEntryEdge, 'node'> & { node: ResolversTypes['LedgerEntry'] }>;
  LedgerEntryFilter: LedgerEntryFilter;
  LedgerEntryType: LedgerEntryType;
  LoginInput: LoginInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Order: ResolverTypeWrapper<Order>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RegisterInput: RegisterInput;
  Role: Role;
  UpdateProfileInput: UpdateProfileInput;
  User: ResolverTypeWrapper<UserRecord>;
  UserConnection: ResolverTypeWrapper<Omit<UserConnection, 'edges'> & { edges: Array<ResolversTypes['UserEdge']> }>;
  UserEdge: ResolverTypeWrapper<Omit<UserEdge, 'node'> & { node: ResolversTypes['User'] }>;
  UserFilter: UserFilter;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  ApiKey: ApiKeyRecord;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  AuditEvent: AuditEventRecord;
  AuditEventConnection: Omit<AuditEventConnection, 'edges'> & { edges: Array<ResolversParentTypes['AuditEventEdge']> };
  AuditEventEdge: Omit<AuditEventEdge, 'node'> & { node: ResolversParentTypes['AuditEvent'] };
  AuditEventFilter: AuditEventFilter;
  AuthPayload: Omit<AuthPayload, 'user'> & { user: ResolversParentTypes['User'] };
  ChangePasswordInput: ChangePasswordInput;
  CreateApiKeyInput: CreateApiKeyInput;
  CreatedApiKey: Omit<CreatedApiKey, 'apiKey'> & { apiKey: ResolversParentTypes['ApiKey'] };
  DateTime: Scalars['DateTime']['output'];
  Decimal: Scalars['Decimal']['output'];
  LedgerEntry: LedgerEntryRecord;
  LedgerEntryConnection: Omit<LedgerEntryConnection, 'edges'> & { edges: Array<ResolversParentTypes['LedgerEntryEdge']> };
  Int: Scalars['Int']['output'];
  LedgerEntryEdge: Omit<LedgerEntryEdge, 'node'> & { node: ResolversParentTypes['LedgerEntry'] };
  LedgerEntryFilter: LedgerEntryFilter;
  LoginInput: LoginInput;
  Mutation: Record<PropertyKey, never>;
  Boolean: Scalars['Boolean']['output'];
  Order: Order;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  RegisterInput: RegisterInput;
  UpdateProfileInput: UpdateProfileInput;
  User: UserRecord;
  UserConnection: Omit<UserConnection, 'edges'> & { edges: Array<ResolversParentTypes['UserEdge']> };
  UserEdge: Omit<UserEdge, 'node'> & { node: ResolversParentTypes['User'] };
  UserFilter: UserFilter;
};

export type ApiKeyResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ApiKey'] = ResolversParentTypes['ApiKey']> = {
  allowedIps?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  scopes?: Resolver<Array<ResolversTypes['ApiScope']>, ParentType, ContextType>;
};

export type AuditEventResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = {
  action?: Resolver<ResolversTypes['AuditAction'], ParentType, ContextType>;
  actorId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  actorRole?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  details?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ip?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['AuditOutcome'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requestId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  subjectId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type AuditEventConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditEventConnection'] = ResolversParentTypes['AuditEventConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AuditEventEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type AuditEventEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditEventEdge'] = ResolversParentTypes['AuditEventEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditEvent'], ParentType, ContextType>;
};

export type AuthPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuthPayload'] = ResolversParentTypes['AuthPayload']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  refreshToken?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export type CreatedApiKeyResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['CreatedApiKey'] = ResolversParentTypes['CreatedApiKey']> = {
  apiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface DecimalScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Decimal'], any> {
  name: 'Decimal';
}

export type LedgerEntryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LedgerEntry'] = ResolversParentTypes['LedgerEntry']> = {
  amount?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  balanceAfter?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType>;
  orderId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['LedgerEntryType'], ParentType, ContextType>;
};

export type LedgerEntryConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LedgerEntryConnection'] = ResolversParentTypes['LedgerEntryConnection']> = {
  edges?: Resolver<Array<ResolversTypes['LedgerEntryEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type LedgerEntryEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LedgerEntryEdge'] = ResolversParentTypes['LedgerEntryEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['LedgerEntry'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  changePassword?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationChangePasswordArgs, 'input'>>;
  createApiKey?: Resolver<ResolversTypes['CreatedApiKey'], ParentType, ContextType, RequireFields<MutationCreateApiKeyArgs, 'input'>>;
  deposit?: Resolver<ResolversTypes['LedgerEntry'], ParentType, ContextType, RequireFields<MutationDepositArgs, 'amount'>>;
  login?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationLoginArgs, 'input'>>;
  logout?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  logoutEverywhere?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  refreshToken?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationRefreshTokenArgs, 'refreshToken'>>;
  register?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationRegisterArgs, 'input'>>;
  revokeApiKey?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRevokeApiKeyArgs, 'id'>>;
  updateProfile?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationUpdateProfileArgs, 'input'>>;
  withdraw?: Resolver<ResolversTypes['LedgerEntry'], ParentType, ContextType, RequireFields<MutationWithdrawArgs, 'amount'>>;
};

export type OrderResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  auditEvents?: Resolver<Maybe<ResolversTypes['AuditEventConnection']>, ParentType, ContextType, Partial<QueryAuditEventsArgs>>;
  me?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType, RequireFields<QueryUserArgs, 'id'>>;
  users?: Resolver<Maybe<ResolversTypes['UserConnection']>, ParentType, ContextType, Partial<QueryUsersArgs>>;
};

export type UserResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  apiKeys?: Resolver<Array<ResolversTypes['ApiKey']>, ParentType, ContextType>;
  balance?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  firstName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  securityEvents?: Resolver<ResolversTypes['AuditEventConnection'], ParentType, ContextType, Partial<UserSecurityEventsArgs>>;
  transactions?: Resolver<ResolversTypes['LedgerEntryConnection'], ParentType, ContextType, Partial<UserTransactionsArgs>>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type UserConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['UserConnection'] = ResolversParentTypes['UserConnection']> = {
  edges?: Resolver<Array<ResolversTypes['UserEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type UserEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['UserEdge'] = ResolversParentTypes['UserEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export type Resolvers<ContextType = SubgraphContext> = {
  ApiKey?: ApiKeyResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditEventConnection?: AuditEventConnectionResolvers<ContextType>;
  AuditEventEdge?: AuditEventEdgeResolvers<ContextType>;
  AuthPayload?: AuthPayloadResolvers<ContextType>;
  CreatedApiKey?: CreatedApiKeyResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Decimal?: GraphQLScalarType;
  LedgerEntry?: LedgerEntryResolvers<ContextType>;
  LedgerEntryConnection?: LedgerEntryConnectionResolvers<ContextType>;
  LedgerEntryEdge?: LedgerEntryEdgeResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  UserConnection?: UserConnectionResolvers<ContextType>;
  UserEdge?: UserEdgeResolvers<ContextType>;
};

