import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '@trading/platform/dynamodb/embedded';
import { gql, registerUser } from './support';
import { primed, subscribe, wsClient } from './ws-support';

// Many instances, as separate Node processes on the real Redis: a fill made by one orders process reaches a
// subscriber connected through another router process to another orders process.

const ROOT = path.resolve(__dirname, '..', '..', '..');
const children: ChildProcess[] = [];
let dynamo: EmbeddedDynamo;

const env = {
  JWT_SECRET: randomBytes(32).toString('base64url'),
  INTERNAL_SECRET: randomBytes(32).toString('base64url'),
  REDIS_URL: 'redis://127.0.0.1:6379',
  REDIS_KEY_PREFIX: `test:${randomUUID()}:`,
  BCRYPT_COST: '4',
  LOG_LEVEL: 'info',
  HOST: '127.0.0.1',
  PORT: '0',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** Starts one service in its own process and resolves with the URL it logs once ready. */
function service(workspace: string, extra: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, workspace, 'src', 'main.ts')], {
    cwd: path.join(ROOT, workspace),
    env: { ...process.env, ...env, DYNAMODB_ENDPOINT: dynamo.endpoint, ...extra },
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)".*ready/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${workspace} exited with ${code}:\n${output}`)));
  });
}

beforeAll(async () => {
  dynamo = await startEmbeddedDynamo();
  const [users, inventory] = await Promise.all([service('subgraphs/users', {}), service('subgraphs/inventory', {})]);
  const [ordersA, ordersB] = await Promise.all([
    service('subgraphs/orders', { INVENTORY_URL: inventory }),
    service('subgraphs/orders', { INVENTORY_URL: inventory }),
  ]);
  const routerFor = (orders: string) =>
    service('router', { SUBGRAPH_URL_USERS: users, SUBGRAPH_URL_INVENTORY: inventory, SUBGRAPH_URL_ORDERS: orders });
  [routerA, routerB] = await Promise.all([routerFor(ordersA), routerFor(ordersB)]);
}, 90_000);
afterAll(async () => {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.removeAllListeners('exit');
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  await dynamo?.close();
});

let routerA = '';
let routerB = '';

test('a fill on one orders process reaches a subscriber of another router process', async () => {
  const alice = await registerUser(routerA, 'multi');
  await gql(routerB, 'mutation { deposit(amount: "1000") { id } }', {}, alice.token);
  const client = wsClient(routerA, { authorization: `Bearer ${alice.token}` });
  try {
    const updates = subscribe<{ orderUpdated: { id: string; status: string; asset: { name: string }; user: { username: string } } }>(
      client,
      'subscription { orderUpdated { id status asset { name } user { username } } }',
    );
    const placed: string[] = [];
    const buy = async () => {
      const response = await gql<{ placeOrder: { id: string } }>(
        routerB,
        'mutation { placeOrder(input: { symbol: "ETH", side: BUY, type: MARKET, quantity: "0.01" }) { id } }',
        {},
        alice.token,
      );
      placed.push(response.data!.placeOrder.id);
    };
    const event = await primed(updates, buy);
    expect(placed).toContain(event.data?.orderUpdated.id);
    expect(event.data?.orderUpdated).toMatchObject({ status: 'FILLED', asset: { name: 'Ethereum' }, user: { username: alice.username } });
    // Once the path is live, every later fill arrives, in order, once.
    await buy();
    await buy();
    const seen = [event.data!.orderUpdated.id];
    while (seen.at(-1) !== placed.at(-1)) seen.push((await updates.next(10_000)).data!.orderUpdated.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(-2)).toEqual(placed.slice(-2));
  } finally {
    await client.dispose();
  }
}, 60_000);
