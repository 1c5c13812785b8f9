import { execFile } from 'node:child_process';
import path from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDatabase, dynamoNumber, Dec } from '@trading/platform';
import { adminToken, codes, gql, registerUser, startTestStack } from './support';

// `npm run reconcile` and Query.reconciliation over real traffic, and over books broken on purpose.

let stack: Awaited<ReturnType<typeof startTestStack>>;
let admin: string;

function reconcile(env: Record<string, string>, args: string[] = []): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '-s', 'reconcile', '--', ...args],
      {
        cwd: path.resolve(__dirname, '..', '..'),
        env: { ...process.env, DYNAMODB_ENDPOINT: stack.dynamoEndpoint, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

beforeAll(async () => {
  stack = await startTestStack();
  admin = await adminToken(stack, 'auditor');
  for (const name of ['one', 'two', 'three']) {
    const user = await registerUser(stack.routerUrl, name);
    await gql(stack.routerUrl, 'mutation { deposit(amount: "900") { id } }', {}, user.token);
    await gql(stack.routerUrl, 'mutation { placeOrder(input: { symbol: "SOL", side: BUY, type: MARKET, quantity: "1.5" }) { id } }', {}, user.token);
    await gql(stack.routerUrl, 'mutation { placeOrder(input: { symbol: "SOL", side: SELL, type: MARKET, quantity: "0.5" }) { id } }', {}, user.token);
    await gql(stack.routerUrl, 'mutation { withdraw(amount: "12.34") { id } }', {}, user.token);
  }
}, 60_000);
afterAll(() => stack?.close());

test('npm run reconcile prints every user and says the books balance', async () => {
  const result = await reconcile({});
  expect(result.code).toBe(0);
  expect(result.output).toMatch(/^ok {4}one_\w+ \(\w+\): cash [\d.]+, 4 ledger entries, 2 orders, 1 holdings$/m);
  expect(result.output).toMatch(/^4 users checked: the books balance\.$/m);
}, 30_000);

test('npm run reconcile in production needs the database settings only, not the secrets no command uses', async () => {
  const result = await reconcile({ NODE_ENV: 'production', JWT_SECRET: '', INTERNAL_SECRET: '' });
  expect(result.output).not.toMatch(/SECRET/);
  expect(result.code).toBe(0);
  expect(result.output).toMatch(/^4 users checked: the books balance\.$/m);
}, 30_000);

test('Query.reconciliation pages through the users for an admin, and is FORBIDDEN to customers', async () => {
  const first = await gql<{ reconciliation: { usersChecked: number; mismatches: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
    stack.routerUrl,
    '{ reconciliation(first: 3) { usersChecked mismatches { kind } pageInfo { hasNextPage endCursor } } }',
    {},
    admin,
  );
  expect(first.data?.reconciliation).toMatchObject({ usersChecked: 3, mismatches: [], pageInfo: { hasNextPage: true } });
  const rest = await gql<{ reconciliation: { usersChecked: number } }>(
    stack.routerUrl,
    'query($a: String) { reconciliation(first: 3, after: $a) { usersChecked } }',
    { a: first.data!.reconciliation.pageInfo.endCursor },
    admin,
  );
  expect(rest.data?.reconciliation.usersChecked).toBe(1);
  const customer = await registerUser(stack.routerUrl, 'nosy');
  expect(codes(await gql(stack.routerUrl, '{ reconciliation { usersChecked } }', {}, customer.token))).toEqual(['FORBIDDEN']);
});

test('broken books make the command fail and name each mismatch', async () => {
  // A separate set of tables, so the platform's own books stay intact.
  const db = createDatabase({ endpoint: stack.dynamoEndpoint, region: 'us-east-1', tablePrefix: 'broken-' });
  try {
    await db.ensureTables(['users', 'ledger', 'orders', 'holdings']);
    await db.doc.send(
      new PutCommand({
        TableName: db.tables.users,
        Item: { id: 'u-broken', username: 'mallory', balance: dynamoNumber(new Dec('50')), ledgerSeq: dynamoNumber(0) },
      }),
    );
    await db.doc.send(
      new PutCommand({
        TableName: db.tables.holdings,
        Item: { userId: 'u-broken', symbol: 'BTC', quantity: dynamoNumber(new Dec('2')), costBasis: dynamoNumber(new Dec(0)) },
      }),
    );
  } finally {
    db.close();
  }
  const result = await reconcile({ DYNAMODB_TABLE_PREFIX: 'broken-' }, ['--quiet']);
  expect(result.code).toBe(1);
  expect(result.output).toMatch(/^FAIL {2}mallory/m);
  expect(result.output).toMatch(/BALANCE_NOT_LEDGER_SUM cash: expected 0, found 50/);
  expect(result.output).toMatch(/HOLDING_NOT_FILLS BTC: expected 0, found 2/);
  expect(result.output).toMatch(/^1 users checked: 2 mismatches in 1 users\.$/m);
}, 30_000);
