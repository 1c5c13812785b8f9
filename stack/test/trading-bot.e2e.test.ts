import { execFile } from 'node:child_process';
import path from 'node:path';
import { gql, registerUser, startTestStack } from './support';

// docs/examples/trading-bot.ts, run as its README line says, against a real stack whose simulated feed ticks fast:
// with nothing but an API key it reads its watchlist, follows ticks and its orders over graphql-ws, places a limit
// buy and cancels it when it stops.

const BOT = path.resolve(__dirname, '..', '..', 'docs', 'examples', 'trading-bot.ts');

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack({ priceFeed: { tickMs: 200, volatility: 0.001, share: 1, leaders: 3, symbols: ['BTC', 'ETH', 'SOL'], seed: 3 } });
});
afterAll(() => stack?.close());

test('the example bot works a few ticks with one key, then cancels its order and stops', async () => {
  const owner = await registerUser(stack.routerUrl, 'bot_runner');
  await gql(stack.routerUrl, 'mutation { deposit(amount: "1000") { id } }', {}, owner.token);
  const created = await gql<{ createApiKey: { secret: string } }>(
    stack.routerUrl,
    'mutation { createApiKey(input: { name: "example bot", scopes: [READ, TRADE] }) { secret } }',
    {},
    owner.token,
  );
  const key = created.data!.createApiKey.secret;

  const output = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', BOT],
      { env: { ...process.env, API: stack.routerUrl, KEY: key, SYMBOLS: 'BTC,ETH', TICKS: '4' }, timeout: 30_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`the bot failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve(stdout)),
    ),
  );
  expect(output).toMatch(/^watching BTC \(Bitcoin\) at \d+(\.\d+)?$/m);
  expect(output).toMatch(/^watching ETH \(Ethereum\) at /m);
  expect(output).toMatch(/^tick 4: /m);
  const placed = /^placed ([0-9A-Z]{26}): limit buy 0\.001 BTC at [\d.]+, OPEN$/m.exec(output);
  expect(placed).not.toBeNull();
  expect(output).toMatch(/^quota: \d+ requests left for \d+ s$/m);
  expect(output).toContain(`order ${placed![1]}: OPEN (BUY 0.001 BTC)`);
  expect(output).toContain(`order ${placed![1]}: CANCELLED (BUY 0.001 BTC)`);
  expect(output).toMatch(/done after \d+ ticks\s*$/);

  // Its owner sees the order cancelled and every reserved cent back.
  const books = await gql<{ me: { balance: string; portfolio: { availableCash: string } } }>(
    stack.routerUrl,
    '{ me { balance portfolio { availableCash } } }',
    {},
    owner.token,
  );
  expect(books.data?.me).toEqual({ balance: '1000', portfolio: { availableCash: '1000' } });
}, 60_000);
