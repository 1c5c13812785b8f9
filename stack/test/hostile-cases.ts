import { createHash, randomUUID } from 'node:crypto';
import { getOperationAST, parse, type OperationTypeNode } from 'graphql';
import jwt from 'jsonwebtoken';
import { gql, registerUser, type startTestStack } from './support';
import { getUrl, type Operation, type Transport } from './transport-clients';

// The hostile corpus, defined once: requests that must each get a clear error with its documented code, crash
// nothing and change nothing. hostile-corpus.e2e.test.ts sends it over HTTP POST with the transport-specific cases;
// transports.e2e.test.ts sends every case over every transport of /graphql and asserts the same answer on each.

type Stack = Awaited<ReturnType<typeof startTestStack>>;
type User = Awaited<ReturnType<typeof registerUser>>;

/**
 * Who the corpus plays with: two customers (alice has cash, a position and an order), one who signed out (their token
 * is of an ended session), and the stack's JWT settings.
 */
export interface World {
  alice: User;
  bob: User;
  signedOut: User;
  aliceOrder: string;
  jwt: Stack['jwt'];
  /** Alice's API keys (their secrets): one per scope set, one revoked, one expired, one fenced to another address. */
  keys: Record<'read' | 'trade' | 'revoked' | 'expired' | 'fenced', string>;
}

/**
 * The options of a stack the corpus runs on: few sign-in attempts per username (the brute-force case), and request
 * rate limits high enough that a corpus sent over six transports is never refused for its own volume (the request
 * rate limit has its own test, on a stack of its own, in transports.e2e.test.ts).
 */
export const CORPUS_STACK = {
  signInLimits: { attemptsPerUsername: 5, attemptsPerAddress: 1000, registrationsPerAddress: 100 },
  router: { rateLimits: { perUserPerMinute: 100_000, perKeyPerMinute: 100_000, perAddressPerMinute: 100_000 } },
} satisfies Parameters<typeof startTestStack>[0];

export async function setUpWorld(stack: Stack): Promise<World> {
  const [alice, bob, signedOut] = await Promise.all(['alice', 'bob', 'carol'].map((name) => registerUser(stack.routerUrl, name)));
  const logout = await gql(stack.routerUrl, 'mutation { logout }', {}, signedOut!.token);
  if (logout.errors) throw new Error(`logout failed: ${JSON.stringify(logout.errors)}`);
  await gql(stack.routerUrl, 'mutation { deposit(amount: "500") { id } }', {}, alice!.token);
  const placed = await gql<{ placeOrder: { id: string } }>(
    stack.routerUrl,
    'mutation { placeOrder(input: { symbol: "ETH", side: BUY, type: MARKET, quantity: "0.01" }) { id } }',
    {},
    alice!.token,
  );
  if (!placed.data?.placeOrder) throw new Error(`placeOrder failed: ${JSON.stringify(placed.errors)}`);
  const key = async (scopes: string[], extra: Record<string, unknown> = {}) => {
    const created = await gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
      stack.routerUrl,
      'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id } } }',
      { i: { name: `corpus ${scopes.join(' ')}`, scopes, ...extra } },
      alice!.token,
    );
    if (!created.data?.createApiKey) throw new Error(`createApiKey failed: ${JSON.stringify(created.errors)}`);
    return created.data.createApiKey;
  };
  const expiry = Date.now() + 1000;
  const [read, trade, revoked, expired, fenced] = await Promise.all([
    key(['READ']),
    key(['TRADE']),
    key(['READ', 'TRADE', 'TRANSFER']),
    key(['READ'], { expiresAt: new Date(expiry).toISOString() }),
    // The corpus is sent from 127.0.0.1: an address outside this allowlist.
    key(['READ'], { allowedIps: ['203.0.113.7'] }),
  ]);
  await gql(stack.routerUrl, 'mutation($id: ID!) { revokeApiKey(id: $id) }', { id: revoked!.apiKey.id }, alice!.token);
  // Past the expired key's expiry before any case is sent.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiry + 100 - Date.now())));
  return {
    alice: alice!,
    bob: bob!,
    signedOut: signedOut!,
    aliceOrder: placed.data.placeOrder.id,
    jwt: stack.jwt,
    keys: { read: read!.secret, trade: trade!.secret, revoked: revoked!.secret, expired: expired!.secret, fenced: fenced!.secret },
  };
}

const BOOKS = `{ me { balance email holdings { quantity asset { symbol } } orders(first: 100) { edges { node { id } } } transactions(first: 100) { edges { node { id } } } } }`;
const CATALOG = '{ assets(first: 100, filter: { activeOnly: false }) { totalCount edges { node { symbol price active name } } } }';

/** Alice's books and bob's, and the whole catalog: what a hostile request that got through would have changed. */
export async function snapshot(routerUrl: string, world: World) {
  const [alice, bob, catalog] = await Promise.all([
    gql(routerUrl, BOOKS, {}, world.alice.token),
    gql(routerUrl, BOOKS, {}, world.bob.token),
    gql<{ assets: { edges: { node: { symbol: string; price: string } }[] } }>(routerUrl, CATALOG),
  ]);
  return { books: { alice: alice.data, bob: bob.data }, catalog: catalog.data };
}

/** A credential as a client sends it: over HTTP the `Authorization` header, over graphql-ws `connection_init`'s `authorization`. */
export type Credential = (world: World) => string;

export interface HostileCase {
  name: string;
  operation: Operation;
  credential?: Credential;
  /**
   * What every transport that carries the operation answers: its code (or codes, in order, when one request breaks
   * several rules), and the HTTP status (200: the operation ran, and the code is a field's error). A transport that
   * refuses the operation's type by design answers otherwise, as documented: see `expectedOver`.
   */
  code: string | readonly string[];
  status: number;
}

const as =
  (user: 'alice' | 'bob'): Credential =>
  (world) =>
    `Bearer ${world[user].token}`;
const alice = as('alice');
const bob = as('bob');
const bearer =
  (token: (world: World) => string): Credential =>
  (world) =>
    `Bearer ${token(world)}`;

const claims = (world: World) => ({ sub: world.alice.id, role: 'CUSTOMER', iss: world.jwt.issuer, aud: world.jwt.audience });
const sign = (world: World, payload: object, options: jwt.SignOptions = {}, secret = world.jwt.secret) =>
  jwt.sign(payload, secret, { expiresIn: 600, ...options });
const tamperRole = (token: string) => {
  const [header, payload, signature] = token.split('.');
  const body = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  return `${header}.${Buffer.from(JSON.stringify({ ...body, role: 'ADMIN' })).toString('base64url')}.${signature}`;
};

const deposit = 'mutation { deposit(amount: "1000000") { id } }';
const depositVar = 'mutation($a: Decimal!) { deposit(amount: $a) { id } }';
const placeOrder = 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }';
const order = (input: Record<string, unknown>): Operation => ({
  query: placeOrder,
  variables: { i: { symbol: 'BTC', side: 'BUY', type: 'MARKET', quantity: '0.001', ...input } },
});
const fragmentBomb = `query { ...F0 } ${Array.from({ length: 12 }, (_, i) => `fragment F${i} on Query { a${i}: asset(symbol: "BTC") { symbol } ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F12 on Query { __typename }`;
/** A JSON text nesting `levels` lists around `leaf`: built as text, since JSON.stringify itself overflows on it. */
const nested = (levels: number, leaf = '"1"') => `${'['.repeat(levels)}${leaf}${']'.repeat(levels)}`;
const assetsFilter = 'query($f: AssetFilter) { assets(filter: $f) { totalCount } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const apq = (query: string, hash: string, version = 1): Operation => ({ query, extensions: { persistedQuery: { version, sha256Hash: hash } } });
/** A cursor as a forger makes one: base64url of JSON, the shape cursors had before they were signed. */
const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const TICKS = 'subscription { priceChanged(symbols: ["BTC"]) { symbol price } }';
let deepSelection = 'id';
for (let i = 0; i < 14; i += 1) deepSelection = `user { orders(first: 1) { edges { node { ${deepSelection} } } } }`;

const hostile = (name: string, operation: Operation | string, code: HostileCase['code'], status: number, credential?: Credential): HostileCase => ({
  name,
  operation: typeof operation === 'string' ? { query: operation } : operation,
  code,
  status,
  ...(credential ? { credential } : {}),
});

/** Every hostile request that is a GraphQL operation (document, variables, operation name, extensions, credential). */
export const CASES: HostileCase[] = [
  // Tokens (the mutation would credit a million if any of them got through)
  hostile(
    'alg none token',
    deposit,
    'UNAUTHENTICATED',
    401,
    bearer((w) => jwt.sign(claims(w), '', { algorithm: 'none' })),
  ),
  hostile('token with a wrong signature', deposit, 'UNAUTHENTICATED', 401, (w) => `Bearer ${w.alice.token.slice(0, -6)}abcdef`),
  hostile(
    'token signed with another secret',
    deposit,
    'UNAUTHENTICATED',
    401,
    bearer((w) => sign(w, claims(w), {}, 'another-secret-that-is-long-enough-1234')),
  ),
  hostile(
    'expired token',
    deposit,
    'UNAUTHENTICATED',
    401,
    bearer((w) => sign(w, claims(w), { expiresIn: -60 })),
  ),
  hostile(
    'token not yet valid',
    deposit,
    'UNAUTHENTICATED',
    401,
    bearer((w) => sign(w, claims(w), { notBefore: 3600 })),
  ),
  hostile(
    'token from another issuer',
    deposit,
    'UNAUTHENTICATED',
    401,
    bearer((w) => sign(w, { ...claims(w), iss: 'evil' })),
  ),
  hostile(
    'token for another audience',
    deposit,
    'UNAUTHENTICATED',
    401,
    bearer((w) => sign(w, { ...claims(w), aud: 'other-api' })),
  ),
  hostile('role claim tampered to ADMIN', '{ users { edges { cursor } } }', 'UNAUTHENTICATED', 401, (w) => `Bearer ${tamperRole(w.alice.token)}`),
  hostile(
    'HS512 token with the right secret',
    deposit,
    'UNAUTHENTICATED',
    401,
    bearer((w) => sign(w, claims(w), { algorithm: 'HS512' })),
  ),
  hostile(
    'token without a subject',
    deposit,
    'UNAUTHENTICATED',
    401,
    bearer((w) => sign(w, { role: 'CUSTOMER', iss: w.jwt.issuer, aud: w.jwt.audience })),
  ),
  hostile(
    'token for a user that does not exist',
    { query: depositVar, variables: { a: '10' } },
    'UNAUTHENTICATED',
    401,
    bearer((w) => sign(w, { ...claims(w), sub: `gone-${randomUUID()}` })),
  ),
  hostile('a token whose session ended (signed out)', deposit, 'UNAUTHENTICATED', 401, (w) => `Bearer ${w.signedOut.token}`),
  hostile('Basic credentials', deposit, 'UNAUTHENTICATED', 401, () => 'Basic YWxpY2U6c2VjcmV0'),
  hostile('empty Bearer', deposit, 'UNAUTHENTICATED', 401, () => 'Bearer '),
  hostile('a 10 KB token', deposit, 'UNAUTHENTICATED', 401, () => `Bearer ${'a'.repeat(10_000)}`),
  hostile(
    'an expired token on a subscription',
    TICKS,
    'UNAUTHENTICATED',
    401,
    bearer((w) => sign(w, claims(w), { expiresIn: -60 })),
  ),
  // Operations
  hostile(
    'a 20-level deep query',
    `{ me { ${'orders { edges { node { user { '.repeat(5)}id${' } } } }'.repeat(5)} } }`,
    'MAX_DEPTH_EXCEEDED',
    400,
    alice,
  ),
  // Apollo Server's own introspection depth rule answers this one.
  hostile(
    'a deep introspection query',
    `{ __schema { types { ${'fields { type { ofType { '.repeat(4)}name${' } } }'.repeat(4)} } } }`,
    'GRAPHQL_VALIDATION_FAILED',
    400,
  ),
  hostile(
    '40 aliases of a deposit',
    `mutation { ${Array.from({ length: 40 }, (_, i) => `d${i}: deposit(amount: "1") { id }`).join(' ')} }`,
    ['MAX_ALIASES_EXCEEDED', 'MAX_ROOT_FIELDS_EXCEEDED'],
    400,
    alice,
  ),
  hostile(
    '25 root fields through fragments',
    `{ ...A ...B } fragment A on Query { ${Array.from({ length: 13 }, (_, i) => `a${i}: me { id }`).join(' ')} } fragment B on Query { ${Array.from({ length: 12 }, (_, i) => `b${i}: me { id }`).join(' ')} }`,
    'MAX_ROOT_FIELDS_EXCEEDED',
    400,
    alice,
  ),
  hostile('60 directives', `{ me { id ${'@include(if: true) '.repeat(60)} } }`, ['MAX_DIRECTIVES_EXCEEDED', 'GRAPHQL_VALIDATION_FAILED'], 400, alice),
  hostile('6000 tokens', `{ ${'__typename '.repeat(6000)} }`, 'MAX_TOKENS_EXCEEDED', 400),
  hostile(
    'an expensive nested list',
    '{ me { orders(first: 100) { edges { node { user { orders(first: 100) { edges { node { id } } } } } } } } }',
    'MAX_COST_EXCEEDED',
    400,
    alice,
  ),
  hostile('a fragment cycle', '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }', 'GRAPHQL_VALIDATION_FAILED', 400),
  hostile('a fragment bomb', fragmentBomb, ['MAX_DEPTH_EXCEEDED', 'MAX_ALIASES_EXCEEDED'], 400),
  hostile('an unknown field', '{ secretBalances { id } }', 'GRAPHQL_VALIDATION_FAILED', 400),
  hostile('an unknown enum value in the document', '{ assets(sort: { field: WEIGHT }) { totalCount } }', 'GRAPHQL_VALIDATION_FAILED', 400),
  hostile('a syntax error', '{ me { id }', 'GRAPHQL_PARSE_FAILED', 400),
  hostile('a document of comments only', '# { me { id } }', 'GRAPHQL_PARSE_FAILED', 400),
  hostile('an empty query', '', 'BAD_REQUEST', 400),
  hostile('two anonymous operations', '{ me { id } } { me { id } }', 'GRAPHQL_VALIDATION_FAILED', 400),
  hostile(
    'an operation name that is not in the document',
    { query: 'query A { __typename }', operationName: 'B' },
    'OPERATION_RESOLUTION_FAILURE',
    400,
  ),
  hostile('an empty operation name', { query: '{ __typename }', operationName: '' }, 'OPERATION_RESOLUTION_FAILURE', 400),
  hostile('a subscription the schema does not have', 'subscription { prices }', 'GRAPHQL_VALIDATION_FAILED', 400),
  // Subscriptions (a plain HTTP request cannot carry one: see expectedOver)
  hostile('an anonymous orderUpdated', 'subscription { orderUpdated { id } }', 'UNAUTHENTICATED', 200),
  hostile("another user's order updates", 'subscription { orderUpdated(userId: "01AAAAAAAAAAAAAAAAAAAAAAAA") { id } }', 'FORBIDDEN', 200, bob),
  hostile('a user id that cannot be one', 'subscription { orderUpdated(userId: "") { id } }', 'BAD_USER_INPUT', 200, bob),
  hostile('a subscription too deep', `subscription { orderUpdated { ${deepSelection} } }`, 'MAX_DEPTH_EXCEEDED', 400, bob),
  hostile(
    'a subscription with 40 aliases',
    `subscription { priceChanged { ${Array.from({ length: 40 }, (_, i) => `p${i}: price`).join(' ')} } }`,
    'MAX_ALIASES_EXCEEDED',
    400,
  ),
  hostile('a subscription of 6000 tokens', `subscription { priceChanged { ${'price '.repeat(6000)} } }`, 'MAX_TOKENS_EXCEEDED', 400),
  hostile(
    'an expensive subscription',
    'subscription { orderUpdated { user { orders(first: 100) { edges { node { user { orders(first: 100) { edges { node { id } } } } } } } } } }',
    'MAX_COST_EXCEEDED',
    400,
    bob,
  ),
  hostile('a subscription of an unknown field', 'subscription { priceChanged { secret } }', 'GRAPHQL_VALIDATION_FAILED', 400),
  hostile('a subscription with a syntax error', 'subscription { priceChanged {', 'GRAPHQL_PARSE_FAILED', 400),
  hostile(
    'a subscription named wrong',
    { query: 'subscription A { priceChanged { price } }', operationName: 'B' },
    'OPERATION_RESOLUTION_FAILURE',
    400,
  ),
  hostile(
    'price symbols nested 5000 lists deep',
    { query: 'subscription($s: [String!]) { priceChanged(symbols: $s) { price } }', variables: `{"s":${nested(5000, '"BTC"')}}` },
    'BAD_USER_INPUT',
    400,
  ),
  hostile(
    'market symbols nested 5000 lists deep',
    { query: 'subscription($s: [String!]) { marketTicks(symbols: $s) { at } }', variables: `{"s":[${nested(5000)}]}` },
    'BAD_USER_INPUT',
    400,
  ),
  hostile(
    'a subscription with an undeclared variable nested 5000 deep',
    { query: 'subscription { marketTicks { at } }', variables: `{"pad":${nested(5000)}}` },
    'BAD_USER_INPUT',
    400,
  ),
  hostile('a subscription persisted under the hash of another document', apq(TICKS, sha256('{ __typename }')), 'PERSISTED_QUERY_HASH_MISMATCH', 400),
  // Size: over HTTP the body, over graphql-ws the message (docs/API.md: a larger one closes the socket with 1009)
  hostile('a 2 MB operation', { query: '{ __typename }', variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }, 'PAYLOAD_TOO_LARGE', 413),
  // Automatic persisted queries
  hostile(
    'a persisted query whose hash is of another document',
    apq('{ __typename }', sha256('{ me { id } }')),
    'PERSISTED_QUERY_HASH_MISMATCH',
    400,
  ),
  hostile('a persisted query hash that is not hex', apq('{ __typename }', 'z'.repeat(64)), 'PERSISTED_QUERY_HASH_MISMATCH', 400),
  hostile('a persisted query hash of 10 KB', apq('{ __typename }', 'a'.repeat(10_000)), 'PERSISTED_QUERY_HASH_MISMATCH', 400),
  hostile('an unsupported persisted query version', apq('{ __typename }', sha256('{ __typename }'), 2), 'BAD_REQUEST', 400),
  // Variables nested deeper than any type, or of a shape no type has
  // One level deeper than a variable may nest (16): short enough for a GET too.
  hostile('a Decimal filter nested 17 levels deep', { query: assetsFilter, variables: `{"f":{"minPrice":${nested(16)}}}` }, 'BAD_USER_INPUT', 400),
  hostile('a Decimal filter nested 5000 lists deep', { query: assetsFilter, variables: `{"f":{"minPrice":${nested(5000)}}}` }, 'BAD_USER_INPUT', 400),
  hostile('a deposit amount nested 5000 lists deep', { query: depositVar, variables: `{"a":${nested(5000)}}` }, 'BAD_USER_INPUT', 400, alice),
  hostile(
    'a symbol nested 5000 objects deep',
    { query: 'query($s: String!) { asset(symbol: $s) { name } }', variables: `{"s":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}` },
    'BAD_USER_INPUT',
    400,
  ),
  hostile(
    'a variable the operation does not declare, nested 5000 deep',
    { query: '{ __typename }', variables: `{"pad":${nested(5000)}}` },
    'BAD_USER_INPUT',
    400,
  ),
  hostile(
    'an unknown order field nested 5000 deep',
    { query: placeOrder, variables: `{"i":{"symbol":"BTC","side":"BUY","type":"MARKET","quantity":"0.001","junk":${nested(5000)}}}` },
    'BAD_USER_INPUT',
    400,
    alice,
  ),
  hostile('a Decimal filter sent as a list', { query: assetsFilter, variables: { f: { minPrice: ['1'] } } }, 'BAD_USER_INPUT', 400),
  hostile('a Decimal filter sent as an object', { query: assetsFilter, variables: { f: { maxPrice: { $lt: 1 } } } }, 'BAD_USER_INPUT', 400),
  hostile('a filter sent as a list of filters', { query: assetsFilter, variables: { f: [{ minPrice: '1' }] } }, 'BAD_USER_INPUT', 400),
  hostile(
    'an instant sent as an object',
    { query: 'query($t: DateTime) { me { orders(filter: { from: $t }) { edges { cursor } } } }', variables: { t: { now: 1 } } },
    'BAD_USER_INPUT',
    400,
    alice,
  ),
  // Cursors the platform did not issue
  hostile('a ledger cursor of 1e+308', '{ me { transactions(after: "MWUrMzA4") { edges { cursor } } } }', 'BAD_USER_INPUT', 200, alice),
  hostile(
    'a ledger cursor of a negative number',
    `{ me { transactions(after: "${forged(-1)}") { edges { cursor } } } }`,
    'BAD_USER_INPUT',
    200,
    alice,
  ),
  hostile(
    'an order cursor made by hand',
    `{ me { orders(after: "${forged(['01ARZ3NDEKTSV4RRFFQ69G5FAV', 'x'])}") { edges { cursor } } } }`,
    'BAD_USER_INPUT',
    200,
    alice,
  ),
  hostile('an asset cursor made by hand', `{ assets(after: "${forged(['1e+308', 'BTC'])}") { totalCount } }`, 'BAD_USER_INPUT', 200),
  hostile(
    'a security events cursor with a 300-character key',
    `{ me { securityEvents(after: "${forged({ day: '2026-12-03', sk: 'x'.repeat(300) })}") { edges { cursor } } } }`,
    'BAD_USER_INPUT',
    200,
    alice,
  ),
  hostile('a cursor with a made-up signature', '{ assets(after: "WyIxIiwiQlRDIl0.AAAAAAAAAAAAAAAA") { totalCount } }', 'BAD_USER_INPUT', 200),
  hostile(
    'a forged before cursor',
    `{ me { orders(last: 5, before: "${forged(['01ARZ3NDEKTSV4RRFFQ69G5FAV', 'x'])}") { edges { cursor } } } }`,
    'BAD_USER_INPUT',
    200,
    alice,
  ),
  hostile(
    'an asset before cursor with a made-up signature',
    '{ assets(last: 5, before: "WyIxIiwiQlRDIl0.AAAAAAAAAAAAAAAA") { totalCount } }',
    'BAD_USER_INPUT',
    200,
  ),
  // Page sizes: last has the bounds of first, and the two do not go together
  hostile('last: 0', '{ me { orders(last: 0) { edges { cursor } } } }', 'BAD_USER_INPUT', 200, alice),
  hostile('last: 101', '{ assets(last: 101) { totalCount } }', 'BAD_USER_INPUT', 200),
  hostile('first and last together', '{ me { transactions(first: 5, last: 5) { edges { cursor } } } }', 'BAD_USER_INPUT', 200, alice),
  hostile(
    'an expensive nested last',
    '{ me { orders(last: 100) { edges { node { user { orders(last: 100) { edges { node { id } } } } } } } } }',
    'MAX_COST_EXCEEDED',
    400,
    alice,
  ),
  // Watchlists: at most 100 symbols, each a symbol
  hostile(
    'a watchlist of 101 symbols',
    { query: assetsFilter, variables: { f: { symbols: Array.from({ length: 101 }, (_, i) => `A${i}`) } } },
    'BAD_USER_INPUT',
    200,
  ),
  hostile('a watchlist with SQL in a symbol', { query: assetsFilter, variables: { f: { symbols: ['BTC', "ETH' OR 1=1"] } } }, 'BAD_USER_INPUT', 200),
  // Ids that cannot be ours
  hostile('an empty order id', '{ order(id: "") { id } }', 'BAD_USER_INPUT', 200, alice),
  hostile('a 3000-character order id', `{ order(id: "${'A'.repeat(3000)}") { id } }`, 'BAD_USER_INPUT', 200, alice),
  hostile('an order id with a key separator', '{ order(id: "ORDER#01ARZ3NDEKTSV4RRFFQ69G5FAV") { id } }', 'BAD_USER_INPUT', 200, alice),
  hostile('cancelling an empty order id', 'mutation { cancelOrder(id: "") { id } }', 'BAD_USER_INPUT', 200, alice),
  hostile('an empty client order id', '{ order(clientOrderId: "") { id } }', 'BAD_USER_INPUT', 200, alice),
  hostile('an empty idempotency key', 'mutation { deposit(amount: "1", idempotencyKey: "") { id } }', 'BAD_USER_INPUT', 200, alice),
  hostile('an empty symbol', '{ asset(symbol: "") { name } }', 'BAD_USER_INPUT', 200),
  hostile('a 3000-character symbol', `{ asset(symbol: "${'B'.repeat(3000)}") { name } }`, 'BAD_USER_INPUT', 200),
  // Variables
  hostile('an amount sent as a JSON number', { query: depositVar, variables: { a: 1000000 } }, 'BAD_USER_INPUT', 200, alice),
  hostile('an amount sent as a boolean', { query: depositVar, variables: { a: true } }, 'BAD_USER_INPUT', 400, alice),
  hostile('an amount sent as an object', { query: depositVar, variables: { a: { $gt: 0 } } }, 'BAD_USER_INPUT', 400, alice),
  hostile('a missing required variable', { query: depositVar, variables: {} }, 'BAD_USER_INPUT', 400, alice),
  hostile(
    'an order without a quantity',
    { query: placeOrder, variables: { i: { symbol: 'BTC', side: 'BUY', type: 'MARKET' } } },
    'BAD_USER_INPUT',
    400,
    alice,
  ),
  hostile('an unknown enum value', order({ side: 'STEAL' }), 'BAD_USER_INPUT', 400, alice),
  hostile('an unknown input field', order({ price: '0.01' }), 'BAD_USER_INPUT', 400, alice),
  hostile(
    'a page size sent as a string',
    { query: 'query($n: Int) { me { orders(first: $n) { edges { cursor } } } }', variables: { n: '10' } },
    'BAD_USER_INPUT',
    400,
    alice,
  ),
  hostile(
    'a page size beyond Int',
    { query: 'query($n: Int) { me { orders(first: $n) { edges { cursor } } } }', variables: { n: 2 ** 40 } },
    'BAD_USER_INPUT',
    400,
    alice,
  ),
  // Money
  hostile('a negative deposit', { query: depositVar, variables: { a: '-1000000' } }, 'BAD_USER_INPUT', 200, alice),
  hostile('a negative deposit in the document', 'mutation { deposit(amount: "-5") { id } }', 'BAD_USER_INPUT', 200, alice),
  hostile('a deposit in exponent notation', { query: depositVar, variables: { a: '1e6' } }, 'BAD_USER_INPUT', 200, alice),
  hostile('a deposit of NaN', { query: depositVar, variables: { a: 'NaN' } }, 'BAD_USER_INPUT', 200, alice),
  hostile('a deposit of Infinity', { query: depositVar, variables: { a: 'Infinity' } }, 'BAD_USER_INPUT', 200, alice),
  hostile('an over-precise deposit', { query: depositVar, variables: { a: '0.001' } }, 'BAD_USER_INPUT', 200, alice),
  hostile('a deposit beyond the maximum', { query: depositVar, variables: { a: '10000000000' } }, 'BAD_USER_INPUT', 200, alice),
  hostile('a deposit in Arabic-Indic digits', { query: depositVar, variables: { a: '١٠٠' } }, 'BAD_USER_INPUT', 200, alice),
  hostile('a quantity with 9 decimals', order({ quantity: '0.000000001' }), 'BAD_USER_INPUT', 200, alice),
  hostile('a quantity of 10^40', order({ quantity: `1${'0'.repeat(40)}` }), 'BAD_USER_INPUT', 200, alice),
  hostile('a symbol with SQL in it', order({ symbol: "BTC'; DROP TABLE" }), 'BAD_USER_INPUT', 200, alice),
  // Business rules and authorization
  hostile('withdrawing more than the balance', 'mutation { withdraw(amount: "999999") { id } }', 'INSUFFICIENT_FUNDS', 200, alice),
  hostile('buying beyond the balance', order({ quantity: '100' }), 'INSUFFICIENT_FUNDS', 200, alice),
  hostile('selling what is not held', order({ side: 'SELL', symbol: 'SOL', quantity: '1' }), 'INSUFFICIENT_HOLDINGS', 200, alice),
  hostile('an unknown symbol', order({ symbol: 'NOPE' }), 'NOT_FOUND', 200, alice),
  hostile('an admin mutation as a customer', 'mutation { updateAsset(symbol: "BTC", input: { price: "0.01" }) { price } }', 'FORBIDDEN', 200, alice),
  hostile('listing users as a customer', '{ users { edges { node { email } } } }', 'FORBIDDEN', 200, bob),
  hostile('depositing anonymously', deposit, 'UNAUTHENTICATED', 200),
  // API keys: wrong ones are refused as a credential (as a bad token is); a key's scopes, like roles, per field.
  hostile(
    'an API key with a wrong secret',
    deposit,
    'UNAUTHENTICATED',
    401,
    (w) => `ApiKey ${w.keys.read.slice(0, -2)}${w.keys.read.endsWith('aa') ? 'bb' : 'aa'}`,
  ),
  hostile('a truncated API key', deposit, 'UNAUTHENTICATED', 401, (w) => `ApiKey ${w.keys.read.slice(0, 40)}`),
  hostile('an API key of an id that does not exist', deposit, 'UNAUTHENTICATED', 401, (w) => `ApiKey tk_${'0'.repeat(24)}${w.keys.read.slice(27)}`),
  hostile('an empty API key', deposit, 'UNAUTHENTICATED', 401, () => 'ApiKey '),
  hostile('a revoked API key', '{ me { balance } }', 'UNAUTHENTICATED', 401, (w) => `ApiKey ${w.keys.revoked}`),
  hostile('an expired API key', '{ me { balance } }', 'UNAUTHENTICATED', 401, (w) => `ApiKey ${w.keys.expired}`),
  hostile('an API key used outside its allowlist', '{ me { balance } }', 'FORBIDDEN', 403, (w) => `ApiKey ${w.keys.fenced}`),
  hostile('a READ key placing an order', order({}), 'FORBIDDEN', 200, (w) => `ApiKey ${w.keys.read}`),
  hostile('a READ key depositing', deposit, 'FORBIDDEN', 200, (w) => `ApiKey ${w.keys.read}`),
  hostile('a TRADE key withdrawing', 'mutation { withdraw(amount: "1") { id } }', 'FORBIDDEN', 200, (w) => `ApiKey ${w.keys.trade}`),
  hostile('a TRADE key reading the balance', '{ me { balance } }', 'FORBIDDEN', 200, (w) => `ApiKey ${w.keys.trade}`),
  hostile(
    'a key creating a key',
    'mutation { createApiKey(input: { name: "escalate", scopes: [TRANSFER] }) { secret } }',
    'FORBIDDEN',
    200,
    (w) => `ApiKey ${w.keys.trade}`,
  ),
  hostile('a key listing keys', '{ me { apiKeys { id } } }', 'FORBIDDEN', 200, (w) => `ApiKey ${w.keys.read}`),
  hostile('a key signing out everywhere', 'mutation { logoutEverywhere }', 'FORBIDDEN', 200, (w) => `ApiKey ${w.keys.read}`),
  hostile(
    "a key following another user's orders",
    'subscription { orderUpdated(userId: "01AAAAAAAAAAAAAAAAAAAAAAAA") { id } }',
    'FORBIDDEN',
    200,
    (w) => `ApiKey ${w.keys.read}`,
  ),
  hostile('a TRADE key following its orders (needs READ)', 'subscription { orderUpdated { id } }', 'FORBIDDEN', 200, (w) => `ApiKey ${w.keys.trade}`),
];

/** The operation type of an operation that parses and names an operation of its document; undefined otherwise. */
function operationType(operation: Operation): OperationTypeNode | undefined {
  try {
    return getOperationAST(parse(operation.query), operation.operationName)?.operation;
  } catch {
    return undefined;
  }
}

/**
 * The admission step that refuses a case (router/README.md, "One admission path", in its order), told by its code
 * and status: the caller steps (a refused credential, 401), the body's size (413), the request (persisted queries),
 * the document (parsing with the token limit, validation with the operation limits), the resolved operation (its
 * name, its variables' shapes, its cost: 400), or execution (200: a field's error).
 */
type Step = 'caller' | 'body' | 'request' | 'document' | 'operation' | 'execution';
const DOCUMENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'MAX_TOKENS_EXCEEDED',
  'MAX_DEPTH_EXCEEDED',
  'MAX_ALIASES_EXCEEDED',
  'MAX_ROOT_FIELDS_EXCEEDED',
  'MAX_DIRECTIVES_EXCEEDED',
]);
function stepOf({ code: codes, status }: { code: HostileCase['code']; status: number }): Step {
  const code = typeof codes === 'string' ? codes : codes[0]!;
  // A refused credential (401), or an API key used from outside its allowlist (403 FORBIDDEN at the credential step).
  if (status === 401 || (status === 403 && code === 'FORBIDDEN')) return 'caller';
  if (status === 413) return 'body';
  if (code.startsWith('PERSISTED_QUERY_') || code === 'BAD_REQUEST') return 'request';
  if (DOCUMENT_CODES.has(code)) return 'document';
  if (status === 400) return 'operation';
  return 'execution';
}

/** Whether a transport can carry an operation at all: a GET carries it in its URL, which proxies cap around 8 KiB. */
export function carries(transport: Transport, operation: Operation): boolean {
  return transport !== 'GET' || getUrl('http://127.0.0.1:65535/graphql', operation).length <= 8 * 1024;
}

/**
 * The answer a case must get over a transport, as `summary` writes answers: `<status> <code>` over HTTP, `<code>`
 * or `close <code>` over graphql-ws. It is the case's own on every transport, but for the differences docs/API.md
 * documents:
 * - GET carries queries only: a mutation or subscription gets 405 BAD_REQUEST, once Apollo Server knows the
 *   operation's type, i.e. unless the caller steps, persisted queries, parsing or validation refused it first;
 * - a plain HTTP POST cannot stream: a subscription that passed every check gets 400 SUBSCRIPTION_TRANSPORT_REQUIRED;
 * - graphql-ws has no HTTP status, and refuses at the socket what HTTP refuses with one: a credential refused at
 *   `connection_init` closes it with 4403, a message over the body limit with 1009.
 * SSE and multipart answer a refusal before the stream starts as plain HTTP does (JSON, with its status).
 */
export function expectedOver(transport: Transport, expected: Pick<HostileCase, 'operation' | 'code' | 'status'>): string {
  const step = stepOf(expected);
  const type = operationType(expected.operation);
  let code = typeof expected.code === 'string' ? expected.code : expected.code.join('+');
  let status = expected.status;
  if (transport === 'GET' && type && type !== 'query' && !['caller', 'body', 'request', 'document'].includes(step)) {
    [code, status] = ['BAD_REQUEST', 405];
  }
  if ((transport === 'POST' || transport === 'POST graphql-response+json') && type === 'subscription' && step === 'execution') {
    [code, status] = ['SUBSCRIPTION_TRANSPORT_REQUIRED', 400];
  }
  if (transport !== 'graphql-ws') return `${status} ${code}`;
  if (step === 'caller') return 'close 4403';
  if (step === 'body') return 'close 1009';
  return code;
}

/**
 * Subscriptions that are hostile only where they cannot be streamed: plain HTTP (POST with any other Accept, and GET)
 * refuses them; graphql-ws, SSE and multipart serve them, which is what those transports are for.
 */
export const PLAIN_HTTP_SUBSCRIPTIONS: HostileCase[] = [
  hostile('a subscription as a plain POST', TICKS, 'SUBSCRIPTION_TRANSPORT_REQUIRED', 400),
  hostile('a signed-in subscription as a plain POST', 'subscription { orderUpdated { id } }', 'SUBSCRIPTION_TRANSPORT_REQUIRED', 400, alice),
  hostile(
    'a subscription picked by name from a document with a query',
    { query: 'query Q { __typename } subscription S { marketTicks { at } }', operationName: 'S' },
    'SUBSCRIPTION_TRANSPORT_REQUIRED',
    400,
  ),
];

/** A request body that is not a GraphQL request: about HTTP's envelope, not an operation. */
export interface EnvelopeCase {
  name: string;
  body: string;
  headers?: Record<string, string>;
  credential?: Credential;
  code: string;
  status: number;
}

/**
 * Bodies that are not GraphQL requests. They are sent over the transports whose request is a POST with a JSON body
 * (POST with either Accept, SSE, multipart: one body parser), not over GET (no body) nor graphql-ws (a message of
 * another shape, refused by the protocol: see the graphql-ws cases of hostile-corpus.e2e.test.ts).
 */
export const ENVELOPE_CASES: EnvelopeCase[] = [
  { name: 'malformed JSON', body: '{"query": "{ __typename }"', code: 'BAD_REQUEST', status: 400 },
  { name: 'a JSON null body', body: 'null', code: 'BAD_REQUEST', status: 400 },
  { name: 'a query that is not a string', body: JSON.stringify({ query: 42 }), code: 'BAD_REQUEST', status: 400 },
  {
    name: 'variables that are not an object',
    body: JSON.stringify({ query: '{ __typename }', variables: [1, 2] }),
    code: 'BAD_REQUEST',
    status: 400,
  },
  {
    name: 'an operation name that is not a string',
    body: JSON.stringify({ query: '{ __typename }', operationName: 42 }),
    code: 'BAD_REQUEST',
    status: 400,
  },
  { name: 'extensions that are not an object', body: JSON.stringify({ query: '{ __typename }', extensions: 'x' }), code: 'BAD_REQUEST', status: 400 },
  { name: 'an empty body', body: '', code: 'BAD_REQUEST', status: 400 },
  {
    name: 'a batch of 100 operations',
    body: JSON.stringify(Array.from({ length: 100 }, () => ({ query: deposit }))),
    credential: alice,
    code: 'BAD_REQUEST',
    status: 400,
  },
  // CSRF: a content type a browser may send cross-origin without a preflight.
  { name: 'a text/plain POST (CSRF)', body: deposit, headers: { 'content-type': 'text/plain' }, credential: alice, code: 'BAD_REQUEST', status: 400 },
];
