import http from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import WebSocket from 'ws';
import { signInternalToken } from '@trading/platform';
import { gql, registerUser, startTestStack } from './support';

// A corpus of hostile requests: each gets a clear error with its documented code, nothing crashes, and nothing
// changes (checked once at the end against a snapshot of the books and the catalog).

let stack: Awaited<ReturnType<typeof startTestStack>>;
let alice: Awaited<ReturnType<typeof registerUser>>;
let bob: Awaited<ReturnType<typeof registerUser>>;
let aliceOrder = '';
let before: unknown;

const SNAPSHOT = `{ me { balance email holdings { quantity asset { symbol } } orders(first: 100) { edges { node { id } } } transactions(first: 100) { edges { node { id } } } } }`;
const CATALOG = '{ assets(first: 100, filter: { activeOnly: false }) { totalCount edges { node { symbol price active name } } } }';

async function snapshot() {
  const [books, catalog] = await Promise.all([gql(stack.routerUrl, SNAPSHOT, {}, alice.token), gql(stack.routerUrl, CATALOG)]);
  return { books: books.data, catalog: catalog.data };
}

beforeAll(async () => {
  stack = await startTestStack({ signInLimits: { attemptsPerUsername: 5, attemptsPerAddress: 1000, registrationsPerAddress: 100 } });
  [alice, bob] = await Promise.all([registerUser(stack.routerUrl, 'alice'), registerUser(stack.routerUrl, 'bob')]);
  await gql(stack.routerUrl, 'mutation { deposit(amount: "500") { id } }', {}, alice.token);
  aliceOrder = (
    await gql<{ placeOrder: { id: string } }>(
      stack.routerUrl,
      'mutation { placeOrder(input: { symbol: "ETH", side: BUY, type: MARKET, quantity: "0.01" }) { id } }',
      {},
      alice.token,
    )
  ).data!.placeOrder.id;
  before = await snapshot();
});
afterAll(() => stack?.close());

interface Outcome {
  status: number;
  codes: string[];
  data: unknown;
}

/** Sends raw bytes, as a hostile client would, and reads whatever comes back. */
function raw(url: string, body: string | Buffer, headers: Record<string, string> = {}, method = 'POST'): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers: { 'content-type': 'application/json', ...headers } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => {
        let parsed: { data?: unknown; errors?: { extensions?: { code?: string } }[] } = {};
        try {
          parsed = JSON.parse(text) as typeof parsed;
        } catch {
          // Some refusals (e.g. CSRF) are plain text.
        }
        resolve({
          status: response.statusCode ?? 0,
          codes: (parsed.errors ?? []).map((e) => e.extensions?.code ?? 'NO_CODE'),
          data: parsed.data ?? null,
        });
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

const op = (query: string, variables: Record<string, unknown> = {}, token?: string, extra: Record<string, string> = {}) =>
  raw(stack.routerUrl, JSON.stringify({ query, variables }), { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra });

const claims = () => ({ sub: alice.id, role: 'CUSTOMER', iss: 'trading-platform', aud: 'trading-api' });
const sign = (payload: object, options: jwt.SignOptions = {}, secret = stack.jwt.secret) => jwt.sign(payload, secret, { expiresIn: 600, ...options });
const tamperRole = (token: string) => {
  const [header, payload, signature] = token.split('.');
  const body = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  return `${header}.${Buffer.from(JSON.stringify({ ...body, role: 'ADMIN' })).toString('base64url')}.${signature}`;
};
const deposit = 'mutation { deposit(amount: "1000000") { id } }';
const depositVar = 'mutation($a: Decimal!) { deposit(amount: $a) { id } }';
const order = (input: Record<string, unknown>) =>
  [
    'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }',
    { i: { symbol: 'BTC', side: 'BUY', type: 'MARKET', quantity: '0.001', ...input } },
  ] as const;
const fragmentBomb = `query { ...F0 } ${Array.from({ length: 12 }, (_, i) => `fragment F${i} on Query { a${i}: asset(symbol: "BTC") { symbol } ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F12 on Query { __typename }`;

/** A JSON text nesting `levels` lists around `leaf`: built as text, since JSON.stringify itself overflows on it. */
const nested = (levels: number, leaf = '"1"') => `${'['.repeat(levels)}${leaf}${']'.repeat(levels)}`;
/** A request body with `variables` given as JSON text. */
const withVariables = (query: string, variables: string) => `{"query":${JSON.stringify(query)},"variables":${variables}}`;
const assetsFilter = 'query($f: AssetFilter) { assets(filter: $f) { totalCount } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const apq = (query: string, hash: string, version = 1) => JSON.stringify({ query, extensions: { persistedQuery: { version, sha256Hash: hash } } });
/** A cursor as a forger makes one: base64url of JSON, the shape cursors had before they were signed. */
const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

type Case = [name: string, send: () => Promise<Outcome>, expected: { code: string; status?: number }];

const cases: Case[] = [
  // Tokens (the mutation would credit a million if any of them got through)
  ['alg none token', () => op(deposit, {}, jwt.sign(claims(), '', { algorithm: 'none' })), { code: 'UNAUTHENTICATED', status: 401 }],
  ['token with a wrong signature', () => op(deposit, {}, `${alice.token.slice(0, -6)}abcdef`), { code: 'UNAUTHENTICATED', status: 401 }],
  [
    'token signed with another secret',
    () => op(deposit, {}, sign(claims(), {}, 'another-secret-that-is-long-enough-1234')),
    { code: 'UNAUTHENTICATED', status: 401 },
  ],
  ['expired token', () => op(deposit, {}, sign(claims(), { expiresIn: -60 })), { code: 'UNAUTHENTICATED', status: 401 }],
  ['token not yet valid', () => op(deposit, {}, sign(claims(), { notBefore: 3600 })), { code: 'UNAUTHENTICATED', status: 401 }],
  ['token from another issuer', () => op(deposit, {}, sign({ ...claims(), iss: 'evil' })), { code: 'UNAUTHENTICATED', status: 401 }],
  ['token for another audience', () => op(deposit, {}, sign({ ...claims(), aud: 'other-api' })), { code: 'UNAUTHENTICATED', status: 401 }],
  ['role claim tampered to ADMIN', () => op('{ users { edges { cursor } } }', {}, tamperRole(alice.token)), { code: 'UNAUTHENTICATED', status: 401 }],
  ['HS512 token with the right secret', () => op(deposit, {}, sign(claims(), { algorithm: 'HS512' })), { code: 'UNAUTHENTICATED', status: 401 }],
  [
    'token without a subject',
    () => op(deposit, {}, sign({ role: 'CUSTOMER', iss: 'trading-platform', aud: 'trading-api' })),
    { code: 'UNAUTHENTICATED', status: 401 },
  ],
  [
    'token for a user that does not exist',
    () => op(depositVar, { a: '10' }, sign({ ...claims(), sub: `gone-${randomUUID()}` })),
    { code: 'UNAUTHENTICATED' },
  ],
  ['Basic credentials', () => op(deposit, {}, undefined, { authorization: 'Basic YWxpY2U6c2VjcmV0' }), { code: 'UNAUTHENTICATED', status: 401 }],
  ['empty Bearer', () => op(deposit, {}, undefined, { authorization: 'Bearer ' }), { code: 'UNAUTHENTICATED', status: 401 }],
  ['a 10 KB token', () => op(deposit, {}, 'a'.repeat(10_000)), { code: 'UNAUTHENTICATED', status: 401 }],
  // Operations
  [
    'a 20-level deep query',
    () => op(`{ me { ${'orders { edges { node { user { '.repeat(5)}id${' } } } }'.repeat(5)} } }`, {}, alice.token),
    { code: 'MAX_DEPTH_EXCEEDED', status: 400 },
  ],
  // Apollo Server's own introspection depth rule answers this one.
  [
    'a deep introspection query',
    () => op(`{ __schema { types { ${'fields { type { ofType { '.repeat(4)}name${' } } }'.repeat(4)} } } }`),
    { code: 'GRAPHQL_VALIDATION_FAILED', status: 400 },
  ],
  [
    '40 aliases of a deposit',
    () => op(`mutation { ${Array.from({ length: 40 }, (_, i) => `d${i}: deposit(amount: "1") { id }`).join(' ')} }`, {}, alice.token),
    { code: 'MAX_ALIASES_EXCEEDED', status: 400 },
  ],
  [
    '25 root fields through fragments',
    () =>
      op(
        `{ ...A ...B } fragment A on Query { ${Array.from({ length: 13 }, (_, i) => `a${i}: me { id }`).join(' ')} } fragment B on Query { ${Array.from({ length: 12 }, (_, i) => `b${i}: me { id }`).join(' ')} }`,
        {},
        alice.token,
      ),
    { code: 'MAX_ROOT_FIELDS_EXCEEDED', status: 400 },
  ],
  ['60 directives', () => op(`{ me { id ${'@include(if: true) '.repeat(60)} } }`, {}, alice.token), { code: 'MAX_DIRECTIVES_EXCEEDED', status: 400 }],
  ['6000 tokens', () => op(`{ ${'__typename '.repeat(6000)} }`), { code: 'MAX_TOKENS_EXCEEDED', status: 400 }],
  [
    'an expensive nested list',
    () => op('{ me { orders(first: 100) { edges { node { user { orders(first: 100) { edges { node { id } } } } } } } } }', {}, alice.token),
    { code: 'MAX_COST_EXCEEDED', status: 400 },
  ],
  [
    'a fragment cycle',
    () => op('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
    { code: 'GRAPHQL_VALIDATION_FAILED', status: 400 },
  ],
  ['a fragment bomb', () => op(fragmentBomb), { code: 'MAX_ALIASES_EXCEEDED', status: 400 }],
  ['an unknown field', () => op('{ secretBalances { id } }'), { code: 'GRAPHQL_VALIDATION_FAILED', status: 400 }],
  ['a syntax error', () => op('{ me { id }'), { code: 'GRAPHQL_PARSE_FAILED', status: 400 }],
  ['two anonymous operations', () => op('{ me { id } } { me { id } }'), { code: 'GRAPHQL_VALIDATION_FAILED', status: 400 }],
  [
    'an operation name that is not in the document',
    () => raw(stack.routerUrl, JSON.stringify({ query: 'query A { __typename }', operationName: 'B' })),
    { code: 'OPERATION_RESOLUTION_FAILURE', status: 400 },
  ],
  ['a subscription the schema does not have', () => op('subscription { prices }'), { code: 'GRAPHQL_VALIDATION_FAILED', status: 400 }],
  [
    'a mutation over GET',
    () =>
      raw(
        `${stack.routerUrl}?query=${encodeURIComponent(deposit)}`,
        '',
        { authorization: `Bearer ${alice.token}`, 'apollo-require-preflight': 'true' },
        'GET',
      ),
    { code: 'BAD_REQUEST', status: 405 },
  ],
  // HTTP
  [
    'a 2 MB body',
    () => raw(stack.routerUrl, JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(2 * 1024 * 1024) } })),
    { code: 'PAYLOAD_TOO_LARGE', status: 413 },
  ],
  ['malformed JSON', () => raw(stack.routerUrl, '{"query": "{ __typename }"'), { code: 'BAD_REQUEST', status: 400 }],
  ['a JSON null body', () => raw(stack.routerUrl, 'null'), { code: 'BAD_REQUEST', status: 400 }],
  ['a query that is not a string', () => raw(stack.routerUrl, JSON.stringify({ query: 42 })), { code: 'BAD_REQUEST', status: 400 }],
  [
    'variables that are not an object',
    () => raw(stack.routerUrl, JSON.stringify({ query: '{ __typename }', variables: [1, 2] })),
    { code: 'BAD_REQUEST', status: 400 },
  ],
  ['an empty body', () => raw(stack.routerUrl, ''), { code: 'BAD_REQUEST', status: 400 }],
  [
    'a batch of 100 operations',
    () => raw(stack.routerUrl, JSON.stringify(Array.from({ length: 100 }, () => ({ query: deposit })))),
    { code: 'BAD_REQUEST', status: 400 },
  ],
  [
    'a text/plain POST (CSRF)',
    () => raw(stack.routerUrl, deposit, { 'content-type': 'text/plain', authorization: `Bearer ${alice.token}` }),
    { code: 'BAD_REQUEST', status: 400 },
  ],
  // Automatic persisted queries
  [
    'a persisted query whose hash is of another document',
    () => raw(stack.routerUrl, apq('{ __typename }', sha256('{ me { id } }'))),
    { code: 'PERSISTED_QUERY_HASH_MISMATCH', status: 400 },
  ],
  [
    'a persisted query hash that is not hex',
    () => raw(stack.routerUrl, apq('{ __typename }', 'z'.repeat(64))),
    { code: 'PERSISTED_QUERY_HASH_MISMATCH', status: 400 },
  ],
  [
    'a persisted query hash of 10 KB',
    () => raw(stack.routerUrl, apq('{ __typename }', 'a'.repeat(10_000))),
    { code: 'PERSISTED_QUERY_HASH_MISMATCH', status: 400 },
  ],
  [
    'an unsupported persisted query version',
    () => raw(stack.routerUrl, apq('{ __typename }', sha256('{ __typename }'), 2)),
    { code: 'BAD_REQUEST', status: 400 },
  ],
  // Subscriptions where they cannot be streamed
  [
    'a subscription as a plain POST',
    () => op('subscription { priceChanged(symbols: ["BTC"]) { price } }', {}, undefined, { accept: 'application/json' }),
    { code: 'SUBSCRIPTION_TRANSPORT_REQUIRED', status: 400 },
  ],
  [
    'a signed-in subscription as a plain POST',
    () => op('subscription { orderUpdated { id } }', {}, alice.token),
    { code: 'SUBSCRIPTION_TRANSPORT_REQUIRED', status: 400 },
  ],
  [
    'a subscription picked by name from a document with a query',
    () => raw(stack.routerUrl, JSON.stringify({ query: 'query Q { __typename } subscription S { marketTicks { at } }', operationName: 'S' })),
    { code: 'SUBSCRIPTION_TRANSPORT_REQUIRED', status: 400 },
  ],
  // Variables nested deeper than any type, or of a shape no type has
  [
    'a Decimal filter nested 5000 lists deep',
    () => raw(stack.routerUrl, withVariables(assetsFilter, `{"f":{"minPrice":${nested(5000)}}}`)),
    { code: 'BAD_USER_INPUT', status: 400 },
  ],
  [
    'a deposit amount nested 5000 lists deep',
    () => raw(stack.routerUrl, withVariables(depositVar, `{"a":${nested(5000)}}`), { authorization: `Bearer ${alice.token}` }),
    { code: 'BAD_USER_INPUT', status: 400 },
  ],
  [
    'a symbol nested 5000 objects deep',
    () =>
      raw(stack.routerUrl, withVariables('query($s: String!) { asset(symbol: $s) { name } }', `{"s":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`)),
    { code: 'BAD_USER_INPUT', status: 400 },
  ],
  [
    'a variable the operation does not declare, nested 5000 deep',
    () => raw(stack.routerUrl, withVariables('{ __typename }', `{"pad":${nested(5000)}}`)),
    { code: 'BAD_USER_INPUT', status: 400 },
  ],
  [
    'an unknown order field nested 5000 deep',
    () =>
      raw(
        stack.routerUrl,
        withVariables(order({})[0], `{"i":{"symbol":"BTC","side":"BUY","type":"MARKET","quantity":"0.001","junk":${nested(5000)}}}`),
        { authorization: `Bearer ${alice.token}` },
      ),
    { code: 'BAD_USER_INPUT', status: 400 },
  ],
  ['a Decimal filter sent as a list', () => op(assetsFilter, { f: { minPrice: ['1'] } }), { code: 'BAD_USER_INPUT', status: 400 }],
  ['a Decimal filter sent as an object', () => op(assetsFilter, { f: { maxPrice: { $lt: 1 } } }), { code: 'BAD_USER_INPUT', status: 400 }],
  ['a filter sent as a list of filters', () => op(assetsFilter, { f: [{ minPrice: '1' }] }), { code: 'BAD_USER_INPUT', status: 400 }],
  [
    'an instant sent as an object',
    () => op('query($t: DateTime) { me { orders(filter: { from: $t }) { edges { cursor } } } }', { t: { now: 1 } }, alice.token),
    { code: 'BAD_USER_INPUT', status: 400 },
  ],
  // Cursors the platform did not issue
  [
    'a ledger cursor of 1e+308',
    () => op('{ me { transactions(after: "MWUrMzA4") { edges { cursor } } } }', {}, alice.token),
    { code: 'BAD_USER_INPUT' },
  ],
  [
    'a ledger cursor of a negative number',
    () => op(`{ me { transactions(after: "${forged(-1)}") { edges { cursor } } } }`, {}, alice.token),
    { code: 'BAD_USER_INPUT' },
  ],
  [
    'an order cursor made by hand',
    () => op(`{ me { orders(after: "${forged(['01ARZ3NDEKTSV4RRFFQ69G5FAV', 'x'])}") { edges { cursor } } } }`, {}, alice.token),
    { code: 'BAD_USER_INPUT' },
  ],
  ['an asset cursor made by hand', () => op(`{ assets(after: "${forged(['1e+308', 'BTC'])}") { totalCount } }`), { code: 'BAD_USER_INPUT' }],
  [
    'a security events cursor with a 300-character key',
    () => op(`{ me { securityEvents(after: "${forged({ day: '2026-12-03', sk: 'x'.repeat(300) })}") { edges { cursor } } } }`, {}, alice.token),
    { code: 'BAD_USER_INPUT' },
  ],
  ['a cursor with a made-up signature', () => op('{ assets(after: "WyIxIiwiQlRDIl0.AAAAAAAAAAAAAAAA") { totalCount } }'), { code: 'BAD_USER_INPUT' }],
  // Ids that cannot be ours
  ['an empty order id', () => op('{ order(id: "") { id } }', {}, alice.token), { code: 'BAD_USER_INPUT' }],
  ['a 3000-character order id', () => op(`{ order(id: "${'A'.repeat(3000)}") { id } }`, {}, alice.token), { code: 'BAD_USER_INPUT' }],
  [
    'an order id with a key separator',
    () => op('{ order(id: "ORDER#01ARZ3NDEKTSV4RRFFQ69G5FAV") { id } }', {}, alice.token),
    { code: 'BAD_USER_INPUT' },
  ],
  ['cancelling an empty order id', () => op('mutation { cancelOrder(id: "") { id } }', {}, alice.token), { code: 'BAD_USER_INPUT' }],
  ['an empty client order id', () => op('{ order(clientOrderId: "") { id } }', {}, alice.token), { code: 'BAD_USER_INPUT' }],
  ['an empty idempotency key', () => op('mutation { deposit(amount: "1", idempotencyKey: "") { id } }', {}, alice.token), { code: 'BAD_USER_INPUT' }],
  ['an empty symbol', () => op('{ asset(symbol: "") { name } }'), { code: 'BAD_USER_INPUT' }],
  ['a 3000-character symbol', () => op(`{ asset(symbol: "${'B'.repeat(3000)}") { name } }`), { code: 'BAD_USER_INPUT' }],
  // Variables
  ['an amount sent as a JSON number', () => op(depositVar, { a: 1000000 }, alice.token), { code: 'BAD_USER_INPUT' }],
  ['an amount sent as a boolean', () => op(depositVar, { a: true }, alice.token), { code: 'BAD_USER_INPUT' }],
  ['an amount sent as an object', () => op(depositVar, { a: { $gt: 0 } }, alice.token), { code: 'BAD_USER_INPUT' }],
  ['a missing required variable', () => op(depositVar, {}, alice.token), { code: 'BAD_USER_INPUT' }],
  [
    'an order without a quantity',
    () => op('mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }', { i: { symbol: 'BTC', side: 'BUY', type: 'MARKET' } }, alice.token),
    { code: 'BAD_USER_INPUT' },
  ],
  ['an unknown enum value', () => op(...order({ side: 'STEAL' }), alice.token), { code: 'BAD_USER_INPUT' }],
  ['an unknown input field', () => op(...order({ price: '0.01' }), alice.token), { code: 'BAD_USER_INPUT' }],
  [
    'a page size sent as a string',
    () => op('query($n: Int) { me { orders(first: $n) { edges { cursor } } } }', { n: '10' }, alice.token),
    { code: 'BAD_USER_INPUT' },
  ],
  [
    'a page size beyond Int',
    () => op('query($n: Int) { me { orders(first: $n) { edges { cursor } } } }', { n: 2 ** 40 }, alice.token),
    { code: 'BAD_USER_INPUT' },
  ],
  // Money
  ['a negative deposit', () => op(depositVar, { a: '-1000000' }, alice.token), { code: 'BAD_USER_INPUT' }],
  ['a deposit in exponent notation', () => op(depositVar, { a: '1e6' }, alice.token), { code: 'BAD_USER_INPUT' }],
  ['a deposit of NaN', () => op(depositVar, { a: 'NaN' }, alice.token), { code: 'BAD_USER_INPUT' }],
  ['a deposit of Infinity', () => op(depositVar, { a: 'Infinity' }, alice.token), { code: 'BAD_USER_INPUT' }],
  ['an over-precise deposit', () => op(depositVar, { a: '0.001' }, alice.token), { code: 'BAD_USER_INPUT' }],
  ['a deposit beyond the maximum', () => op(depositVar, { a: '10000000000' }, alice.token), { code: 'BAD_USER_INPUT' }],
  ['a deposit in Arabic-Indic digits', () => op(depositVar, { a: '١٠٠' }, alice.token), { code: 'BAD_USER_INPUT' }],
  ['a quantity with 9 decimals', () => op(...order({ quantity: '0.000000001' }), alice.token), { code: 'BAD_USER_INPUT' }],
  ['a quantity of 10^40', () => op(...order({ quantity: `1${'0'.repeat(40)}` }), alice.token), { code: 'BAD_USER_INPUT' }],
  ['a symbol with SQL in it', () => op(...order({ symbol: "BTC'; DROP TABLE" }), alice.token), { code: 'BAD_USER_INPUT' }],
  // Business rules and authorization
  ['withdrawing more than the balance', () => op('mutation { withdraw(amount: "999999") { id } }', {}, alice.token), { code: 'INSUFFICIENT_FUNDS' }],
  ['buying beyond the balance', () => op(...order({ quantity: '100' }), alice.token), { code: 'INSUFFICIENT_FUNDS' }],
  ['selling what is not held', () => op(...order({ side: 'SELL', symbol: 'SOL', quantity: '1' }), alice.token), { code: 'INSUFFICIENT_HOLDINGS' }],
  ['an unknown symbol', () => op(...order({ symbol: 'NOPE' }), alice.token), { code: 'NOT_FOUND' }],
  [
    'an admin mutation as a customer',
    () => op('mutation { updateAsset(symbol: "BTC", input: { price: "0.01" }) { price } }', {}, alice.token),
    { code: 'FORBIDDEN' },
  ],
  ['listing users as a customer', () => op('{ users { edges { node { email } } } }', {}, bob.token), { code: 'FORBIDDEN' }],
  ['depositing anonymously', () => op(deposit), { code: 'UNAUTHENTICATED' }],
  // Subgraphs reached directly, without the router's credential
  [
    'users subgraph with a client token',
    () => raw(stack.subgraphUrls.users, JSON.stringify({ query: deposit }), { authorization: `Bearer ${alice.token}` }),
    { code: 'UNAUTHENTICATED', status: 401 },
  ],
  [
    'orders subgraph without any credential',
    () => raw(stack.subgraphUrls.orders, JSON.stringify({ query: '{ order(id: "x") { id } }' })),
    { code: 'UNAUTHENTICATED', status: 401 },
  ],
  [
    'inventory subgraph with a forged internal token',
    () =>
      raw(stack.subgraphUrls.inventory, JSON.stringify({ query: 'mutation { updateAsset(symbol: "BTC", input: { price: "1" }) { price } }' }), {
        authorization: `Bearer ${signInternalToken('forged-key-that-is-long-enough-123456', { identity: { userId: 'x', role: 'ADMIN', sessionId: 's' } })}`,
      }),
    { code: 'UNAUTHENTICATED', status: 401 },
  ],
];

test('the corpus has at least 60 cases', () => {
  expect(cases.length).toBeGreaterThanOrEqual(60);
});

test.each(cases)('refuses %s', async (_name, send, expected) => {
  const outcome = await send();
  expect(outcome.codes).toContain(expected.code);
  if (expected.status) expect(outcome.status).toBe(expected.status);
  expect(outcome.status).toBeLessThan(500);
});

/** A raw graphql-transport-ws socket, past its ack: sends text as given (a client library would re-serialize it). */
async function rawSocket(token?: string) {
  const socket = new WebSocket(stack.routerUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const messages: { type: string; id?: string; payload?: unknown }[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as (typeof messages)[number]));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} }));
  const answer = async (type: string, id?: string) => {
    for (let waited = 0; waited < 5000; waited += 20) {
      const found = messages.find((message) => message.type === type && message.id === id);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no ${type} message for ${id}: got ${JSON.stringify(messages)}`);
  };
  await answer('connection_ack');
  return { socket, closed, answer, send: (text: string) => socket.send(text) };
}

const subscribeText = (id: string, query: string, variables: string) =>
  `{"type":"subscribe","id":"${id}","payload":{"query":${JSON.stringify(query)},"variables":${variables}}}`;

describe('over graphql-ws, the same refusals', () => {
  test.each([
    ['deep price symbols', 'subscription($s: [String!]) { priceChanged(symbols: $s) { price } }', `{"s":${nested(5000)}}`, 'BAD_USER_INPUT'],
    ['deep market symbols', 'subscription($s: [String!]) { marketTicks(symbols: $s) { at } }', `{"s":[${nested(5000)}]}`, 'BAD_USER_INPUT'],
    ['an undeclared deep variable', 'subscription { marketTicks { at } }', `{"pad":${nested(5000)}}`, 'BAD_USER_INPUT'],
    ['an empty user id', 'subscription { orderUpdated(userId: "") { id } }', '{}', 'BAD_USER_INPUT'],
    ['a query with a deep Decimal', assetsFilter, `{"f":{"minPrice":${nested(5000)}}}`, 'BAD_USER_INPUT'],
  ])('%s is refused with its code, and the socket stays open', async (_name, query, variables, code) => {
    const client = await rawSocket(alice.token);
    client.send(subscribeText('1', query, variables));
    const answer = (await client.answer('error', '1').catch(() => client.answer('next', '1'))) as { payload: unknown };
    const errors = (Array.isArray(answer.payload) ? answer.payload : ((answer.payload as { errors?: unknown[] }).errors ?? [])) as {
      extensions?: { code?: string };
    }[];
    expect(errors.map((error) => error.extensions?.code)).toContain(code);
    // Still usable: a plain query on the same socket answers.
    client.send(subscribeText('2', '{ __typename }', '{}'));
    expect(await client.answer('next', '2')).toMatchObject({ payload: { data: { __typename: 'Query' } } });
    client.socket.close();
  });

  test('a message larger than an HTTP body may be (1 MiB) closes the socket with 1009, unread', async () => {
    const client = await rawSocket(alice.token);
    client.send(subscribeText('1', '{ __typename }', `{"pad":"${'x'.repeat(2 * 1024 * 1024)}"}`));
    expect((await client.closed).code).toBe(1009);
  });

  test('a message just under the limit is served', async () => {
    const client = await rawSocket(alice.token);
    client.send(subscribeText('1', '{ __typename }', `{"pad":"${'x'.repeat(1000 * 1024)}"}`));
    expect(await client.answer('next', '1')).toMatchObject({ payload: { data: { __typename: 'Query' } } });
    client.socket.close();
  });
});

test("reading another user's order by id finds nothing", async () => {
  const response = await gql(stack.routerUrl, 'query($id: ID!) { order(id: $id) { id total } }', { id: aliceOrder }, bob.token);
  expect(response).toMatchObject({ status: 200, data: { order: null } });
});

test('login brute force is stopped', async () => {
  const attempts = [];
  for (let i = 0; i < 7; i += 1)
    attempts.push(await op('mutation($i: LoginInput!) { login(input: $i) { token } }', { i: { username: alice.username, password: `guess ${i}` } }));
  expect(attempts.slice(0, 5).map((a) => a.codes[0])).toEqual(Array(5).fill('UNAUTHENTICATED'));
  expect(attempts.slice(5).map((a) => [a.status, a.codes[0]])).toEqual([
    [429, 'RATE_LIMITED'],
    [429, 'RATE_LIMITED'],
  ]);
});

test('after the whole corpus the platform is up and nothing changed', async () => {
  const health = await fetch(stack.routerUrl.replace(/\/graphql$/, '/health'));
  expect(health.status).toBe(200);
  expect(await snapshot()).toEqual(before);
});
