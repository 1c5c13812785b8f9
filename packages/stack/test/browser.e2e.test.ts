import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Decimal } from 'decimal.js';
import { createLogger, Dec } from '@trading/platform';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '../src/processes';
import { builtWebApp } from '../src/web-app';
import {
  asUsd,
  changedFrom,
  FallingMarket,
  GraphqlTraffic,
  launchChromium,
  prepareScreenshots,
  screenshot,
  usd,
  watchConsole,
} from './browser-support';
import { gql, startTestStack } from './support';

// The web app as traders use it: the real stack serves the built app, a real Chromium drives it, and every step
// checks what the page shows. Each page load must send exactly one GraphQL request over HTTP (README: one named
// query per route), and the console must stay free of errors.

type Stack = Awaited<ReturnType<typeof startTestStack>>;
let stack: Stack;
const MANIFEST = path.join(REPO_ROOT, 'web', 'persisted-query-manifest.json');
let browser: Browser;
let origin: string;

beforeAll(async () => {
  // Builds web/dist first when it is missing (CI builds it before the tests); rebuild after changing web/src.
  const webAppDir = builtWebApp(createLogger('test', 'silent'));
  if (!webAppDir) throw new Error('the web app could not be built: see `npm run build:web`');
  prepareScreenshots();
  browser = await launchChromium();
  // BTC falls 0.05 % (about $47) every 100 ms: every live figure visibly moves, and a limit buy 1 % under the price is
  // reached about 2 s after it is placed, never before (see FallingMarket).
  // In safelist mode with the app's own manifest: every operation the app sends must be on it, byte for byte.
  stack = await startTestStack({
    router: { webAppDir, safelistFile: MANIFEST },
    priceFeed: { source: new FallingMarket({ symbol: 'BTC', from: '95214.37', step: '0.0005', tickMs: 100 }) },
  });
  origin = new URL(stack.routerUrl).origin;
}, 120_000);

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await stack?.close();
  }
}, 30_000);

/** A browser window at a given size with its console and GraphQL traffic recorded. */
async function openWindow(size: { width: number; height: number }, phone = false) {
  const context: BrowserContext = await browser.newContext({
    baseURL: origin,
    viewport: size,
    ...(phone ? { isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  watchConsole(page, errors);
  const traffic = new GraphqlTraffic();
  traffic.watch(page);
  return { context, page, errors, traffic };
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

/** The value of a figure in a description list ("Cash balance" → "$10,000.00"). */
const figure = (page: Page, term: string) =>
  page
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${term}$`) })
    .locator('xpath=following-sibling::dd[1]');

/** Waits until the locator shows exactly `text` (values arrive asynchronously); fails saying what it shows instead. */
async function shows(locator: Locator, text: string | RegExp, timeout = 5000): Promise<string> {
  const pattern = typeof text === 'string' ? new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) : text;
  try {
    await locator.filter({ hasText: pattern }).waitFor({ timeout });
  } catch {
    const actual = await locator.allInnerTexts().catch(() => ['(nothing)']);
    throw new Error(`expected ${String(locator)} to show ${String(text)}; it shows ${JSON.stringify(actual)}`);
  }
  return (await locator.filter({ hasText: pattern }).innerText()).trim();
}

/** The amounts in a text, in order: "Bought 0.01 BTC at $95,166.76, paid $951.67." → 95166.76, 951.67. */
function amounts(text: string): Dec[] {
  return [...text.matchAll(/-?\$[\d,]+\.\d{2}/g)].map((match) => usd(match[0]));
}

const cents = (value: Dec, rounding: Decimal.Rounding) => value.toDecimalPlaces(2, rounding);

/** The notice the sign-in page opens with ("You signed out."), in the page itself (the toasts are a status too). */
const signInNotice = (page: Page) => page.getByRole('main').getByRole('status');

/** What the sign-in page was opened with: its return path and notice (React Router keeps them in history.state). */
const signInState = (page: Page) => page.evaluate<unknown>('history.state?.usr ?? null');

/** Signs in with the form on the sign-in page. */
async function signIn(page: Page, username: string, password: string) {
  await page.getByLabel('Username or email').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** After a deliberate sign-out: on the sign-in page, told so, with no return path and no session left. */
async function signedOut(page: Page) {
  await heading(page, 'Sign in').waitFor();
  await shows(signInNotice(page), 'You signed out.');
  expect(new URL(page.url()).pathname).toBe('/signin');
  expect(await signInState(page)).toEqual({ message: 'You signed out.' });
  await nav(page).getByRole('link', { name: 'Sign in' }).waitFor();
  expect(await page.evaluate<string | null>("localStorage.getItem('trading.session')")).toBeNull();
}

test('a trader registers, deposits, trades BTC at live prices, follows the portfolio, sells, withdraws and signs out', async () => {
  const { context, page, errors, traffic } = await openWindow({ width: 1280, height: 800 });
  try {
    const username = `web_${randomUUID().slice(0, 8)}`;

    // Landing, then Register from its call to action.
    traffic.begin('open / (URL)');
    await page.goto('/');
    await heading(page, 'Trade crypto at live prices').waitFor();
    await page.getByRole('list', { name: 'Top assets' }).getByRole('link', { name: 'Bitcoin (BTC), trade' }).waitFor();
    await screenshot(page, 'desktop-01-landing');

    traffic.begin('click Create an account → /register');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await heading(page, 'Create your account').waitFor();
    await page.getByLabel('First name').fill('Ada');
    await page.getByLabel('Last name').fill('Lovelace');
    await page.getByLabel('Username', { exact: true }).fill(username);
    await page.getByLabel('Email').fill(`${username}@example.com`);
    await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
    await page.getByLabel('Repeat password').fill('correct horse battery');
    await screenshot(page, 'desktop-02-register');

    // Signed in at once, on the Account page.
    traffic.begin('submit Create account → /account');
    await page.getByRole('button', { name: 'Create account' }).click();
    await heading(page, 'Account').waitFor();
    expect(new URL(page.url()).pathname).toBe('/account');
    await nav(page)
      .getByRole('button', { name: `Sign out ${username}` })
      .waitFor();
    await shows(figure(page, 'Cash balance'), '$0.00');

    // Deposit: the balance is exactly what was deposited.
    traffic.begin('deposit');
    await page.getByLabel('Amount to deposit (USD)').fill('10000');
    await page.getByRole('button', { name: 'Deposit', exact: true }).click();
    await shows(page.getByRole('status').filter({ hasText: 'Deposited' }), 'Deposited $10,000.00. Balance: $10,000.00.');
    await shows(figure(page, 'Cash balance'), '$10,000.00');
    await shows(figure(page, 'Available'), '$10,000.00');
    let balance = new Dec('10000');
    await screenshot(page, 'desktop-03-account-deposit');

    // Markets: the BTC row, at a live price.
    traffic.begin('click Markets → /markets');
    await nav(page).getByRole('link', { name: 'Markets' }).click();
    await heading(page, 'Markets').waitFor();
    const tradeBtc = page.getByRole('link', { name: 'Trade Bitcoin (BTC)' });
    const btcRow = page.getByRole('row').filter({ has: tradeBtc });
    const marketPrice = btcRow.getByRole('cell').nth(1); // Name, Price, 24h, Market cap (the symbol is the row header)
    const listed = usd(await marketPrice.innerText());
    expect(usd(await changedFrom(marketPrice, asUsd(listed), 5000)).lt(listed)).toBe(true);
    await screenshot(page, 'desktop-04-markets');

    // Trade BTC: the price changes on screen without a reload.
    traffic.begin('click Trade Bitcoin → /trade/BTC');
    await tradeBtc.click();
    await heading(page, 'Bitcoin BTC').waitFor();
    await page.getByRole('img', { name: 'Live price of Bitcoin, updated with every tick' }).waitFor();
    const livePrice = page.getByRole('group', { name: 'BTC price' });
    const priceNow = async () => amounts(await livePrice.innerText())[0]!;
    await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }));
    const shown = await priceNow();
    await changedFrom(livePrice, asUsd(shown), 5000);
    expect((await priceNow()).eq(shown)).toBe(false);
    expect(await page.evaluate(() => 'sameDocument' in globalThis)).toBe(true);
    await screenshot(page, 'desktop-05-trade');
    const holdings = page.getByText(/^You hold /);

    // A market buy: filled at once, at the price of the moment; the cash goes down by exactly what it cost.
    traffic.begin('market buy 0.01 BTC');
    const form = page.getByRole('form', { name: 'Order BTC' });
    await form.getByLabel('Quantity (BTC)').fill('0.01');
    await form.getByRole('button', { name: 'Buy BTC' }).click();
    const bought = await shows(form.getByRole('status'), /^Bought 0\.01 BTC at \$[\d,]+\.\d{2}, paid \$[\d,]+\.\d{2}\.$/);
    const [buyPrice, paid] = amounts(bought) as [Dec, Dec];
    expect(paid.eq(cents(buyPrice.times('0.01'), Dec.ROUND_UP))).toBe(true);
    balance = balance.minus(paid);
    await shows(holdings, `You hold 0.01 BTC · available cash ${asUsd(balance)}`);

    // A limit buy 1 % under the price on screen: it waits as an open order, then fills as the price falls to it.
    traffic.begin('limit buy 0.01 BTC, filled by the market');
    await form.getByRole('radio', { name: 'Limit' }).check();
    const limit = cents((await priceNow()).times('0.99'), Dec.ROUND_DOWN);
    await form.getByLabel('Quantity (BTC)').fill('0.01');
    await form.getByLabel('Limit price (USD)').fill(limit.toFixed(2));
    await form.getByRole('button', { name: 'Buy BTC' }).click();
    await shows(form.getByRole('status'), `Limit order placed: buy 0.01 BTC at ${asUsd(limit)}. It fills when the price gets there.`);
    const cancel = page.getByRole('button', { name: 'Cancel limit buy of 0.01 BTC' });
    await cancel.waitFor();
    const reserved = cents(limit.times('0.01'), Dec.ROUND_UP);
    await shows(holdings, `You hold 0.01 BTC · available cash ${asUsd(balance.minus(reserved))}`);
    await screenshot(page, 'desktop-06-trade-open-limit-order');
    const filled = await shows(
      page.getByText(/^Filled: buy of 0\.01 BTC at /),
      /^Filled: buy of 0\.01 BTC at \$[\d,]+\.\d{2} \(\$[\d,]+\.\d{2}\)\.$/,
      20_000,
    );
    const [fillPrice, fillCost] = amounts(filled) as [Dec, Dec];
    expect(fillPrice.lte(limit)).toBe(true);
    expect(fillCost.eq(cents(fillPrice.times('0.01'), Dec.ROUND_UP))).toBe(true);
    balance = balance.minus(fillCost);
    await cancel.waitFor({ state: 'detached' });
    await page.getByText('No open limit orders.').waitFor();
    await shows(holdings, `You hold 0.02 BTC · available cash ${asUsd(balance)}`);

    // Portfolio: the position, valued at the live price as it moves.
    traffic.begin('click Portfolio → /portfolio');
    await nav(page).getByRole('link', { name: 'Portfolio' }).click();
    await heading(page, 'Portfolio').waitFor();
    const btcPosition = page.getByRole('link', { name: 'Bitcoin (BTC): order and ledger history' });
    const positionCells = page.getByRole('row').filter({ has: btcPosition }).getByRole('cell'); // Quantity, Average cost, Price, Market value, P&L
    await shows(positionCells.nth(0), '0.02');
    const valued = usd(await positionCells.nth(3).innerText());
    await changedFrom(positionCells.nth(3), asUsd(valued), 5000);
    const [, , price, value] = await positionCells.allInnerTexts(); // one read: price and value of the same moment
    expect(usd(value!).eq(cents(usd(price!).times('0.02'), Dec.ROUND_HALF_UP))).toBe(true);
    await shows(figure(page, 'Cash balance'), asUsd(balance));
    await screenshot(page, 'desktop-07-portfolio');

    traffic.begin('click Bitcoin position → /portfolio/BTC');
    await btcPosition.click();
    await heading(page, 'Bitcoin BTC').waitFor();
    await shows(figure(page, 'Quantity'), '0.02');
    await screenshot(page, 'desktop-08-position');

    // Sell everything at market.
    traffic.begin('click Trade BTC → /trade/BTC');
    await page.getByRole('link', { name: 'Trade BTC' }).click();
    await heading(page, 'Bitcoin BTC').waitFor();
    await shows(holdings, `You hold 0.02 BTC · available cash ${asUsd(balance)}`);

    traffic.begin('market sell 0.02 BTC');
    await form.getByRole('radio', { name: 'Sell' }).check();
    await form.getByLabel('Quantity (BTC)').fill('0.02');
    await form.getByRole('button', { name: 'Sell BTC' }).click();
    const sold = await shows(form.getByRole('status'), /^Sold 0\.02 BTC at \$[\d,]+\.\d{2}, received \$[\d,]+\.\d{2}\.$/);
    const [sellPrice, received] = amounts(sold) as [Dec, Dec];
    expect(received.eq(cents(sellPrice.times('0.02'), Dec.ROUND_DOWN))).toBe(true);
    balance = balance.plus(received);
    await shows(holdings, `You hold 0 BTC · available cash ${asUsd(balance)}`);

    traffic.begin('click Dashboard → /dashboard');
    await nav(page).getByRole('link', { name: 'Dashboard' }).click();
    await heading(page, 'Hello, Ada').waitFor();
    await shows(figure(page, 'Cash balance'), asUsd(balance));
    await page.getByText('You hold no assets yet.').waitFor();
    await screenshot(page, 'desktop-09-dashboard');

    // Withdraw: the balance goes down by exactly the amount.
    traffic.begin('click Account → /account');
    await nav(page).getByRole('link', { name: 'Account' }).click();
    await heading(page, 'Account').waitFor();
    await shows(figure(page, 'Cash balance'), asUsd(balance));

    traffic.begin('withdraw');
    await page.getByLabel('Amount to withdraw (USD)').fill('1000');
    await page.getByRole('button', { name: 'Withdraw', exact: true }).click();
    balance = balance.minus(1000);
    await shows(page.getByRole('status').filter({ hasText: 'Withdrew' }), `Withdrew $1,000.00. Balance: ${asUsd(balance)}.`);
    await shows(figure(page, 'Cash balance'), asUsd(balance));
    await screenshot(page, 'desktop-10-account-withdraw');

    traffic.begin('click Profile → /profile');
    await nav(page).getByRole('link', { name: 'Profile' }).click();
    await heading(page, 'Profile').waitFor();
    await shows(figure(page, 'Username'), username);
    await screenshot(page, 'desktop-11-profile');

    // Sign out from a protected page: the sign-in page says so and keeps no way back to /profile.
    traffic.begin('sign out from /profile → /signin');
    await nav(page)
      .getByRole('button', { name: `Sign out ${username}` })
      .click();
    await signedOut(page);
    await screenshot(page, 'desktop-12-signed-out');

    // Signing in again starts afresh, on the default page.
    traffic.begin('sign in again → /dashboard');
    await signIn(page, username, 'correct horse battery');
    await heading(page, 'Hello, Ada').waitFor();
    expect(new URL(page.url()).pathname).toBe('/dashboard');

    traffic.begin('sign out from /dashboard → /signin');
    await nav(page)
      .getByRole('button', { name: `Sign out ${username}` })
      .click();
    await signedOut(page);

    traffic.begin('open /portfolio signed out (URL) → /signin');
    await page.goto('/portfolio');
    await heading(page, 'Sign in').waitFor();
    expect(new URL(page.url()).pathname).toBe('/signin');
    await page.getByRole('form', { name: 'Sign in' }).waitFor();

    expect(errors).toEqual([]);
    // One query per page load, named after its route; actions send their mutation (and the refetch the page asks for).
    // Signing out sends `logout` only: the socket the router closes (4401) as the session ends never spends the
    // refresh token.
    expect(traffic.steps).toEqual([
      { step: 'open / (URL)', queries: ['LandingPage'], mutations: [] },
      { step: 'click Create an account → /register', queries: [], mutations: [] },
      { step: 'submit Create account → /account', queries: ['AccountPage'], mutations: ['Register'] },
      { step: 'deposit', queries: ['AccountPage'], mutations: ['Deposit'] },
      { step: 'click Markets → /markets', queries: ['MarketsPage'], mutations: [] },
      { step: 'click Trade Bitcoin → /trade/BTC', queries: ['TradePage'], mutations: [] },
      { step: 'market buy 0.01 BTC', queries: [], mutations: ['PlaceOrder'] },
      { step: 'limit buy 0.01 BTC, filled by the market', queries: [], mutations: ['PlaceOrder'] },
      { step: 'click Portfolio → /portfolio', queries: ['PortfolioPage'], mutations: [] },
      { step: 'click Bitcoin position → /portfolio/BTC', queries: ['PositionPage'], mutations: [] },
      { step: 'click Trade BTC → /trade/BTC', queries: ['TradePage'], mutations: [] },
      { step: 'market sell 0.02 BTC', queries: [], mutations: ['PlaceOrder'] },
      { step: 'click Dashboard → /dashboard', queries: ['DashboardPage'], mutations: [] },
      { step: 'click Account → /account', queries: ['AccountPage'], mutations: [] },
      { step: 'withdraw', queries: ['AccountPage'], mutations: ['Withdraw'] },
      { step: 'click Profile → /profile', queries: ['ProfilePage'], mutations: [] },
      { step: 'sign out from /profile → /signin', queries: [], mutations: ['SignOut'] },
      { step: 'sign in again → /dashboard', queries: ['DashboardPage'], mutations: ['SignIn'] },
      { step: 'sign out from /dashboard → /signin', queries: [], mutations: ['SignOut'] },
      { step: 'open /portfolio signed out (URL) → /signin', queries: [], mutations: [] },
    ]);
  } finally {
    await context.close();
  }
}, 90_000);

/** Sends one of the web app's operations as the app would: the manifest's text, by name. */
function appOperation<T>(name: string, variables: Record<string, unknown>, token?: string) {
  const listed = (JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as { operations: { name: string; body: string }[] }).operations.find(
    (operation) => operation.name === name,
  );
  if (!listed) throw new Error(`the web app has no operation ${name}`);
  return gql<T>(stack.routerUrl, listed.body, variables, token);
}

test('every page fits a phone screen, loading with one request', async () => {
  // A trader with cash, a position and history, made through the API with the app's own operations (the router runs
  // in safelist mode); the phone signs in with the form.
  const username = `phone_${randomUUID().slice(0, 8)}`;
  const password = 'correct horse battery';
  const registered = await appOperation<{ register: { token: string } }>('Register', {
    input: { username, email: `${username}@example.com`, password, firstName: 'Ada', lastName: 'Lovelace' },
  });
  const trader = { username, password, token: registered.data!.register.token };
  expect((await appOperation('Deposit', { amount: '5000' }, trader.token)).errors).toBeUndefined();
  const buy = await appOperation<{ placeOrder: { status: string; total: string } }>(
    'PlaceOrder',
    { input: { symbol: 'BTC', side: 'BUY', type: 'MARKET', quantity: '0.01' } },
    trader.token,
  );
  expect(buy.data?.placeOrder.status).toBe('FILLED');
  const cash = new Dec(5000).minus(buy.data!.placeOrder.total);

  const { context, page, errors, traffic } = await openWindow({ width: 375, height: 812 }, true);
  try {
    const overflowing: { route: string; scrollWidth: number }[] = [];
    const visit = async (route: string, name: string, ready: () => Promise<unknown>) => {
      traffic.begin(`open ${route} (URL)`);
      await page.goto(route);
      await ready();
      await screenshot(page, `phone-${name}`);
      const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
      if (scrollWidth > 375) overflowing.push({ route, scrollWidth });
    };

    await visit('/register', 'register', () => heading(page, 'Create your account').waitFor());
    await visit('/signin', 'signin', () => heading(page, 'Sign in').waitFor());
    traffic.begin('sign in → /dashboard');
    await page.getByLabel('Username or email').fill(trader.username);
    await page.getByLabel('Password', { exact: true }).fill(trader.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading(page, 'Hello, Ada').waitFor();

    await visit('/', 'landing', () => page.getByRole('list', { name: 'Top assets' }).waitFor());
    await visit('/markets', 'markets', () => page.getByRole('link', { name: 'Trade Bitcoin (BTC)' }).waitFor());
    await visit('/trade/BTC', 'trade', () => page.getByRole('img', { name: 'Live price of Bitcoin, updated with every tick' }).waitFor());
    await visit('/dashboard', 'dashboard', () => page.getByRole('link', { name: 'Bitcoin (BTC): order and ledger history' }).waitFor());
    await visit('/portfolio', 'portfolio', () => page.getByRole('link', { name: 'Bitcoin (BTC): order and ledger history' }).waitFor());
    await visit('/portfolio/BTC', 'position', () => shows(figure(page, 'Quantity'), '0.01'));
    await visit('/account', 'account', () => shows(figure(page, 'Cash balance'), asUsd(cash)));
    await visit('/profile', 'profile', () => shows(figure(page, 'Username'), trader.username));

    // The phone menu opens over the page.
    traffic.begin('open the menu');
    await page.getByRole('button', { name: 'Menu' }).click();
    await nav(page).getByRole('link', { name: 'Portfolio' }).waitFor();
    await screenshot(page, 'phone-menu');

    expect(overflowing).toEqual([]);
    expect(errors).toEqual([]);
    expect(traffic.steps).toEqual([
      { step: 'open /register (URL)', queries: [], mutations: [] },
      { step: 'open /signin (URL)', queries: [], mutations: [] },
      { step: 'sign in → /dashboard', queries: ['DashboardPage'], mutations: ['SignIn'] },
      { step: 'open / (URL)', queries: ['LandingPage'], mutations: [] },
      { step: 'open /markets (URL)', queries: ['MarketsPage'], mutations: [] },
      { step: 'open /trade/BTC (URL)', queries: ['TradePage'], mutations: [] },
      { step: 'open /dashboard (URL)', queries: ['DashboardPage'], mutations: [] },
      { step: 'open /portfolio (URL)', queries: ['PortfolioPage'], mutations: [] },
      { step: 'open /portfolio/BTC (URL)', queries: ['PositionPage'], mutations: [] },
      { step: 'open /account (URL)', queries: ['AccountPage'], mutations: [] },
      { step: 'open /profile (URL)', queries: ['ProfilePage'], mutations: [] },
      { step: 'open the menu', queries: [], mutations: [] },
    ]);
  } finally {
    await context.close();
  }
}, 60_000);

test('a session ended elsewhere sends the trader from the open page to sign in, and back to it afterwards', async () => {
  const username = `elsewhere_${randomUUID().slice(0, 8)}`;
  const password = 'correct horse battery';
  const newPassword = 'another correct horse battery';
  const registered = await appOperation<{ register: { token: string } }>('Register', {
    input: { username, email: `${username}@example.com`, password, firstName: 'Ada', lastName: 'Lovelace' },
  });
  expect(registered.errors).toBeUndefined();

  const { context, page, errors, traffic } = await openWindow({ width: 1280, height: 800 });
  try {
    traffic.begin('open /signin (URL)');
    await page.goto('/signin');
    await heading(page, 'Sign in').waitFor();

    traffic.begin('sign in → /dashboard');
    await signIn(page, username, password);
    await heading(page, 'Hello, Ada').waitFor();

    // The Trade page, live: its socket carries the price ticks (and the trader's order updates).
    traffic.begin('open /trade/BTC (URL)');
    await page.goto('/trade/BTC');
    await heading(page, 'Bitcoin BTC').waitFor();
    const livePrice = page.getByRole('group', { name: 'BTC price' });
    const shown = amounts(await livePrice.innerText())[0]!;
    await changedFrom(livePrice, asUsd(shown), 5000);

    // Elsewhere, the same trader signs in and changes the password, which ends every other session: this one. The
    // router closes the page's socket (4401), the app's refresh is refused, and the page sends the trader to sign in.
    traffic.begin('password changed elsewhere → /signin');
    const elsewhere = await appOperation<{ login: { token: string } }>('SignIn', { input: { username, password } });
    expect(elsewhere.errors).toBeUndefined();
    const changed = await appOperation<{ changePassword: boolean }>(
      'ChangePassword',
      { input: { currentPassword: password, newPassword } },
      elsewhere.data!.login.token,
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data?.changePassword).toBe(true);
    await heading(page, 'Sign in').waitFor();
    await shows(signInNotice(page), 'Your session expired, sign in again');
    expect(new URL(page.url()).pathname).toBe('/signin');
    expect(await signInState(page)).toEqual({ from: '/trade/BTC', message: 'Your session expired, sign in again' });
    await nav(page).getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate<string | null>("localStorage.getItem('trading.session')")).toBeNull();
    await screenshot(page, 'desktop-13-session-ended-elsewhere');

    // Signing in again (with the new password) brings the trader back to the page.
    traffic.begin('sign in with the new password → /trade/BTC');
    await signIn(page, username, newPassword);
    await heading(page, 'Bitcoin BTC').waitFor();
    expect(new URL(page.url()).pathname).toBe('/trade/BTC');
    await page.getByRole('img', { name: 'Live price of Bitcoin, updated with every tick' }).waitFor();

    expect(errors).toEqual([]);
    // The one refresh is how the app learns the session has ended: the server refuses it.
    expect(traffic.steps).toEqual([
      { step: 'open /signin (URL)', queries: [], mutations: [] },
      { step: 'sign in → /dashboard', queries: ['DashboardPage'], mutations: ['SignIn'] },
      { step: 'open /trade/BTC (URL)', queries: ['TradePage'], mutations: [] },
      { step: 'password changed elsewhere → /signin', queries: [], mutations: ['RefreshSession'] },
      { step: 'sign in with the new password → /trade/BTC', queries: ['TradePage'], mutations: ['SignIn'] },
    ]);
  } finally {
    await context.close();
  }
}, 60_000);
