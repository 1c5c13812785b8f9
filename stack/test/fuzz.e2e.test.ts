import { createHash } from 'node:crypto';
import http from 'node:http';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { ErrorCode, isPublicCode, OperationLimitCode } from '@trading/platform';
import fc from 'fast-check';
import {
  buildClientSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { adminToken, gql, registerUser, startTestStack } from './support';

// Schema-driven fuzzing: every field of the composed API that takes arguments (root fields of Query, Mutation and
// Subscription, and fields of types reachable from Query such as `User.transactions`, found by introspecting the
// router) gets operations whose variables are hostile values of each argument's type, mixed with well-typed ones so
// the resolvers run too. Each operation is sent through the router as an anonymous caller, a customer (with money)
// and an admin. Every answer must be below 500 and come within a few seconds, carry no INTERNAL_SERVER_ERROR, and
// every error code must be one of the catalog (isPublicCode of @trading/platform). Two phases:
//   - a dictionary: values known to break services (empty, huge, NUL, unpaired surrogates, 5000 levels of nesting,
//     1e308, forged cursors and ids, dates at the ends of time...) in each argument and input field in turn, the
//     others valid or left out, so that the value reaches the resolver and the database;
//   - random cases from fast-check, seeded, including forged persisted-query hashes around the operation.
// Failures are collected, not thrown at the first: the assertion message lists every one, grouped by field and code,
// with the x-request-id of a few samples (the stack logs with it: run with TEST_LOG_LEVEL=error to see why).
//
//   FUZZ_SEED         the seed (default 20260101); each field derives its own from it
//   FUZZ_RUNS         random cases in all, spread evenly over the fields (default 540, 20 per field); the file takes
//                     about 30-40 s with it. FUZZ_RUNS=20000 runs for about five minutes.
//   FUZZ_CONCURRENCY  cases in flight at once (default 4); FUZZ_SLOW_MS, FUZZ_TIMEOUT_MS: 4000 and 8000 by default

const SEED = Number(process.env.FUZZ_SEED ?? 20260101);
const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 540));
const MAX_BODY_BYTES = 1024 * 1024;
/** An answer slower than this is a failure too: one request must not hold a service for that long. */
const SLOW_MS = Number(process.env.FUZZ_SLOW_MS ?? 4_000);
/** A request without an answer by then is given up (and reported). */
const TIMEOUT_MS = Number(process.env.FUZZ_TIMEOUT_MS ?? 8_000);

/** Every code a client may see, as far as the exported objects name them (isPublicCode decides in the end). */
const CATALOG = [
  ...new Set([...Object.values(ErrorCode), ...Object.values(OperationLimitCode), ...Object.values(ApolloServerErrorCode)].filter(isPublicCode)),
];
const inCatalog = (code: unknown): boolean => isPublicCode(code);

let stack: Awaited<ReturnType<typeof startTestStack>>;
let schema: GraphQLSchema;
let targets: Target[] = [];

type IdentityName = 'anonymous' | 'customer' | 'admin';
const IDENTITIES: IdentityName[] = ['anonymous', 'customer', 'admin'];

/** Credentials of an identity, and how to get a working token again if the fuzzing ended its session. */
interface Account {
  token: string;
  username: string;
  password: string;
}
const accounts: Partial<Record<'customer' | 'admin' | 'spareAdmin', Account>> = {};

/** Well-typed values the fuzzer mixes in so resolvers run: real ids, cursors, symbols, refresh tokens. */
const pool = {
  symbols: ['BTC', 'ETH', 'SOL', 'btc', 'eth'],
  ids: [] as string[],
  cursors: [] as string[],
  refreshTokens: [] as string[],
  clientOrderIds: ['fuzz-client-1'],
};

// ---------------------------------------------------------------------------------------------------------------
// HTTP

interface Outcome {
  status: number;
  body: unknown;
  text: string;
  requestId: string;
  /** How long the answer took. */
  ms: number;
  /** Set when no HTTP answer came (connection reset, timeout). */
  transportError?: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
let requestCounter = 0;

/** Posts a body as a hostile client would, and reads whatever comes back. */
function post(url: string, body: string, token?: string): Promise<Outcome> {
  requestCounter += 1;
  // The router accepts a client's x-request-id and logs with it, so a failure here can be found in the stack's log.
  const requestId = `fuzz-${SEED}-${requestCounter}`;
  const started = Date.now();
  return new Promise((resolve) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-request-id': requestId,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        timeout: TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = undefined;
          try {
            parsed = JSON.parse(text);
          } catch {
            // Not JSON: reported as a response without codes.
          }
          resolve({ status: response.statusCode ?? 0, body: parsed, text, requestId, ms: Date.now() - started });
        });
        response.on('error', (error) =>
          resolve({ status: 0, body: undefined, text: '', requestId, ms: Date.now() - started, transportError: String(error) }),
        );
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    request.on('error', (error) =>
      resolve({ status: 0, body: undefined, text: '', requestId, ms: Date.now() - started, transportError: String(error) }),
    );
    request.end(body);
  });
}

interface ErrorBody {
  message?: string;
  path?: unknown[];
  extensions?: { code?: unknown };
}
const errorsOf = (outcome: Outcome): ErrorBody[] => {
  const errors = (outcome.body as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(errors) ? (errors as ErrorBody[]) : [];
};

// ---------------------------------------------------------------------------------------------------------------
// The API schema, as a client sees it

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
const INPUT_VALUE = `name description type { ${TYPE_REF} } defaultValue isDeprecated deprecationReason`;
const FULL_TYPE = `kind name description specifiedByURL
  fields(includeDeprecated: true) { name description args(includeDeprecated: true) { ${INPUT_VALUE} } type { ${TYPE_REF} } isDeprecated deprecationReason }
  inputFields(includeDeprecated: true) { ${INPUT_VALUE} } interfaces { ${TYPE_REF} }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } possibleTypes { ${TYPE_REF} }`;

/**
 * Introspects the router type by type: the standard introspection query (graphql-js getIntrospectionQuery) is refused
 * by the router's cost limit (MAX_COST_EXCEEDED, an estimated cost of about 51,000 for a limit of 5,000).
 */
async function introspect(url: string): Promise<GraphQLSchema> {
  const overview = await gql<{ __schema: Record<string, unknown> & { types: { name: string }[] } }>(
    url,
    `{ __schema { queryType { name } mutationType { name } subscriptionType { name } types { name }
        directives { name description isRepeatable locations args(includeDeprecated: true) { ${INPUT_VALUE} } } } }`,
  );
  if (overview.errors || !overview.data) throw new Error(`introspection failed: ${JSON.stringify(overview.errors)}`);
  const types = await Promise.all(
    overview.data.__schema.types.map(async ({ name }) => {
      const type = await gql<{ __type: unknown }>(url, `query($name: String!) { __type(name: $name) { ${FULL_TYPE} } }`, { name });
      if (type.errors || !type.data?.__type) throw new Error(`introspecting ${name} failed: ${JSON.stringify(type.errors)}`);
      return type.data.__type;
    }),
  );
  return buildClientSchema({ __schema: { ...overview.data.__schema, types } } as unknown as IntrospectionQuery);
}

// ---------------------------------------------------------------------------------------------------------------
// Which fields, and how to reach them

interface Step {
  field: string;
  args: string;
  type: string;
}

/** One field with arguments and the operation that reaches it. */
interface Target {
  /** e.g. `Query.order`, `User.transactions` */
  coordinate: string;
  operation: 'query' | 'mutation' | 'subscription';
  /** Fields from the root to the field's parent type (empty for a root field). */
  path: Step[];
  field: GraphQLField<unknown, unknown>;
  /** Ends sessions (logout, password change): run with throwaway accounts, never the shared ones. */
  endsSessions: boolean;
  /** Who the operation reaches the field for: all for root fields, those for whom the path resolves otherwise. */
  identities: IdentityName[];
}

const SESSION_ENDING = /^(logout|logoutEverywhere|changePassword|signOut|revoke|endSession|deleteAccount)/i;

const hasRequiredArgs = (field: GraphQLField<unknown, unknown>) =>
  field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);

/** Paths from Query to each object type, shortest first, through fields without required arguments (at most 6 each). */
function candidatePaths(schema: GraphQLSchema): Map<string, Step[][]> {
  const query = schema.getQueryType()!;
  const roots = new Set([query, schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean).map((type) => type!.name));
  const paths = new Map<string, Step[][]>();
  const queue: { type: GraphQLObjectType; path: Step[] }[] = [{ type: query, path: [] }];
  while (queue.length) {
    const { type, path } = queue.shift()!;
    if (path.length >= 4) continue;
    for (const field of Object.values(type.getFields())) {
      if (hasRequiredArgs(field)) continue;
      const named = getNamedType(field.type);
      if (!isObjectType(named) || roots.has(named.name) || path.some((step) => step.type === named.name)) continue;
      const first = field.args.find((arg) => arg.name === 'first' && getNamedType(arg.type).name === 'Int');
      const step = { field: field.name, args: first ? '(first: 1)' : '', type: named.name };
      const known = paths.get(named.name) ?? [];
      if (known.length >= 6) continue;
      known.push([...path, step]);
      paths.set(named.name, known);
      queue.push({ type: named, path: [...path, step] });
    }
  }
  return paths;
}

const selectionOf = (field: GraphQLField<unknown, unknown>) => (isLeafType(getNamedType(field.type)) ? '' : ' { __typename }');
const variableName = (arg: GraphQLArgument) => `v_${arg.name}`;

/** `query Fuzz($v_a: T!) { a { b(a: $v_a) { __typename } } }` */
function operationText(target: Target): string {
  const args = target.field.args;
  const declarations = args.length ? `(${args.map((arg) => `$${variableName(arg)}: ${String(arg.type)}`).join(', ')})` : '';
  const call = args.length ? `(${args.map((arg) => `${arg.name}: $${variableName(arg)}`).join(', ')})` : '';
  let body = `${target.field.name}${call}${selectionOf(target.field)}`;
  for (const step of [...target.path].reverse()) body = `${step.field}${step.args} { ${body} }`;
  return `${target.operation} Fuzz${declarations} { ${body} }`;
}

/** Follows a path through a response (the first element of lists); true when its end is an object. */
function reached(data: unknown, path: Step[]): boolean {
  let value: unknown = data;
  for (const step of path) {
    while (Array.isArray(value)) value = value[0];
    if (value === null || typeof value !== 'object') return false;
    value = (value as Record<string, unknown>)[step.field];
  }
  while (Array.isArray(value)) value = value[0];
  return value !== null && typeof value === 'object';
}

/** Every field with arguments, each with the path from Query that resolves for the most identities. */
async function findTargets(schema: GraphQLSchema): Promise<{ targets: Target[]; unreachable: string[] }> {
  const found: Target[] = [];
  const unreachable: string[] = [];
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const;
  for (const [operation, type] of roots) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      if (field.args.length)
        found.push({
          coordinate: `${type!.name}.${field.name}`,
          operation,
          path: [],
          field,
          endsSessions: SESSION_ENDING.test(field.name),
          identities: IDENTITIES,
        });
    }
  }
  const rootNames = new Set(roots.map(([, type]) => type?.name));
  const candidates = candidatePaths(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || rootNames.has(type.name) || type.name.startsWith('__')) continue;
    const fields = Object.values(type.getFields()).filter((field) => field.args.length);
    if (!fields.length) continue;
    let best: { path: Step[]; identities: IdentityName[] } | undefined;
    for (const path of candidates.get(type.name) ?? []) {
      let query = '{ __typename }';
      for (const step of [...path].reverse()) query = `{ ${step.field}${step.args} ${query} }`;
      const identities: IdentityName[] = [];
      for (const identity of IDENTITIES) {
        const response = await gql(stack.routerUrl, query, {}, tokenOf(identity));
        if (!response.errors?.length && reached(response.data, path)) identities.push(identity);
      }
      if (!best || identities.length > best.identities.length) best = { path, identities };
    }
    for (const field of fields) {
      if (!best?.identities.length) unreachable.push(`${type.name}.${field.name}`);
      else
        found.push({
          coordinate: `${type.name}.${field.name}`,
          operation: 'query',
          path: best.path,
          field,
          endsSessions: SESSION_ENDING.test(field.name),
          identities: best.identities,
        });
    }
  }
  return { targets: found, unreachable };
}

// ---------------------------------------------------------------------------------------------------------------
// Values

/** A variable left out of the request (or a key left out of an input object). */
const OMIT = Symbol('omit');

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const repeatTo = (unit: string, length: number) => unit.repeat(Math.ceil(length / Math.max(unit.length, 1))).slice(0, length);

/**
 * [[[...]]] or {"a":{"a":...}} or both, `depth` levels around a leaf. JSON.stringify (in fast-check's printing of
 * values, and in the request body) would recurse into such a value and overflow the test's own stack: it stands in
 * the generated values as this object, serializes as a placeholder, and requestBody splices its text in.
 */
class Deep {
  static readonly byId = new Map<number, Deep>();
  readonly id = Deep.byId.size;
  constructor(
    readonly depth: number,
    readonly kind: 'array' | 'object' | 'mixed',
    readonly leaf: unknown,
  ) {
    Deep.byId.set(this.id, this);
  }
  toJSON(): string {
    return `__fuzz_deep_${this.id}__`;
  }
  text(): string {
    const opens: string[] = [];
    const closes: string[] = [];
    for (let i = this.depth - 1; i >= 0; i -= 1) {
      const array = this.kind === 'array' || (this.kind === 'mixed' && i % 2 === 1);
      opens.push(array ? '[' : '{"a":');
      closes.push(array ? ']' : '}');
    }
    return `${opens.join('')}${JSON.stringify(this.leaf)}${closes.reverse().join('')}`;
  }
  describe(): string {
    const what = this.kind === 'mixed' ? 'arrays and objects' : `${this.kind}s`;
    return `${what} nested ${this.depth} levels deep around ${JSON.stringify(this.leaf)}`;
  }
  [fc.toStringMethod](): string {
    return this.describe();
  }
}

const deepNesting = fc
  .tuple(
    fc.integer({ min: 100, max: 5000 }),
    fc.constantFrom<'array' | 'object' | 'mixed'>('array', 'object', 'mixed'),
    fc.constantFrom('1', 1, null, 'BTC'),
  )
  .map(([depth, kind, leaf]) => new Deep(depth, kind, leaf));

const controlChar = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));

const longString = fc
  .tuple(
    fc.constantFrom('x', 'A', '0', '9', 'é', '🧨', '\u0000', '\u202e', '\ud800', '#', '/', ' ', 'ab/#'),
    fc.integer({ min: 10_000, max: 100_000 }),
  )
  .map(([unit, length]) => repeatTo(unit, length));

const NUMBER_STRINGS = [
  '0',
  '-0',
  '-1',
  '1',
  '1.5',
  '1e308',
  '1e+308',
  '-1e308',
  '1e-400',
  '1e6',
  '0x10',
  '0b1',
  '1_000',
  '1,5',
  '١٠٠',
  '１２３',
  'NaN',
  'Infinity',
  '-Infinity',
  '+1',
  ' 1',
  '1 ',
  '.5',
  '1.',
  '00001',
  '9'.repeat(400),
  `0.${'0'.repeat(400)}1`,
  '2147483648',
  '9007199254740993',
];

const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\t',
    '\n',
    '\u0000',
    'a\u0000b',
    'null',
    'undefined',
    'true',
    '__proto__',
    'constructor',
    "' OR 1=1 --",
    '"; DROP TABLE users; --',
    '${7*7}',
    '{{7*7}}',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '%00',
    '%2e%2e%2f',
    '\u202eevil',
    '\ufeff',
    '\u200b',
    '\ud800',
    '\udfff',
    'A\u0301',
    '🧨💥',
    'ǅ',
    'İ',
    'ß',
    '\r\n\r\nHTTP/1.1 200 OK',
    '#',
    'USER#x',
    'a/b',
    '{"$gt":""}',
  ),
  fc.constantFrom(...NUMBER_STRINGS),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: controlChar, minLength: 1, maxLength: 40 }),
  longString,
);

/** Any JSON type but the expected one, including deep nesting. */
const wrongJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(true, false, 0, -1, 1e308, -1e308, 2 ** 53, 1.5, -0, 5e-324, {}, [], [null], [[]], { $gt: '' }),
  fc.constant(JSON.parse('{"__proto__":{"role":"ADMIN"},"constructor":{"prototype":{"admin":true}}}') as unknown),
  fc.jsonValue({ maxDepth: 3 }),
  fc.double(),
  fc.integer(),
  deepNesting,
);

const forgedId: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    'null',
    '#',
    '##',
    'USER#1',
    'ORDER#',
    'a/b',
    '../x',
    '/',
    '%2F',
    '\u0000',
    'x'.repeat(1025),
    'x'.repeat(2048),
    'x'.repeat(2049),
    'x'.repeat(3000),
  ),
  fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
  fc.uuid(),
  fc.integer({ min: 1_000, max: 100_000 }).map((length) => 'x'.repeat(length)),
  fc.string({ unit: 'grapheme', maxLength: 30 }).map((text) => `${text}#${text}`),
  fc.constantFrom(0, 1, -1, 2 ** 31, 2 ** 53, 1.5, 1e308),
  fc
    .tuple(
      fc.constantFrom(...[0, 1, 2, 3].map(String)),
      fc.constantFrom(
        (id: string) => `${id}#`,
        (id: string) => `#${id}`,
        (id: string) => id.toLowerCase(),
        (id: string) => `${id}/x`,
        (id: string) => id.slice(0, -1),
      ),
    )
    .map(([index, forge]) => forge(pool.ids[Number(index) % Math.max(pool.ids.length, 1)] ?? 'X')),
);

const numberish = fc.constantFrom<unknown>(
  1e308,
  -1,
  0,
  -0,
  1.5,
  2 ** 53 + 2,
  2 ** 31,
  -(2 ** 31) - 1,
  5e-324,
  '9'.repeat(400),
  'x'.repeat(600),
  '',
  null,
  [],
  {},
);

/** Cursors this API never issued: base64url of odd JSON, real cursors with their position replaced, random bytes. */
const forgedCursor: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('MWUrMzA4', b64('-1'), b64('0'), b64('1.5'), b64('1e+300'), b64(String(2 ** 53 + 2))),
  fc.constantFrom('', 'null', '=', 'A', '!!!', '%%%'),
  fc
    .constantFrom(
      '1e+308',
      '1e308',
      '-1',
      '0',
      '1.5',
      '-0',
      '1e-400',
      '9'.repeat(300),
      'null',
      'true',
      '[]',
      '{}',
      '"x"',
      '[1e308,"x"]',
      '[-1,"abc"]',
      `[1,"${'x'.repeat(300)}"]`,
      '[[1],[2]]',
      '{"seq":1}',
      '[1,2,3]',
      '[1e308]',
      '["", ""]',
      '"#"',
      '"USER#x"',
      '{"__proto__":{"a":1}}',
    )
    .map(b64),
  fc.jsonValue({ maxDepth: 3 }).map((value) => b64(JSON.stringify(value) ?? 'null')),
  fc.tuple(numberish, fc.string({ maxLength: 20 })).map(([position, scope]) => b64(JSON.stringify([position, scope]))),
  fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
  fc.base64String({ maxLength: 800 }),
  fc.constantFrom(510, 511, 512, 513, 4096).map((length) => repeatTo(b64('[1,"abcdefghijkl"]'), length)),
  // A real cursor of some list, with its position replaced (the scope kept, so it passes the scope check).
  fc.tuple(fc.nat(), numberish).map(([index, position]) => {
    const real = pool.cursors[index % Math.max(pool.cursors.length, 1)];
    if (!real) return b64(JSON.stringify(position));
    try {
      const decoded = JSON.parse(Buffer.from(real, 'base64url').toString('utf8')) as unknown;
      return b64(JSON.stringify(Array.isArray(decoded) ? [position, ...decoded.slice(1)] : position));
    } catch {
      return `${real}A`;
    }
  }),
  // A real cursor with a character changed, or cut short.
  fc.tuple(fc.nat(), fc.nat()).map(([index, at]) => {
    const real = pool.cursors[index % Math.max(pool.cursors.length, 1)] ?? 'MQ';
    const position = at % real.length;
    return at % 2 ? real.slice(0, position) : `${real.slice(0, position)}${real[position] === 'A' ? 'B' : 'A'}${real.slice(position + 1)}`;
  }),
);

const INT_BOUNDARIES = [
  0,
  -1,
  1,
  2,
  99,
  100,
  101,
  999,
  1000,
  1001,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  -(2 ** 31) - 1,
  2 ** 53,
  1e308,
  -1e308,
  1.5,
  -0,
  0.1,
  5e-324,
];

const hostileInt: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...INT_BOUNDARIES),
  fc.integer(),
  fc.double(),
  fc.constantFrom<unknown>('10', '1e3', '', 'NaN', true, false, [1], { value: 1 }),
);

const hostileDecimal: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    ...NUMBER_STRINGS,
    '0.001',
    '0.000000001',
    '0.00000001',
    '10000000',
    '10000000.01',
    '10000001',
    `1${'0'.repeat(40)}`,
    '-1000000',
    '-0.01',
    '',
    ' ',
    '1 000',
    '1e-8',
    '0.1e1',
    '99999999999999999999.99999999',
  ),
  fc.double().map(String),
  fc.bigInt({ min: -(10n ** 60n), max: 10n ** 60n }).map(String),
  fc.tuple(fc.nat({ max: 10 ** 9 }), fc.integer({ min: 0, max: 20 })).map(([digits, scale]) => (digits / 10 ** scale).toFixed(scale)),
  fc.constantFrom<unknown>(1, 0.1, 1e308, -1, 1000000, true, ['1'], { amount: '1' }),
  deepNesting,
  deepNesting,
);

const hostileDateTime: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    '',
    'now',
    'T',
    '2026-13-01T00:00:00Z',
    '2026-02-30T00:00:00.000Z',
    '2026-01-01T25:00:00Z',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
    '+275760-09-13T00:00:00.000Z',
    '+275760-09-13T00:00:00.001Z',
    '-271821-04-20T00:00:00.000Z',
    '1970-01-01T00:00:00.000Z',
    '1969-12-31T23:59:59.999Z',
    '2026-01-01',
    '2026-01-01T00:00:00',
    '2026-01-01T00:00:00+14:00',
    '2026-01-01T00:00:00.123456789Z',
    'Thu, 01 Jan 2026 00:00:00 GMT',
    '1'.repeat(100),
    0,
    -1,
    8.64e15 + 1,
    1e308,
  ),
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((date) => date.toISOString()),
  fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((date) => date.toISOString()),
);

let unique = 0;
const uniqueName = (prefix: string) => `${prefix}${Date.now().toString(36)}${(unique += 1)}`;

/** A value the field would accept (or nearly: semantic rules such as `from` before `to` are left to chance). */
function validArb(type: GraphQLInputType, name: string, depth: number): fc.Arbitrary<unknown> {
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) return fc.array(validArb(inner.ofType as GraphQLInputType, name, depth + 1), { maxLength: 3 });
  if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields());
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const field of fields) {
      const value = validArb(field.type, field.name, depth + 1);
      model[field.name] = isNonNullType(field.type) ? value : fc.oneof({ arbitrary: value, weight: 2 }, { arbitrary: fc.constant(OMIT), weight: 1 });
    }
    return fc.record(model);
  }
  if (isEnumType(inner)) return fc.constantFrom(...inner.getValues().map((value) => value.name));
  const scalar = isScalarType(inner) ? inner.name : 'String';
  const key = name.toLowerCase();
  if (key.includes('symbol')) return fc.oneof(fc.constantFrom(...pool.symbols), fc.stringMatching(/^[A-Z][A-Z0-9]{0,11}$/));
  if (key === 'after' || key === 'before' || key.includes('cursor')) return fc.constantFrom(...(pool.cursors.length ? pool.cursors : ['MQ']));
  if (key === 'idempotencykey' || key === 'clientorderid')
    return fc.oneof(fc.constantFrom(...pool.clientOrderIds), fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/));
  if (key === 'refreshtoken') return fc.constantFrom(...(pool.refreshTokens.length ? pool.refreshTokens : ['x']));
  if (key.includes('password')) return fc.constantFrom('correct horse battery', 'another good password', 'p'.repeat(72));
  if (key === 'email') return fc.constant(null).map(() => `${uniqueName('fz')}@example.com`);
  if (key === 'username') return fc.constant(null).map(() => uniqueName('fz_'));
  if (key === 'phone') return fc.constantFrom('+44 20 7946 0958', '');
  if (key === 'search') return fc.constantFrom('bt', 'eth', 'a', 'fuzz');
  if (key === 'first' || key === 'last') return fc.integer({ min: 1, max: 100 });
  if (scalar === 'ID' || key === 'id' || key.endsWith('id') || key === 'actor') return fc.constantFrom(...(pool.ids.length ? pool.ids : ['x']));
  if (scalar === 'Decimal') {
    if (key === 'amount') return fc.integer({ min: 1, max: 100_000 }).map((cents) => (cents / 100).toFixed(2));
    if (key === 'quantity') return fc.constantFrom('0.001', '0.01', '0.0001', '1', '0.5');
    return fc.constantFrom('1', '0.5', '2500.5', '30000', '0.01', '100');
  }
  if (scalar === 'DateTime')
    return fc
      .date({ min: new Date(Date.now() - 3 * 86_400_000), max: new Date(Date.now() + 3_600_000), noInvalidDate: true })
      .map((date) => date.toISOString());
  if (scalar === 'Int') return fc.integer({ min: 1, max: 100 });
  if (scalar === 'Float') return fc.double({ min: 0, max: 1000, noNaN: true });
  if (scalar === 'Boolean') return fc.boolean();
  return fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 20 });
}

/** A value of the argument's type (or near it) meant to break something. */
function hostileArb(type: GraphQLInputType, name: string, depth: number): fc.Arbitrary<unknown> {
  // Input types may nest (or refer to themselves): beyond a few levels, values are only valid ones.
  if (depth > 4) return validArb(type, name, depth);
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) {
    const item = inner.ofType as GraphQLInputType;
    return fc.oneof(
      fc.constant([]),
      fc.array(mixedArb(item, name, depth + 1), { minLength: 1, maxLength: 8 }),
      // A huge list of one valid item, kept well under the body limit.
      fc
        .tuple(validArb(item, name, depth + 1), fc.integer({ min: 1_000, max: 20_000 }))
        .map(([value, length]) => Array.from({ length }, () => value)),
      fc.constant([null]),
      mixedArb(item, name, depth + 1),
      fc.array(fc.array(validArb(item, name, depth + 1), { maxLength: 2 }), { minLength: 1, maxLength: 3 }),
      deepNesting,
    );
  }
  if (isInputObjectType(inner)) {
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const field of Object.values(inner.getFields()))
      model[field.name] = depth > 3 ? validArb(field.type, field.name, depth + 1) : argArb(field.type, field.name, depth + 1);
    const record = fc.record(model, { requiredKeys: [] });
    return fc.oneof(
      { arbitrary: record, weight: 3 },
      { arbitrary: focused(Object.values(inner.getFields()), depth + 1), weight: 3 },
      { arbitrary: fc.constant({}), weight: 1 },
      {
        arbitrary: fc.tuple(record, fc.string({ maxLength: 12 }), wrongJson).map(([object, key, value]) => ({ ...object, [key || 'extra']: value })),
        weight: 2,
      },
      {
        arbitrary: record.map((object) => ({ ...object, ...(JSON.parse('{"__proto__":{"role":"ADMIN"}}') as object) })),
        weight: 1,
      },
    );
  }
  if (isEnumType(inner)) {
    const names = inner.getValues().map((value) => value.name);
    return fc.oneof(
      fc.constantFrom(...names).map((value) => value.toLowerCase()),
      fc.constantFrom(...names).map((value) => ` ${value}`),
      fc.constantFrom(...names).map((value) => `${value}\u0000`),
      fc.constantFrom<unknown>('', 'STEAL', 'null', '__proto__', 'constructor', 0, 1, names.length, true, [names[0]], { value: names[0] }),
      hostileString,
    );
  }
  const scalar = isScalarType(inner) ? inner.name : 'String';
  const key = name.toLowerCase();
  if (key === 'after' || key === 'before' || key.includes('cursor'))
    return fc.oneof({ arbitrary: forgedCursor, weight: 4 }, { arbitrary: hostileString, weight: 1 });
  if (scalar === 'ID' || key === 'id' || key.endsWith('id') || key === 'actor')
    return fc.oneof({ arbitrary: forgedId, weight: 4 }, { arbitrary: hostileString, weight: 1 });
  if (key === 'refreshtoken')
    return fc.oneof(
      hostileString,
      fc.constantFrom('a.b.c', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', `${'x'.repeat(40)}.${'y'.repeat(40)}`),
      fc.nat().map((index) => `${pool.refreshTokens[index % Math.max(pool.refreshTokens.length, 1)] ?? 'x'}x`),
    );
  switch (scalar) {
    case 'Int':
      return hostileInt;
    case 'Float':
      return fc.oneof(hostileInt, fc.constantFrom<unknown>('1.5', 'NaN'));
    case 'Boolean':
      return fc.constantFrom<unknown>('true', 'false', 0, 1, '', 'yes', [], {}, [true]);
    case 'Decimal':
      return hostileDecimal;
    case 'DateTime':
      return hostileDateTime;
    default:
      return hostileString;
  }
}

/**
 * One argument (or input field) hostile, every other valid or left out: the hostile value then gets past the
 * others' checks and reaches the resolver (and the database) instead of failing coercion next to them.
 */
function focused(
  inputs: readonly { name: string; type: GraphQLInputType }[],
  depth: number,
  key = (name: string) => name,
): fc.Arbitrary<Record<string, unknown>> {
  return fc.integer({ min: 0, max: inputs.length - 1 }).chain((target) =>
    fc.record(
      Object.fromEntries(
        inputs.map((input, index) => {
          if (index === target)
            return [
              key(input.name),
              fc.oneof({ arbitrary: hostileArb(input.type, input.name, depth), weight: 4 }, { arbitrary: wrongJson, weight: 1 }),
            ];
          const valid = validArb(input.type, input.name, depth);
          return [key(input.name), isNonNullType(input.type) ? valid : fc.oneof(valid, fc.constant(OMIT))];
        }),
      ),
    ),
  );
}

/** What a fuzzed argument gets: a valid value, a hostile one of its type, a wrong JSON type, or nothing. */
function argArb(type: GraphQLInputType, name: string, depth: number): fc.Arbitrary<unknown> {
  const required = isNonNullType(type);
  return fc.oneof(
    { arbitrary: validArb(type, name, depth), weight: 4 },
    { arbitrary: hostileArb(type, name, depth), weight: 5 },
    { arbitrary: wrongJson, weight: 1 },
    { arbitrary: fc.constantFrom<unknown>(OMIT, null), weight: required ? 1 : 2 },
  );
}

/** A list item or nested value: OMIT becomes null (it cannot be left out of a list). */
function mixedArb(type: GraphQLInputType, name: string, depth: number): fc.Arbitrary<unknown> {
  return argArb(type, name, depth).map((value) => (value === OMIT ? null : value));
}

/** Removes OMIT markers (the keys they stand for are left out). */
function strip(value: unknown): unknown {
  // Deeply nested values (Deep) hold no markers and are expanded only when serialized.
  const pending: unknown[] = [value];
  let visited = 0;
  while (pending.length && visited < 10_000) {
    const current = pending.pop();
    visited += 1;
    if (current instanceof Deep) continue;
    if (Array.isArray(current)) {
      for (let i = 0; i < current.length && i < 50; i += 1) pending.push(current[i]);
    } else if (current && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        if (child === OMIT) delete (current as Record<string, unknown>)[key];
        else pending.push(child);
      }
    }
  }
  return value;
}

/** How the request around the operation is shaped: mostly plain, sometimes with forged persisted-query hashes. */
type Envelope =
  | { kind: 'plain' }
  | { kind: 'apq-forged-hash'; hash: unknown; withQuery: boolean }
  | { kind: 'apq-true-hash'; withQuery: boolean }
  | { kind: 'apq-odd-version'; version: unknown }
  | { kind: 'operation-name'; name: unknown }
  | { kind: 'odd-extensions'; extensions: unknown };

const envelopeArb: fc.Arbitrary<Envelope> = fc.oneof(
  { arbitrary: fc.constant<Envelope>({ kind: 'plain' }), weight: 40 },
  {
    arbitrary: fc
      .tuple(
        fc.oneof(
          fc.stringMatching(/^[0-9a-f]{64}$/),
          fc.constantFrom<unknown>('', 'x', 'A'.repeat(64), '0'.repeat(63), '0'.repeat(65), 'z'.repeat(10_000), 0, null, [], {}),
          hostileString,
        ),
        fc.boolean(),
      )
      .map(([hash, withQuery]): Envelope => ({ kind: 'apq-forged-hash', hash, withQuery })),
    weight: 3,
  },
  { arbitrary: fc.boolean().map((withQuery): Envelope => ({ kind: 'apq-true-hash', withQuery })), weight: 2 },
  { arbitrary: fc.constantFrom<unknown>(0, 2, '1', null, -1, 1.5, []).map((version): Envelope => ({ kind: 'apq-odd-version', version })), weight: 1 },
  {
    arbitrary: fc
      .oneof(fc.constantFrom<unknown>('Fuzz', 'Other', '', null, 0, []), hostileString)
      .map((name): Envelope => ({ kind: 'operation-name', name })),
    weight: 2,
  },
  {
    arbitrary: fc
      .constantFrom<unknown>('x', [], 0, null, { persistedQuery: null }, { persistedQuery: 'x' })
      .map((extensions): Envelope => ({ kind: 'odd-extensions', extensions })),
    weight: 1,
  },
);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function requestBody(query: string, variables: Record<string, unknown>, envelope: Envelope): string {
  const body: Record<string, unknown> = { query, variables };
  switch (envelope.kind) {
    case 'apq-forged-hash':
      body.extensions = { persistedQuery: { version: 1, sha256Hash: envelope.hash } };
      if (!envelope.withQuery) delete body.query;
      break;
    case 'apq-true-hash':
      body.extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
      if (!envelope.withQuery) delete body.query;
      break;
    case 'apq-odd-version':
      body.extensions = { persistedQuery: { version: envelope.version, sha256Hash: sha256(query) } };
      break;
    case 'operation-name':
      body.operationName = envelope.name;
      break;
    case 'odd-extensions':
      body.extensions = envelope.extensions;
      break;
  }
  return JSON.stringify(body).replace(/"__fuzz_deep_(\d+)__"/g, (_, id: string) => Deep.byId.get(Number(id))!.text());
}

// ---------------------------------------------------------------------------------------------------------------
// Describing what was sent, for the report

function nestingDepth(value: unknown): number {
  let depth = 0;
  let current = value;
  while (current && typeof current === 'object' && depth < 100_000) {
    const children = Array.isArray(current) ? current : Object.values(current);
    if (children.length !== 1) return depth + (children.length ? 1 : 0);
    current = children[0];
    depth += 1;
  }
  return depth;
}

const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\ufeff\ud800-\udfff]/;

/** A short description of a value: the value itself when short, else its kind, size and a prefix. */
function shape(value: unknown, level = 0): string {
  if (value === null) return 'null';
  if (typeof value === 'string') {
    if (value.length <= 48 && !UNPRINTABLE.test(value)) return JSON.stringify(value);
    const flags = [UNPRINTABLE.test(value) ? 'control/unpaired/invisible chars' : '', /[^\x00-\x7f]/.test(value) ? 'non-ascii' : '']
      .filter(Boolean)
      .join(', ');
    let decoded = '';
    if (/^[A-Za-z0-9_-]+$/.test(value) && value.length < 2000) {
      const text = Buffer.from(value, 'base64url').toString('utf8');
      if (/^[\x20-\x7e]+$/.test(text)) decoded = `, base64url of ${text.length > 60 ? `${text.slice(0, 60)}…` : text}`;
    }
    return `string(len=${value.length}${flags ? `, ${flags}` : ''}${decoded}: ${JSON.stringify(value.slice(0, 24))}…)`;
  }
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value !== 'object') return String(value);
  if (value instanceof Deep) return value.describe();
  const depth = nestingDepth(value);
  if (depth > 4) return `${Array.isArray(value) ? 'array' : 'object'} nested ${depth} levels deep`;
  if (level > 2) return Array.isArray(value) ? '[…]' : '{…}';
  if (Array.isArray(value)) {
    if (value.length > 4) return `array(len=${value.length}) of ${shape(value[0], level + 1)}`;
    return `[${value.map((item) => shape(item, level + 1)).join(', ')}]`;
  }
  return `{ ${Object.entries(value)
    .map(([key, child]) => `${key}: ${shape(child, level + 1)}`)
    .join(', ')} }`;
}

// ---------------------------------------------------------------------------------------------------------------
// Identities

function tokenOf(identity: IdentityName): string | undefined {
  if (identity === 'anonymous') return undefined;
  return accounts[identity]!.token;
}

async function login(account: Account): Promise<void> {
  const response = await gql<{ login: { token: string } }>(stack.routerUrl, 'mutation($i: LoginInput!) { login(input: $i) { token } }', {
    i: { username: account.username, password: account.password },
  });
  if (!response.data?.login) throw new Error(`login of ${account.username} failed: ${JSON.stringify(response.errors)}`);
  account.token = response.data.login.token;
}

/** A fresh customer with a refresh token (for session-ending fields, and as well-typed refresh tokens). */
async function throwaway(): Promise<{ token: string; refreshToken: string; id: string }> {
  const username = uniqueName('fz_tmp_');
  const response = await gql<{ register: { token: string; refreshToken: string; user: { id: string } } }>(
    stack.routerUrl,
    'mutation($input: RegisterInput!) { register(input: $input) { token refreshToken user { id } } }',
    { input: { username, email: `${username}@example.com`, password: 'correct horse battery', firstName: 'Fuzz', lastName: 'Er' } },
  );
  if (!response.data?.register) throw new Error(`register failed: ${JSON.stringify(response.errors)}`);
  return { token: response.data.register.token, refreshToken: response.data.register.refreshToken, id: response.data.register.user.id };
}

/** The token a case runs with: the shared accounts, except that session-ending fields get accounts of their own. */
async function tokenFor(target: Target, identity: IdentityName): Promise<string | undefined> {
  if (identity === 'anonymous') return undefined;
  if (!target.endsSessions) return tokenOf(identity);
  if (identity === 'customer') return (await throwaway()).token;
  return accounts.spareAdmin!.token;
}

/** Re-signs-in a shared account whose token stopped working; returns what it saw so the fuzzing can report it. */
async function stillSignedIn(name: 'customer' | 'admin' | 'spareAdmin'): Promise<string | null> {
  const account = accounts[name]!;
  const me = await gql<{ me: { id: string } | null }>(stack.routerUrl, '{ me { id } }', {}, account.token);
  if (me.data?.me?.id) return null;
  await login(account);
  return `status ${me.status}, ${JSON.stringify(me.errors ?? me.data)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Failures

interface Failure {
  coordinate: string;
  identity: IdentityName;
  /** What went wrong: `HTTP 500`, `INTERNAL_SERVER_ERROR`, `code X not in the catalog`, ... */
  problem: string;
  envelope: string;
  variables: string;
  requestId: string;
  detail: string;
}
const seen = { requests: 0, oversize: 0, codes: new Map<string, number>(), slowest: [] as { ms: number; what: string }[] };

const sampleLine = (failure: Failure) =>
  `    - ${failure.identity}${failure.envelope === 'plain' ? '' : ` [${failure.envelope}]`} ${failure.variables} (x-request-id ${failure.requestId})${failure.detail ? `: ${failure.detail}` : ''}`;

/** Failures by a key, then by problem: how many, as whom, and a few distinct samples of each. */
function section(list: Failure[], keyOf: (failure: Failure) => string, extra: (same: Failure[]) => string = () => ''): string[] {
  const byKey = new Map<string, Map<string, Failure[]>>();
  for (const failure of list) {
    const problems = byKey.get(keyOf(failure)) ?? new Map<string, Failure[]>();
    problems.set(failure.problem, [...(problems.get(failure.problem) ?? []), failure]);
    byKey.set(keyOf(failure), problems);
  }
  const lines: string[] = [];
  for (const [key, problems] of [...byKey].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`\n${key}`);
    for (const [problem, same] of problems) {
      lines.push(`  ${problem}: ${same.length}x as ${[...new Set(same.map((failure) => failure.identity))].join(', ')}${extra(same)}`);
      const samples = new Map<string, Failure>();
      for (const failure of same) if (samples.size < 4 && !samples.has(failure.variables)) samples.set(failure.variables, failure);
      for (const failure of samples.values()) lines.push(sampleLine(failure));
    }
  }
  return lines;
}

/**
 * The assertion message: failures of plain requests by field and problem, then those of requests with an odd
 * envelope (forged persisted-query hashes and the like, which fail before the field matters) by envelope.
 */
function report(title: string, list: Failure[]): string {
  const plain = list.filter((failure) => failure.envelope === 'plain');
  const enveloped = list.filter((failure) => failure.envelope !== 'plain');
  const fields = new Set(list.map((failure) => failure.coordinate));
  return [
    `${title}: ${list.length} failing requests in ${fields.size} fields (FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} to replay)`,
    ...(plain.length ? ['\n== Plain requests, by field'] : []),
    ...section(plain, (failure) => failure.coordinate),
    ...(enveloped.length ? ['\n== Requests with an odd envelope around the operation, by envelope'] : []),
    ...section(
      enveloped,
      (failure) => failure.envelope.split(' ')[0]!,
      (same) => ` in ${new Set(same.map((failure) => failure.coordinate)).size} fields`,
    ),
  ].join('\n');
}

/** Checks one answer against the contract; returns the problems found (none when it is a proper answer or refusal). */
function problemsOf(outcome: Outcome, target: Target, sentQuery = true): { problem: string; detail: string }[] {
  const found: { problem: string; detail: string }[] = [];
  if (outcome.transportError) return [{ problem: 'no HTTP answer', detail: outcome.transportError }];
  if (outcome.ms > SLOW_MS)
    found.push({ problem: `answered after more than ${SLOW_MS / 1000} s`, detail: `${outcome.ms} ms, HTTP ${outcome.status}` });
  const errors = errorsOf(outcome);
  const detail = (error?: ErrorBody) =>
    error
      ? `${JSON.stringify((error.message ?? '').slice(0, 160))}${error.path ? ` at ${JSON.stringify(error.path)}` : ''}`
      : outcome.text.slice(0, 160);
  // A body over the limit is refused before GraphQL (tested once on its own below): acceptable here.
  if (outcome.status === 413 && errors.every((error) => error.extensions?.code === 'PAYLOAD_TOO_LARGE')) {
    seen.oversize += 1;
    return [];
  }
  for (const error of errors)
    seen.codes.set(String(error.extensions?.code ?? 'NO_CODE'), (seen.codes.get(String(error.extensions?.code ?? 'NO_CODE')) ?? 0) + 1);
  if (outcome.status >= 500) {
    const codes = errors.map((error) => String(error.extensions?.code ?? 'NO_CODE'));
    found.push({ problem: `HTTP ${outcome.status}${codes.length ? ` ${[...new Set(codes)].join(',')}` : ''}`, detail: detail(errors[0]) });
  }
  if (outcome.body === undefined) found.push({ problem: `HTTP ${outcome.status} with a body that is not JSON`, detail: detail() });
  for (const error of errors) {
    const code = error.extensions?.code;
    if (code === ErrorCode.INTERNAL_SERVER_ERROR) {
      if (outcome.status < 500) found.push({ problem: `INTERNAL_SERVER_ERROR (HTTP ${outcome.status})`, detail: detail(error) });
    } else if (!inCatalog(code))
      found.push({ problem: `code ${JSON.stringify(code ?? null)} not in the catalog (HTTP ${outcome.status})`, detail: detail(error) });
  }
  // Without the text (a persisted-query hash alone) the router cannot know it is a subscription: PERSISTED_QUERY_NOT_FOUND.
  if (target.operation === 'subscription' && sentQuery && outcome.status < 500 && !(outcome.status >= 400 && errors.length))
    found.push({ problem: `subscription over POST not refused with a 4xx (HTTP ${outcome.status})`, detail: detail(errors[0]) });
  return found;
}

/** Seed of one field: the run's seed mixed with the field's name, so each field's cases stay put as fields come and go. */
const seedOf = (coordinate: string) => (SEED ^ createHash('sha256').update(coordinate).digest().readInt32BE(0)) | 0;

// ---------------------------------------------------------------------------------------------------------------

beforeAll(async () => {
  stack = await startTestStack({
    // The fuzzer is one client sending thousands of requests: the rate limits would answer most of them.
    router: { rateLimits: { perUserPerMinute: 10_000_000, perAddressPerMinute: 10_000_000 } },
    signInLimits: { attemptsPerUsername: 10_000_000, attemptsPerAddress: 10_000_000, registrationsPerAddress: 10_000_000 },
  });
  const url = stack.routerUrl;
  const [customer, admin, spareAdmin, ...spares] = await Promise.all([
    registerUser(url, 'fuzz_customer'),
    adminToken(stack, 'fuzz_admin'),
    adminToken(stack, 'fuzz_admin_spare'),
    throwaway(),
    throwaway(),
    throwaway(),
  ]);
  accounts.customer = { token: customer.token, username: customer.username, password: customer.password };
  accounts.admin = { token: admin, username: 'fuzz_admin', password: 'an admin password' };
  accounts.spareAdmin = { token: spareAdmin, username: 'fuzz_admin_spare', password: 'an admin password' };
  pool.refreshTokens.push(...spares.map((spare) => spare.refreshToken));
  pool.ids.push(customer.id, ...spares.map((spare) => spare.id));

  // Money and orders, so the money paths and cancelOrder have something to work on.
  const must = async (query: string, variables: Record<string, unknown> = {}, token = customer.token) => {
    const response = await gql<Record<string, Record<string, unknown>>>(url, query, variables, token);
    if (response.errors) throw new Error(`${query}: ${JSON.stringify(response.errors)}`);
    return response.data!;
  };
  await must('mutation { deposit(amount: "100000") { id } }');
  const orders = await Promise.all([
    must('mutation { placeOrder(input: { symbol: "ETH", side: BUY, type: MARKET, quantity: "0.01" }) { id } }'),
    must(
      'mutation { placeOrder(input: { symbol: "BTC", side: BUY, type: LIMIT, quantity: "0.01", limitPrice: "1", clientOrderId: "fuzz-client-1" }) { id } }',
    ),
  ]);
  pool.ids.push(...orders.map((order) => String(order.placeOrder!.id)));

  // Real cursors of every list, as the customer and the admin see them.
  const cursors = await Promise.all([
    gql(
      url,
      `{ me { id orders(first: 1) { pageInfo { endCursor } } transactions(first: 1) { pageInfo { endCursor } edges { node { id } } }
          deposits: transactions(first: 1, filter: { type: DEPOSIT }) { pageInfo { endCursor } }
          securityEvents(first: 1) { pageInfo { endCursor } } } }`,
      {},
      customer.token,
    ),
    gql(url, '{ assets(first: 1) { pageInfo { endCursor } } searched: assets(first: 1, filter: { search: "b" }) { pageInfo { endCursor } } }'),
    gql(
      url,
      '{ me { id } users(first: 1) { pageInfo { endCursor } } auditEvents(first: 1) { pageInfo { endCursor } } reconciliation(first: 1) { pageInfo { endCursor } } }',
      {},
      admin,
    ),
  ]);
  const collect = (value: unknown) => {
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'endCursor' && typeof child === 'string') pool.cursors.push(child);
      else if (key === 'id' && typeof child === 'string' && !pool.ids.includes(child)) pool.ids.push(child);
      else collect(child);
    }
  };
  for (const response of cursors) {
    if (response.errors) throw new Error(`reading cursors: ${JSON.stringify(response.errors)}`);
    collect(response.data);
  }

  schema = await introspect(url);
  const found = await findTargets(schema);
  targets = found.targets;
  if (found.unreachable.length) throw new Error(`fields with arguments that no query reaches: ${found.unreachable.join(', ')}`);
}, 120_000);

afterAll(async () => {
  agent.destroy();
  await stack?.close();
}, 60_000);

test('every field with arguments is a target', () => {
  const withArgs: string[] = [];
  for (const type of Object.values(schema.getTypeMap()))
    if (isObjectType(type) && !type.name.startsWith('__'))
      for (const field of Object.values(type.getFields())) if (field.args.length) withArgs.push(`${type.name}.${field.name}`);
  expect(targets.map((target) => target.coordinate).sort()).toEqual(withArgs.sort());
  // The known ones, so a broken introspection cannot pass this with an empty schema.
  expect(withArgs).toEqual(
    expect.arrayContaining(['Query.order', 'Mutation.deposit', 'Subscription.priceChanged', 'User.transactions', 'Asset.candles']),
  );
});

const perField = () => Math.max(1, Math.ceil(RUNS / Math.max(targets.length, 1)));
/** Requests that got no answer, by field: after MAX_TIMEOUTS the field's remaining cases are skipped (and reported). */
const timeouts = new Map<string, number>();
const MAX_TIMEOUTS = 2;
const skipped = new Map<string, number>();
/** Cases in flight at once (each sent as three identities): a request that hangs does not hold up the others. */
const CONCURRENCY = Math.max(1, Number(process.env.FUZZ_CONCURRENCY ?? 4));

/** Runs tasks CONCURRENCY at a time: `add` waits for a free slot, `drain` for the rest. */
function limiter() {
  const running = new Set<Promise<unknown>>();
  return {
    async add(task: () => Promise<unknown>) {
      while (running.size >= CONCURRENCY) await Promise.race(running);
      const promise: Promise<unknown> = task().finally(() => running.delete(promise));
      running.add(promise);
    },
    drain: () => Promise.all(running),
  };
}

/** Sends one operation as every identity and records what breaks the contract; false when the field is given up. */
async function sendCase(
  target: Target,
  query: string,
  values: Record<string, unknown>,
  envelope: Envelope,
  list: Failure[],
  label = '',
): Promise<boolean> {
  if ((timeouts.get(target.coordinate) ?? 0) >= MAX_TIMEOUTS) {
    skipped.set(target.coordinate, (skipped.get(target.coordinate) ?? 0) + 1);
    return false;
  }
  const body = requestBody(query, values, envelope);
  const described =
    label +
    (Object.entries(values)
      .map(([key, value]) => `${key.slice(2)}=${shape(value)}`)
      .join(' ') || '(no variables)');
  const sentQuery = !(envelope.kind === 'apq-forged-hash' || envelope.kind === 'apq-true-hash') || envelope.withQuery;
  await Promise.all(
    target.identities.map(async (identity) => {
      const outcome = await post(stack.routerUrl, body, await tokenFor(target, identity));
      seen.requests += 1;
      seen.slowest.push({ ms: outcome.ms, what: `${target.coordinate} as ${identity} (${outcome.requestId}, HTTP ${outcome.status})` });
      seen.slowest = seen.slowest.sort((a, b) => b.ms - a.ms).slice(0, 5);
      if (outcome.transportError) timeouts.set(target.coordinate, (timeouts.get(target.coordinate) ?? 0) + 1);
      for (const { problem, detail } of problemsOf(outcome, target, sentQuery))
        list.push({
          coordinate: target.coordinate,
          identity,
          problem,
          envelope: envelope.kind === 'plain' ? 'plain' : `${envelope.kind} ${shape(Object.values(envelope)[1])}`,
          variables: described,
          requestId: outcome.requestId,
          detail,
        });
    }),
  );
  return true;
}

/** The shared accounts must keep working: a case that ended their session is a finding, and they sign in again. */
async function checkAccounts(target: Target, list: Failure[]): Promise<void> {
  for (const name of ['customer', 'admin', 'spareAdmin'] as const) {
    const lost = await stillSignedIn(name);
    if (lost)
      list.push({
        coordinate: target.coordinate,
        identity: name === 'customer' ? 'customer' : 'admin',
        problem: `the shared ${name} token stopped working`,
        envelope: 'plain',
        variables: '(one of the last cases of this field)',
        requestId: '-',
        detail: lost,
      });
  }
}

function summary(phase: string): string {
  const codes = [...seen.codes].sort(([, a], [, b]) => b - a).map(([code, count]) => `${code} ${count}`);
  const slowest = seen.slowest.map((slow) => `${slow.ms} ms ${slow.what}`).join(', ');
  const gaveUp = [...skipped].map(([coordinate, count]) => `${coordinate} (${count} cases skipped after ${MAX_TIMEOUTS} requests without an answer)`);
  skipped.clear();
  timeouts.clear();
  return `fuzz ${phase}: ${seen.requests} requests so far (${seen.oversize} over the body limit); codes: ${codes.join(', ')}; slowest: ${slowest}${gaveUp.length ? `; given up: ${gaveUp.join(', ')}` : ''}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// The dictionary: values known to break services, in every argument and input field, one at a time

const INT_DICTIONARY: unknown[] = [0, -1, 101, 1001, 2 ** 31, 1.5, '10', 1e308];
const ID_DICTIONARY: unknown[] = ['', ' ', '#', 'a/b', '\u0000', 'x'.repeat(1025), 'x'.repeat(3000), '01ARZ3NDEKTSV4RRFFQ69G5FAV', 1];
const STRING_DICTIONARY: unknown[] = ['', '\u0000', '\ud800', 'İ', "' OR 1=1 --", '__proto__', '#', 'x'.repeat(3000), 'x'.repeat(100_000)];
const DECIMAL_DICTIONARY: unknown[] = ['0', '-1', '0.001', '1e308', 'NaN', `1${'0'.repeat(40)}`, '9'.repeat(400), `0.${'0'.repeat(400)}1`, '', 1];
const DATE_DICTIONARY: unknown[] = [
  '',
  '2026-02-30T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '1970-01-01T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
  new Date(Date.now() + 365 * 86_400_000).toISOString(),
  '2026-01-01',
  0,
];
/** Wrong JSON types, for every leaf: an object, and 5000 levels of objects and of arrays. */
const WRONG_DICTIONARY: unknown[] = [{}, new Deep(5000, 'object', '1'), new Deep(5000, 'array', '1')];

/** Forged cursors, including this stack's own cursors with their position (or day) replaced. */
function cursorDictionary(): unknown[] {
  const forged: unknown[] = ['MWUrMzA4', b64('1e+300'), b64('-1'), b64('"x"'), b64('{}'), b64('[1e308,"x"]'), '', 'x'.repeat(600)];
  for (const real of pool.cursors) {
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(real, 'base64url').toString('utf8'));
    } catch {
      continue;
    }
    if (Array.isArray(decoded)) forged.push(b64(JSON.stringify([1e308, ...decoded.slice(1)])));
    else if (decoded && typeof decoded === 'object')
      forged.push(b64(JSON.stringify({ ...decoded, day: '9999-12-31' })), b64(JSON.stringify({ ...decoded, day: '0000-01-01', sk: '' })));
    else forged.push(b64(JSON.stringify(typeof decoded === 'string' ? `${decoded}#x` : 1e308)));
  }
  return [...new Set(forged)];
}

/** The dictionary of one leaf argument or input field, by its type and name. */
function dangerousValues(type: GraphQLInputType, name: string): unknown[] {
  const inner = getNullableType(type) as GraphQLInputType;
  if (isEnumType(inner)) return [inner.getValues()[0]!.name.toLowerCase(), '', 'STEAL', 0, ...WRONG_DICTIONARY];
  const scalar = isScalarType(inner) ? inner.name : 'String';
  const key = name.toLowerCase();
  if (key === 'after' || key === 'before' || key.includes('cursor')) return [...cursorDictionary(), ...WRONG_DICTIONARY];
  if (scalar === 'ID' || key === 'id' || key.endsWith('id') || key === 'actor') return [...ID_DICTIONARY, ...WRONG_DICTIONARY];
  if (scalar === 'Int' || scalar === 'Float') return [...INT_DICTIONARY, ...WRONG_DICTIONARY];
  if (scalar === 'Boolean') return ['true', 0, ...WRONG_DICTIONARY];
  if (scalar === 'Decimal') return [...DECIMAL_DICTIONARY, ...WRONG_DICTIONARY];
  if (scalar === 'DateTime') return [...DATE_DICTIONARY, ...WRONG_DICTIONARY];
  return [...STRING_DICTIONARY, ...WRONG_DICTIONARY];
}

/** The smallest valid value: required input fields only, one list item. */
function minimalValid(type: GraphQLInputType, name: string): unknown {
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) return [minimalValid(inner.ofType as GraphQLInputType, name)];
  if (isInputObjectType(inner))
    return Object.fromEntries(
      Object.values(inner.getFields())
        .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
        .map((field) => [field.name, minimalValid(field.type, field.name)]),
    );
  if (name.toLowerCase().includes('symbol')) return 'BTC';
  return strip(fc.sample(validArb(inner, name, 0), { seed: SEED, numRuns: 1 })[0]);
}

interface Slot {
  /** The argument, then the input fields down to the one fuzzed. */
  path: string[];
  type: GraphQLInputType;
}

function slotsOf(inputs: readonly { name: string; type: GraphQLInputType }[], prefix: string[] = []): Slot[] {
  return inputs.flatMap((input) => {
    const slot = { path: [...prefix, input.name], type: input.type };
    const inner = getNullableType(input.type);
    return isInputObjectType(inner) && prefix.length < 3 ? [slot, ...slotsOf(Object.values(inner.getFields()), slot.path)] : [slot];
  });
}

/** The values a slot gets: its type's dictionary (lists and input objects get their own shapes too). */
function slotValues(slot: Slot): unknown[] {
  const name = slot.path[slot.path.length - 1]!;
  const inner = getNullableType(slot.type) as GraphQLInputType;
  if (isListType(inner)) {
    const item = inner.ofType as GraphQLInputType;
    const one = minimalValid(item, name);
    const items = isLeafType(getNamedType(item)) ? dangerousValues(item, name).map((value) => [value]) : [];
    return [[], [null], Array.from({ length: 5000 }, () => one), one, new Deep(3000, 'array', '1'), ...items];
  }
  if (isInputObjectType(inner)) return [{}, null, 'x', new Deep(3000, 'object', null)];
  return dangerousValues(slot.type, name);
}

/** Variables with one slot set to `value`: required arguments (and input fields) valid, optional ones left out. */
function variablesWith(target: Target, slot: Slot, value: unknown): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const arg of target.field.args) {
    if (arg.name === slot.path[0]) {
      if (slot.path.length === 1) variables[variableName(arg)] = value;
      else {
        const root = (minimalValid(arg.type, arg.name) ?? {}) as Record<string, unknown>;
        let object = root;
        for (const key of slot.path.slice(1, -1)) object = (object[key] ??= {}) as Record<string, unknown>;
        object[slot.path[slot.path.length - 1]!] = value;
        variables[variableName(arg)] = root;
      }
    } else if (isNonNullType(arg.type)) variables[variableName(arg)] = minimalValid(arg.type, arg.name);
  }
  return variables;
}

test('a dictionary of dangerous values in every argument and input field, one at a time, never breaks the platform', async () => {
  const list: Failure[] = [];
  let cases = 0;
  for (const target of targets) {
    const query = operationText(target);
    const lanes = limiter();
    for (const slot of slotsOf(target.field.args))
      for (const value of slotValues(slot)) {
        cases += 1;
        await lanes.add(() => sendCase(target, query, variablesWith(target, slot, value), { kind: 'plain' }, list, `[${slot.path.join('.')}] `));
      }
    await lanes.drain();
    await checkAccounts(target, list);
  }
  process.stdout.write(summary(`dictionary (${cases} cases)`));
  expect(list.length ? report('The dictionary found holes', list) : 'no failures').toBe('no failures');
}, 300_000);

test(
  `random hostile arguments of every field, as anonymous, customer and admin, never break the platform (FUZZ_SEED=${SEED}, FUZZ_RUNS=${RUNS})`,
  async () => {
    const runs = perField();
    const list: Failure[] = [];
    for (const target of targets) {
      const query = operationText(target);
      const variables = fc.oneof(
        fc.record(Object.fromEntries(target.field.args.map((arg) => [variableName(arg), argArb(arg.type, arg.name, 0)])), { requiredKeys: [] }),
        focused(target.field.args, 0, (name) => variableName({ name } as GraphQLArgument)),
      );
      const lanes = limiter();
      let index = 0;
      await fc.assert(
        fc.asyncProperty(variables, envelopeArb, async (generated, envelope) => {
          index += 1;
          await lanes.add(() => sendCase(target, query, strip(generated) as Record<string, unknown>, envelope, list));
          if (index % 50 === 0) await lanes.drain().then(() => checkAccounts(target, list));
        }),
        { seed: seedOf(target.coordinate), numRuns: runs, endOnFailure: true },
      );
      await lanes.drain();
      await checkAccounts(target, list);
    }
    process.stdout.write(summary(`random (${targets.length} fields x ${runs} cases)`));
    expect(list.length ? report('The fuzzer found holes', list) : 'no failures').toBe('no failures');
  },
  Math.max(60_000, RUNS * 3 * 150),
);

test('a body over the limit is refused with 413 before GraphQL', async () => {
  const pad = 'x'.repeat(MAX_BODY_BYTES);
  const outcome = await post(stack.routerUrl, JSON.stringify({ query: 'query($p: String) { asset(symbol: $p) { symbol } }', variables: { p: pad } }));
  expect(outcome.status).toBe(413);
  expect(errorsOf(outcome).map((error) => error.extensions?.code)).toEqual(['PAYLOAD_TOO_LARGE']);
});

test('subscriptions over a plain POST are refused with a 4xx and a catalog code', async () => {
  const list: Failure[] = [];
  for (const target of targets.filter((candidate) => candidate.operation === 'subscription')) {
    // Valid in every other way: required arguments valid, optional ones left out.
    const variables = Object.fromEntries(
      target.field.args.filter((arg) => isNonNullType(arg.type)).map((arg) => [variableName(arg), minimalValid(arg.type, arg.name)]),
    );
    await sendCase(target, operationText(target), variables, { kind: 'plain' }, list);
  }
  expect(list.length ? report('Subscriptions over POST', list) : 'no failures').toBe('no failures');
});

test('afterwards the router and every subgraph are up and answer', async () => {
  const health = (url: string) => fetch(url.replace(/\/graphql$/, '/health')).then((response) => response.status);
  expect(await Promise.all([stack.routerUrl, ...Object.values(stack.subgraphUrls)].map(health))).toEqual([200, 200, 200, 200]);
  const asset = await gql(stack.routerUrl, '{ asset(symbol: "BTC") { symbol } }');
  expect(asset).toMatchObject({ status: 200, data: { asset: { symbol: 'BTC' } } });
  expect(await stillSignedIn('customer')).toBeNull();
  const me = await gql(stack.routerUrl, '{ me { id balance } }', {}, accounts.customer!.token);
  expect(me.errors).toBeUndefined();
  expect(CATALOG).toEqual(expect.arrayContaining(['BAD_USER_INPUT', 'MAX_COST_EXCEEDED', 'GRAPHQL_VALIDATION_FAILED']));
});
