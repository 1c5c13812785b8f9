import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gql, registerUser } from './support';
import { nodeEnvOfService } from '../src/processes';

// The README's command: `npm start` serves the platform within 30 s, keeps its data, and stops on SIGTERM.

const ROOT = path.resolve(__dirname, '..', '..');
let dataDir: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trading-start-'));
});
afterAll(() => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `npm start` in its own process group and resolves with the printed router URL once it is ready. */
function npmStart(settings: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: nodeEnvOfService(),
      DATA_DIR: dataDir,
      PORT: '0',
      USERS_PORT: '0',
      INVENTORY_PORT: '0',
      ORDERS_PORT: '0',
      HOST: '127.0.0.1',
      BCRYPT_COST: '4',
      LOG_LEVEL: 'warn',
      ...settings,
    },
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /GraphQL API and Apollo Sandbox\s+(http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1], output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
}

/** Sends SIGTERM to the whole group; resolves true once it has exited (npm itself dies of the signal, code null). */
function stop(child: ChildProcess): Promise<boolean> {
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(code === 0 || signal === 'SIGTERM'));
    process.kill(-child.pid!, 'SIGTERM');
  });
}

test('npm start serves the router within 30 s, persists data across a restart, and stops on SIGTERM', async () => {
  const startedAt = Date.now();
  const first = await npmStart();
  expect(Date.now() - startedAt).toBeLessThan(30_000);
  const health = await fetch(first.url.replace(/\/graphql$/, '/health'));
  expect(await health.json()).toEqual({ status: 'ok' });
  // Apollo Sandbox for a browser on GET /graphql.
  const landing = await fetch(first.url, { headers: { accept: 'text/html' } });
  expect(landing.headers.get('content-type')).toContain('text/html');
  expect(await landing.text()).toContain('sandbox');
  // The built web app on every other path (client-side routes too), compressed.
  for (const route of ['/', '/markets', '/trade/BTC']) {
    const page = await fetch(first.url.replace(/\/graphql$/, route), { headers: { 'accept-encoding': 'gzip' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toMatch(/<div id="root">/);
  }
  const missing = await fetch(first.url.replace(/\/graphql$/, '/assets/nothing-here.js'));
  expect(missing.status).toBe(404);
  const escape = await fetch(first.url.replace(/\/graphql$/, '/%2e%2e/%2e%2e/package.json'));
  expect(escape.status).toBe(404);

  // A fresh database opens charts full: the simulated history ends at the live price.
  const chart = await gql<{ asset: { price: string; candles: { start: string; close: string }[] } }>(
    first.url,
    '{ asset(symbol: "BTC") { price candles(interval: ONE_HOUR, last: 168) { start close } } }',
  );
  expect(chart.data?.asset.candles).toHaveLength(168);

  const trader = await registerUser(first.url, 'persist');
  await gql(first.url, 'mutation { deposit(amount: "42.42") { id } }', {}, trader.token);
  expect(await stop(first.child)).toBe(true);

  const second = await npmStart();
  // Same data folder: the account, its balance and the generated signing secret survived the restart.
  const me = await gql<{ me: { username: string; balance: string } }>(second.url, '{ me { username balance } }', {}, trader.token);
  expect(me.data?.me).toEqual({ username: trader.username, balance: '42.42' });
  // The history is backfilled once: the restart carries on from it (the hours before the last two are unchanged).
  const again = await gql<{ asset: { candles: { start: string; close: string }[] } }>(
    second.url,
    '{ asset(symbol: "BTC") { candles(interval: ONE_HOUR, last: 168) { start close } } }',
  );
  const before = new Map(chart.data!.asset.candles.slice(0, -2).map((candle) => [candle.start, candle.close]));
  const kept = again.data!.asset.candles.filter((candle) => before.has(candle.start));
  expect(kept.length).toBeGreaterThanOrEqual(160);
  expect(kept.every((candle) => before.get(candle.start) === candle.close)).toBe(true);
  expect(fs.statSync(path.join(dataDir, 'jwt-secret')).mode & 0o077).toBe(0);
  expect(await stop(second.child)).toBe(true);
}, 90_000);

test("npm start honours each service's own settings, as the service alone would (one mapping per service)", async () => {
  const started = await npmStart({
    DATA_DIR: path.join(dataDir, 'settings'),
    MAX_DEPTH: '3',
    PRICE_FEED: 'off',
    PRICE_HISTORY: 'off',
    LOGIN_ATTEMPTS_PER_USERNAME: '1',
  });
  try {
    // The router's: a query four levels deep is over MAX_DEPTH=3.
    const deep = await gql(started.url, '{ assets(first: 1) { edges { node { symbol } } } }');
    expect(deep.errors?.[0]?.extensions?.code).toBe('MAX_DEPTH_EXCEEDED');
    // The inventory's: no simulated history, and no feed moving prices.
    const read = () =>
      gql<{ asset: { price: string; candles: unknown[] } }>(started.url, '{ asset(symbol: "BTC") { price candles(interval: ONE_HOUR) { close } } }');
    const first = await read();
    expect(first.data?.asset.candles).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await read()).data?.asset.price).toBe(first.data?.asset.price);
    // The users subgraph's: one sign-in attempt per account, then RATE_LIMITED.
    const login = (password: string) =>
      gql(started.url, 'mutation($i: LoginInput!) { login(input: $i) { token } }', { i: { username: 'nobody-here', password } });
    expect((await login('guess one')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await login('guess two')).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  } finally {
    expect(await stop(started.child)).toBe(true);
  }
}, 90_000);

test('npm run db makes a data folder that does not exist yet, with its parents', async () => {
  const folder = path.join(dataDir, 'new', 'nested');
  const child = spawn('npm', ['run', 'db'], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, DATA_DIR: folder, DYNAMODB_PORT: '0', LOG_LEVEL: 'info' },
  });
  children.push(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('embedded DynamoDB ready')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm run db exited with ${code}:\n${output}`)));
  });
  expect(fs.existsSync(path.join(folder, 'dynamodb'))).toBe(true);
  expect(await stop(child)).toBe(true);
}, 60_000);
