import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { createDatabase, createLogger, Dec } from '@trading/platform';
import { type Mismatch, reconcileAll } from '@trading/ledger';
import { startStack, type RunningStack, type StackOptions } from '../src/stack';

/** Settings the test stacks share; tokens are signed with a fresh secret per stack. */
export function testJwt() {
  return { secret: randomBytes(32).toString('base64url'), issuer: 'trading-platform', audience: 'trading-api', ttlSeconds: 900 };
}

/** The whole platform on free ports with an in-memory embedded database; Redis when `redisUrl` is given. */
export async function startTestStack(
  options: {
    redisUrl?: string;
    router?: StackOptions['router'];
    signInLimits?: StackOptions['users']['signInLimits'];
    dynamoEndpoint?: string;
    jwt?: ReturnType<typeof testJwt>;
    internalSecret?: string;
    priceFeed?: NonNullable<StackOptions['inventory']>['priceFeed'];
    priceHistory?: NonNullable<StackOptions['inventory']>['priceHistory'];
  } = {},
): Promise<RunningStack & { jwt: ReturnType<typeof testJwt>; internalSecret: string }> {
  // Stacks sharing a database (e.g. two "processes") must share their secrets too.
  const jwt = options.jwt ?? testJwt();
  const internalSecret = options.internalSecret ?? randomBytes(32).toString('base64url');
  const stack = await startStack({
    jwt,
    internalSecret,
    users: { bcryptCost: 4, ...(options.signInLimits ? { signInLimits: options.signInLimits } : {}) },
    inventory: {
      ...(options.priceFeed ? { priceFeed: options.priceFeed } : {}),
      ...(options.priceHistory ? { priceHistory: options.priceHistory } : {}),
    },
    ports: { router: 0, users: 0, inventory: 0, orders: 0 },
    ...(options.router ? { router: options.router } : {}),
    ...(options.dynamoEndpoint ? { dynamoEndpoint: options.dynamoEndpoint } : {}),
    host: '127.0.0.1',
    coordinationPrefix: `test:${randomUUID()}:`,
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
    log: createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent'),
  });
  // Every test file's traffic must leave books that balance: the stack reconciles them before it stops.
  const close = async () => {
    let mismatches: Mismatch[];
    try {
      mismatches = await reconcileBooks(stack.dynamoEndpoint);
    } finally {
      await stack.close();
    }
    if (mismatches.length) throw new Error(`the books do not balance after this test file:\n${JSON.stringify(mismatches, null, 2)}`);
  };
  return { ...stack, close, jwt, internalSecret };
}

/** Every mismatch between balances, holdings, the ledger and the fills, read straight from the database. */
export async function reconcileBooks(dynamoEndpoint: string): Promise<Mismatch[]> {
  const db = createDatabase({ endpoint: dynamoEndpoint, region: 'us-east-1', tablePrefix: 'trading-' });
  const mismatches: Mismatch[] = [];
  try {
    for await (const users of reconcileAll(db)) mismatches.push(...users.flatMap((user) => user.mismatches));
  } finally {
    db.close();
  }
  return mismatches;
}

/** Moves an asset's price as an admin does (inventory publishes the tick); fails on any error. */
export async function setAssetPrice(routerUrl: string, adminToken: string, symbol: string, price: string): Promise<void> {
  const updated = await gql(
    routerUrl,
    'mutation($s: String!, $p: Decimal!) { updateAsset(symbol: $s, input: { price: $p }) { price } }',
    { s: symbol, p: price },
    adminToken,
  );
  if (updated.errors) throw new Error(`updateAsset ${symbol} ${price}: ${JSON.stringify(updated.errors)}`);
}

/** A GraphQL response as a client sees it. */
export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string; [key: string]: unknown } }[];
}

/** Posts an operation like any HTTP client would. */
export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GqlResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    // A request that hangs is a failure to report, not a test that times out without saying which.
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as GqlResponse<T>;
  return { ...body, status: response.status };
}

/** The error codes of a response, in order. */
export const codes = (response: GqlResponse<unknown>) => (response.errors ?? []).map((error) => error.extensions?.code);

/** Registers a fresh user and returns its token and id. */
export async function registerUser(url: string, prefix = 'trader'): Promise<{ token: string; id: string; username: string; password: string }> {
  const username = `${prefix}_${randomUUID().slice(0, 8)}`;
  const password = 'correct horse battery';
  const response = await gql<{ register: { token: string; user: { id: string } } }>(
    url,
    'mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }',
    { input: { username, email: `${username}@example.com`, password, firstName: 'Ada', lastName: 'Lovelace' } },
  );
  if (!response.data?.register) throw new Error(`register failed: ${JSON.stringify(response.errors)}`);
  return { token: response.data.register.token, id: response.data.register.user.id, username, password };
}

/** Exact decimal from a wire string. */
export const d = (value: string | number) => new Dec(value);

/**
 * Runs the real `npm run create-admin` against a stack's database, as an operator would; resolves with its exit
 * code and output.
 */
export function runCreateAdmin(stack: RunningStack, args: string[], password: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      'npm',
      ['run', '-s', 'create-admin', '--', ...args],
      {
        cwd: path.resolve(__dirname, '..', '..'),
        env: {
          ...process.env,
          DYNAMODB_ENDPOINT: stack.dynamoEndpoint,
          ADMIN_PASSWORD: password,
          BCRYPT_COST: '4',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
    child.stdin?.end();
  });
}

/** Creates an admin with the command and signs in; returns the admin's token. */
export async function adminToken(stack: RunningStack, username: string, password = 'an admin password'): Promise<string> {
  const created = await runCreateAdmin(stack, ['--username', username, '--email', `${username}@example.com`], password);
  if (created.code !== 0) throw new Error(`create-admin failed: ${created.output}`);
  const login = await gql<{ login: { token: string } }>(stack.routerUrl, 'mutation($i: LoginInput!) { login(input: $i) { token } }', {
    i: { username, password },
  });
  if (!login.data?.login) throw new Error(`admin login failed: ${JSON.stringify(login.errors)}`);
  return login.data.login.token;
}
