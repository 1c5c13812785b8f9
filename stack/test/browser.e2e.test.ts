import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Decimal } from 'decimal.js';
import { createLogger, Dec } from '@trading/platform';
import type { Browser, BrowserContext, Locator, Page, Request, Response } from 'playwright-core';
import { REPO_ROOT } from '../src/processes';
import { builtWebApp } from '../src/web-app';
import { AccessibilityAudit } from './browser-a11y';
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
import { gql, runCreateAdmin, startTestStack } from './support';

// The web app as traders use it: the real stack serves the built app, a real Chromium drives it, and every step
// checks what the page shows. Each page load must send exactly one GraphQL request over HTTP (README: one named
// query per route), the console must stay free of errors, and every page must pass axe-core's WCAG 2.1 A and AA
// rules. The stack starts with the simulated price history (as `npm start` does), so charts open full.

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
    // A key's last use is stored every 200 ms (not every 30 s), so the profile page shows it after a reload.
    router: { webAppDir, safelistFile: MANIFEST, apiKeyUseFlushMs: 200 },
    priceFeed: { source: new FallingMarket({ symbol: 'BTC', from: '95214.37', step: '0.0005', tickMs: 100 }) },
    priceHistory: { seed: 1 },
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

/**
 * A browser window at a given size with its console and GraphQL traffic recorded, and an accessibility audit for its
 * pages. Reduced motion: the price flashes (off with `prefers-reduced-motion`) would otherwise be caught mid-fade by
 * axe's contrast check.
 */
async function openWindow(size: { width: number; height: number }, phone = false) {
  const context: BrowserContext = await browser.newContext({
    baseURL: origin,
    viewport: size,
    reducedMotion: 'reduce',
    ...(phone ? { isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  watchConsole(page, errors);
  const traffic = new GraphqlTraffic();
  traffic.watch(page);
  return { context, page, errors, traffic, audit: new AccessibilityAudit() };
}

/** The answer to the next GraphQL request named `operationName`, parsed (start waiting before the action that sends it). */
async function answerTo<T>(page: Page, operationName: string): Promise<{ data?: T; errors?: unknown[] }> {
  const response: Response = await page.waitForResponse(
    (candidate) => new URL(candidate.url()).pathname === '/graphql' && candidate.request().postDataJSON()?.operationName === operationName,
  );
  return (await response.json()) as { data?: T; errors?: unknown[] };
}

/** The Trade page's chart: a figure named by its caption, which tells the chart in words. */
const priceChart = (page: Page, name: string) =>
  page.getByRole('figure', { name: new RegExp(`^${name} \\(([A-Z]+)\\), last (hour|day|week|30 days) in [\\w-]+ candles: opened `) });

/**
 * Resolves once the chart's canvases show at least `pixels` pixels in the candles' colours (green and red): the
 * candles are drawn, not only the empty grid.
 */
async function candlesDrawn(chart: Locator, pixels: number): Promise<number> {
  const handle = await chart.elementHandle();
  const drawn = await chart.page().waitForFunction(
    ([figure, least]) => {
      const matches = (r: number, g: number, b: number) =>
        (Math.abs(r - 52) < 24 && Math.abs(g - 211) < 24 && Math.abs(b - 153) < 24) ||
        (Math.abs(r - 248) < 24 && Math.abs(g - 113) < 24 && Math.abs(b - 113) < 24);
      let count = 0;
      for (const canvas of figure!.querySelectorAll('canvas')) {
        const context = canvas.getContext('2d');
        if (!context || canvas.width === 0 || canvas.height === 0) continue;
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        for (let index = 0; index < data.length; index += 4)
          if (data[index + 3]! > 0 && matches(data[index]!, data[index + 1]!, data[index + 2]!)) count++;
      }
      return count >= least ? count : false;
    },
    [handle, pixels] as const,
    { timeout: 10_000 },
  );
  return (await drawn.jsonValue()) as number;
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

/** A sparkline's name: the last 7 days in words. */
const SPARKLINE = /^7 days: (up \d+\.\d{2}%|down \d+\.\d{2}%|unchanged|no price history)/;

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
  const { context, page, errors, traffic, audit } = await openWindow({ width: 1280, height: 800 });
  try {
    const username = `web_${randomUUID().slice(0, 8)}`;

    // Landing, then Register from its call to action. Each top asset shows its last 7 days as a sparkline.
    traffic.begin('open / (URL)');
    await page.goto('/');
    await heading(page, 'Trade crypto at live prices').waitFor();
    const topAssets = page.getByRole('list', { name: 'Top assets' });
    await topAssets.getByRole('link', { name: /^BTC Bitcoin \$[\d,]+\.\d{2} / }).waitFor();
    expect(await topAssets.getByRole('img', { name: SPARKLINE }).count()).toBe(10);
    await audit.check(page, 'desktop /');
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
    await audit.check(page, 'desktop /register');
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
    await audit.check(page, 'desktop /account');
    await screenshot(page, 'desktop-03-account-deposit');

    // Markets: the BTC row, at a live price; every row with its 7-day sparkline, all over one marketTicks subscription.
    traffic.begin('click Markets → /markets');
    await nav(page).getByRole('link', { name: 'Markets' }).click();
    await heading(page, 'Markets').waitFor();
    const tradeBtc = page.getByRole('link', { name: 'Trade BTC (Bitcoin)' });
    const btcRow = page.getByRole('row').filter({ has: tradeBtc });
    const marketPrice = btcRow.getByRole('cell').nth(1); // Name, Price, 24h, Market cap, 7 days (the symbol is the row header)
    const listed = usd(await marketPrice.innerText());
    expect(usd(await changedFrom(marketPrice, asUsd(listed), 5000)).lt(listed)).toBe(true);
    const marketRows = page
      .getByRole('table')
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: /^Trade / }) });
    expect(await marketRows.count()).toBe(20);
    expect(await page.getByRole('table').getByRole('img', { name: SPARKLINE }).count()).toBe(20);
    await btcRow.getByRole('img', { name: /^7 days: (up|down) \d+\.\d{2}%, \$[\d,]+\.\d{2} to \$[\d,]+\.\d{2}$/ }).waitFor();
    await audit.check(page, 'desktop /markets');
    await screenshot(page, 'desktop-04-markets');

    // Trade BTC: the chart opens with the day's 5-minute candles from the page's one query, drawn on its canvas, and
    // moves live; the price changes on screen without a reload.
    traffic.begin('click Trade Bitcoin → /trade/BTC');
    const tradePageAnswer = answerTo<{ asset: { candles: unknown[] } }>(page, 'TradePage');
    await tradeBtc.click();
    await heading(page, 'Bitcoin BTC').waitFor();
    const candlesReceived = (await tradePageAnswer).data?.asset.candles.length ?? 0;
    expect(candlesReceived).toBeGreaterThan(50);
    const chart = priceChart(page, 'Bitcoin');
    await chart.waitFor();
    expect(await chart.getAttribute('aria-labelledby')).toBeTruthy();
    expect(await candlesDrawn(chart, 500)).toBeGreaterThanOrEqual(500);
    const caption = chart.locator('figcaption');
    expect(await caption.innerText()).toMatch(/^Bitcoin \(BTC\), last day in 5-minute candles: opened \$[\d,]+\.\d{2}, now \$[\d,]+\.\d{2} /);
    await changedFrom(caption, await caption.innerText(), 5000);
    const livePrice = page.getByRole('group', { name: 'BTC price' });
    const priceNow = async () => amounts(await livePrice.innerText())[0]!;
    await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }));
    const shown = await priceNow();
    await changedFrom(livePrice, asUsd(shown), 5000);
    expect((await priceNow()).eq(shown)).toBe(false);
    expect(await page.evaluate(() => 'sameDocument' in globalThis)).toBe(true);
    // The day's figures: high and low at least as far apart as the live price allows, and the platform's own trading.
    const high = usd(await figure(page, '24h high').innerText());
    const low = usd(await figure(page, '24h low').innerText());
    expect(high.gte(low)).toBe(true);
    await shows(figure(page, '24h volume here'), /^[\d,.]+ BTC$/);
    await shows(figure(page, '24h trades here'), /^[\d,]+$/);
    await audit.check(page, 'desktop /trade/BTC');
    await screenshot(page, 'desktop-05-trade');

    // Another range is the trader's choice: one query for its candles, then it follows that interval live.
    traffic.begin('choose the 1W range');
    const weekAnswer = answerTo<{ asset: { candles: unknown[] } }>(page, 'TradeChart');
    await page.getByRole('radio', { name: '1W' }).check();
    expect((await weekAnswer).data?.asset.candles.length ?? 0).toBeGreaterThan(50);
    await shows(caption, /^Bitcoin \(BTC\), last week in hourly candles: opened /);
    traffic.begin('choose the line chart');
    await page.getByRole('radio', { name: 'Line' }).check();
    expect(await candlesDrawn(chart, 200)).toBeGreaterThanOrEqual(200);
    await screenshot(page, 'desktop-05b-trade-week-line');
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
    const btcPosition = page.getByRole('link', { name: 'BTC Bitcoin: order and ledger history' });
    const positionCells = page.getByRole('row').filter({ has: btcPosition }).getByRole('cell'); // Quantity, Average cost, Price, Market value, P&L
    await shows(positionCells.nth(0), '0.02');
    const valued = usd(await positionCells.nth(3).innerText());
    await changedFrom(positionCells.nth(3), asUsd(valued), 5000);
    const [, , price, value] = await positionCells.allInnerTexts(); // one read: price and value of the same moment
    expect(usd(value!).eq(cents(usd(price!).times('0.02'), Dec.ROUND_HALF_UP))).toBe(true);
    await shows(figure(page, 'Cash balance'), asUsd(balance));
    await audit.check(page, 'desktop /portfolio');
    await screenshot(page, 'desktop-07-portfolio');

    // The position: its orders come from the server filtered by asset, and lead to the full history of them.
    traffic.begin('click Bitcoin position → /portfolio/BTC');
    await btcPosition.click();
    await heading(page, 'Bitcoin BTC').waitFor();
    await shows(figure(page, 'Quantity'), '0.02');
    expect(await page.getByRole('table', { name: 'Your latest BTC orders' }).getByRole('row').count()).toBe(3); // header and two buys
    const btcCash = page.getByRole('table', { name: 'Cash movements of your BTC orders, among your last 100' }).getByRole('row');
    expect(await btcCash.count()).toBe(3); // header and the two buys' payments, not the deposit
    await shows(btcCash.nth(1), /Buy/);
    expect(await page.getByRole('link', { name: 'All BTC orders →' }).getAttribute('href')).toBe('/orders?asset=BTC');
    await audit.check(page, 'desktop /portfolio/BTC');
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
    await page.getByRole('figure', { name: /^Portfolio value, last week: / }).waitFor();
    await audit.check(page, 'desktop /dashboard');
    await screenshot(page, 'desktop-09-dashboard');

    // The portfolio's value since the account began: a request of its own, the trader's choice.
    traffic.begin('choose All on the portfolio chart');
    await page.getByRole('radio', { name: 'All' }).check();
    await page.getByRole('figure', { name: /^Portfolio value, since you joined: / }).waitFor();
    await screenshot(page, 'desktop-09a-dashboard-all');

    // The full order history, from the dashboard; its filters are the address.
    traffic.begin('click All orders → /orders');
    await page.getByRole('link', { name: 'All orders →' }).click();
    await heading(page, 'Orders').waitFor();
    const orderRows = page.getByRole('table', { name: /^Your orders/ }).getByRole('row');
    await shows(orderRows.nth(1), /Sell BTC market/);
    expect(await orderRows.count()).toBe(4); // header, the sell and the two buys

    traffic.begin('open /orders?asset=BTC&side=BUY (URL)');
    await page.goto('/orders?asset=BTC&side=BUY');
    await heading(page, 'Orders').waitFor();
    await page.getByRole('table', { name: 'Your orders matching the filters, newest first' }).waitFor();
    expect(await page.getByLabel('Asset').inputValue()).toBe('BTC');
    expect(await page.getByLabel('Side').inputValue()).toBe('BUY');
    expect(await orderRows.count()).toBe(3);
    expect(await orderRows.filter({ hasText: /Sell BTC/ }).count()).toBe(0);

    traffic.begin('filter limit orders');
    await page.getByLabel('Type').selectOption({ label: 'Limit' });
    await page.getByRole('button', { name: 'Show orders' }).click();
    await page.waitForURL((url) => url.search === '?asset=BTC&side=BUY&type=LIMIT');
    await shows(orderRows.nth(1), /Buy BTC limit/);
    // The market buy's row goes once the filtered page has arrived (the table keeps the last page meanwhile).
    await orderRows.nth(2).waitFor({ state: 'detached' });
    expect(await orderRows.count()).toBe(2);
    await audit.check(page, 'desktop /orders');
    await screenshot(page, 'desktop-09b-orders');

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
    await audit.check(page, 'desktop /profile');
    await screenshot(page, 'desktop-11-profile');

    // Sign out from a protected page: the sign-in page says so and keeps no way back to /profile.
    traffic.begin('sign out from /profile → /signin');
    await nav(page)
      .getByRole('button', { name: `Sign out ${username}` })
      .click();
    await signedOut(page);
    await audit.check(page, 'desktop /signin');
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
    expect(audit.report()).toBe('');
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
      { step: 'choose the 1W range', queries: ['TradeChart'], mutations: [] },
      { step: 'choose the line chart', queries: [], mutations: [] },
      { step: 'market buy 0.01 BTC', queries: [], mutations: ['PlaceOrder'] },
      { step: 'limit buy 0.01 BTC, filled by the market', queries: [], mutations: ['PlaceOrder'] },
      { step: 'click Portfolio → /portfolio', queries: ['PortfolioPage'], mutations: [] },
      { step: 'click Bitcoin position → /portfolio/BTC', queries: ['PositionPage'], mutations: [] },
      { step: 'click Trade BTC → /trade/BTC', queries: ['TradePage'], mutations: [] },
      { step: 'market sell 0.02 BTC', queries: [], mutations: ['PlaceOrder'] },
      { step: 'click Dashboard → /dashboard', queries: ['DashboardPage'], mutations: [] },
      { step: 'choose All on the portfolio chart', queries: ['PortfolioHistory'], mutations: [] },
      { step: 'click All orders → /orders', queries: ['OrdersPage'], mutations: [] },
      { step: 'open /orders?asset=BTC&side=BUY (URL)', queries: ['OrdersPage'], mutations: [] },
      { step: 'filter limit orders', queries: ['OrdersPage'], mutations: [] },
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

  const { context, page, errors, traffic, audit } = await openWindow({ width: 375, height: 812 }, true);
  try {
    const overflowing: { route: string; scrollWidth: number }[] = [];
    const visit = async (route: string, name: string, ready: () => Promise<unknown>) => {
      traffic.begin(`open ${route} (URL)`);
      await page.goto(route);
      await ready();
      await audit.check(page, `phone ${route}`);
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

    await visit('/', 'landing', () => page.getByRole('list', { name: 'Top assets' }).getByRole('img', { name: SPARKLINE }).first().waitFor());
    await visit('/markets', 'markets', () =>
      page
        .getByRole('row')
        .filter({ has: page.getByRole('link', { name: 'Trade BTC (Bitcoin)' }) })
        .getByRole('img', { name: SPARKLINE })
        .waitFor(),
    );
    await visit('/trade/BTC', 'trade', () => candlesDrawn(priceChart(page, 'Bitcoin'), 300));
    await visit('/dashboard', 'dashboard', () => page.getByRole('figure', { name: /^Portfolio value, last week: / }).waitFor());
    await visit('/portfolio', 'portfolio', () => page.getByRole('link', { name: 'BTC Bitcoin: order and ledger history' }).waitFor());
    await visit('/portfolio/BTC', 'position', () => shows(figure(page, 'Quantity'), '0.01'));
    await visit('/orders?asset=BTC&status=FILLED', 'orders', () =>
      page.getByRole('table', { name: 'Your orders matching the filters, newest first' }).waitFor(),
    );
    await visit('/account', 'account', () => shows(figure(page, 'Cash balance'), asUsd(cash)));
    await visit('/profile', 'profile', () => shows(figure(page, 'Username'), trader.username));

    // The phone menu opens over the page.
    traffic.begin('open the menu');
    await page.getByRole('button', { name: 'Menu' }).click();
    await nav(page).getByRole('link', { name: 'Portfolio' }).waitFor();
    await screenshot(page, 'phone-menu');

    expect(overflowing).toEqual([]);
    expect(errors).toEqual([]);
    expect(audit.report()).toBe('');
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
      { step: 'open /orders?asset=BTC&status=FILLED (URL)', queries: ['OrdersPage'], mutations: [] },
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
    await priceChart(page, 'Bitcoin').waitFor();

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

test('the admin pages and the not-found page pass the accessibility rules too', async () => {
  const username = `admin_${randomUUID().slice(0, 8)}`;
  const password = 'an admin password';
  // Made as an operator makes one; the browser signs in with the form (the safelisted router runs the app's operations only).
  const created = await runCreateAdmin(stack, ['--username', username, '--email', `${username}@example.com`], password);
  expect(created).toMatchObject({ code: 0 });
  // A trader with cash and one order, made through the API with the app's own operations, for the admin to look up.
  const tag = randomUUID().slice(0, 8);
  const registered = await appOperation<{ register: { token: string; user: { id: string; username: string } } }>('Register', {
    input: {
      username: `trader_${tag}`,
      email: `trader_${tag}@example.com`,
      password: 'correct horse battery',
      firstName: 'Grace',
      lastName: 'Hopper',
    },
  });
  const trader = registered.data!.register.user;
  const traderToken = registered.data!.register.token;
  expect((await appOperation('Deposit', { amount: '2500' }, traderToken)).errors).toBeUndefined();
  const buy = await appOperation<{ placeOrder: { status: string; total: string } }>(
    'PlaceOrder',
    { input: { symbol: 'BTC', side: 'BUY', type: 'MARKET', quantity: '0.01' } },
    traderToken,
  );
  expect(buy.data?.placeOrder.status).toBe('FILLED');
  const traderCash = new Dec(2500).minus(buy.data!.placeOrder.total);

  const { context, page, errors, traffic, audit } = await openWindow({ width: 1280, height: 800 });
  try {
    traffic.begin('open /signin (URL)');
    await page.goto('/signin');
    await heading(page, 'Sign in').waitFor();

    traffic.begin('sign in → /dashboard');
    await signIn(page, username, password);
    await page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/dashboard');

    traffic.begin('click Admin → /admin');
    await nav(page).getByRole('link', { name: 'Admin' }).click();
    await heading(page, 'Assets').waitFor();
    await page.getByRole('button', { name: 'Edit BTC' }).waitFor();
    await audit.check(page, 'desktop /admin');
    await screenshot(page, 'desktop-14-admin');

    // The pager keeps no cursors of its own: Next reads after the page's last asset, Previous the assets just before
    // its first one (last/before), and each tells from the API's page info whether there is more either way.
    const pager = page.getByRole('navigation', { name: 'Pages' });
    const firstSymbol = async () => (await page.getByRole('rowheader').first().innerText()).trim();
    const variablesOf = (request: Promise<Request>) => request.then((sent) => (sent.postDataJSON() as { variables: unknown }).variables);
    const nextRequest = () => variablesOf(page.waitForRequest((request) => request.postDataJSON()?.operationName === 'AdminPage'));
    const pageOne = await firstSymbol();
    await shows(pager.getByText(/^Page \d/), /^Page 1 of \d+$/);
    expect(await pager.getByRole('button', { name: 'Previous' }).isDisabled()).toBe(true);
    traffic.begin('click Next on /admin');
    const forward = nextRequest();
    await pager.getByRole('button', { name: 'Next' }).click();
    await shows(pager.getByText(/^Page \d/), /^Page 2 of \d+$/);
    expect(await forward).toMatchObject({ first: 20, after: expect.any(String) });
    expect(await firstSymbol()).not.toBe(pageOne);
    traffic.begin('click Previous on /admin');
    const back = nextRequest();
    await pager.getByRole('button', { name: 'Previous' }).click();
    await shows(pager.getByText(/^Page \d/), /^Page 1 of \d+$/);
    expect(await back).toMatchObject({ last: 20, before: expect.any(String) });
    expect(await firstSymbol()).toBe(pageOne);
    expect(await pager.getByRole('button', { name: 'Previous' }).isDisabled()).toBe(true);

    // Users: the admin finds the trader by part of their username (the search is the address), and opens their page.
    const adminNav = page.getByRole('navigation', { name: 'Admin' });
    traffic.begin('click Users → /admin/users');
    await adminNav.getByRole('link', { name: 'Users' }).click();
    await heading(page, 'Users').waitFor();
    await page.getByRole('table', { name: 'Every user' }).waitFor();
    expect(await adminNav.getByRole('link', { name: 'Users' }).getAttribute('aria-current')).toBe('page');

    traffic.begin('search for the trader');
    await page.getByLabel('Username or email').fill(tag.toUpperCase());
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const found = page.getByRole('table', { name: 'Users matching the search' });
    // The caption follows the search at once; the rows once its answer is in (the old page stays on screen, busy).
    await page.locator('[aria-busy="false"]', { has: found }).waitFor();
    expect(new URL(page.url()).search).toBe(`?search=${tag.toUpperCase()}`);
    expect(await found.getByRole('row').count()).toBe(2); // header and the trader
    const cellsOf = async (row: Locator) => (await row.getByRole('cell').allInnerTexts()).map((text) => text.trim());
    expect(await found.getByRole('rowheader').innerText()).toBe(trader.username);
    expect(await cellsOf(found.getByRole('row').nth(1))).toEqual([
      'Grace Hopper',
      `${trader.username}@example.com`,
      'Trader',
      expect.any(String),
      asUsd(traderCash),
    ]);
    await audit.check(page, 'desktop /admin/users');
    await screenshot(page, 'desktop-15-admin-users');

    // The trader's page, from one query: profile, cash balance, their order and the audit entries about their account.
    traffic.begin("open the trader's page → /admin/users/:id");
    await found.getByRole('link', { name: trader.username }).click();
    await heading(page, 'Grace Hopper').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/admin/users/${trader.id}`);
    await shows(figure(page, 'Username'), trader.username);
    await shows(figure(page, 'Cash balance'), asUsd(traderCash));
    const traderId = (await figure(page, 'User id').innerText()).trim();
    expect(traderId).toBe(trader.id);
    const traderOrders = page.getByRole('table', { name: `Orders of ${trader.username}, newest first` }).getByRole('row');
    expect(await traderOrders.count()).toBe(2); // header and the buy
    // Placed, order, quantity, price, total, status.
    expect(await cellsOf(traderOrders.nth(1))).toEqual([
      expect.any(String),
      'Buy BTC market',
      '0.01',
      expect.stringMatching(/^\$[\d,]+\.\d{2}$/),
      asUsd(new Dec(buy.data!.placeOrder.total)),
      'Filled',
    ]);
    const aboutTrader = page.getByRole('table', { name: `Audit entries about the account of ${trader.username}, newest first` });
    await aboutTrader.getByRole('rowheader', { name: 'Registration' }).waitFor();
    expect(await page.getByRole('link', { name: `Everything ${trader.username} did, in the audit trail →` }).getAttribute('href')).toBe(
      `/admin/audit?actor=${trader.id}`,
    );
    await audit.check(page, 'desktop /admin/users/:id');
    await screenshot(page, 'desktop-16-admin-user');

    // The audit trail, filtered by that user (the id their page shows) and an action; the filters are the address.
    traffic.begin('click Audit trail → /admin/audit');
    await adminNav.getByRole('link', { name: 'Audit trail' }).click();
    await heading(page, 'Audit trail').waitFor();
    await page.getByRole('table', { name: 'Every audit entry, newest first' }).waitFor();

    traffic.begin('filter the audit trail by the trader');
    await page.getByLabel('Actor (user id)').fill(traderId.toLowerCase());
    await page.getByLabel('Action').selectOption({ label: 'Registration' });
    await page.getByRole('button', { name: 'Show entries' }).click();
    const byTrader = page.getByRole('table', { name: 'Audit entries matching the filters, newest first' });
    await page.locator('[aria-busy="false"]', { has: byTrader }).waitFor();
    expect(new URL(page.url()).search).toBe(`?actor=${trader.id}&action=REGISTER`);
    const entries = byTrader.getByRole('row');
    expect(await entries.count()).toBe(2); // header and the registration
    expect(await entries.nth(1).getByRole('rowheader').innerText()).toBe('Registration');
    // When, outcome, actor (and role), account, reason, address, details.
    expect(await cellsOf(entries.nth(1))).toEqual([
      expect.any(String),
      'Success',
      `${trader.id} trader`,
      trader.id,
      '—',
      expect.stringMatching(/127\.0\.0\.1|::1/),
      expect.any(String),
    ]);
    await audit.check(page, 'desktop /admin/audit');
    await screenshot(page, 'desktop-17-admin-audit');

    traffic.begin('reload the filtered audit trail');
    await page.reload();
    await byTrader.waitFor();
    expect(await page.getByLabel('Actor (user id)').inputValue()).toBe(trader.id);
    expect(await page.getByLabel('Action').inputValue()).toBe('REGISTER');
    expect(await entries.count()).toBe(2);

    // Reconciliation: every account's books check out (the traders of this file included).
    traffic.begin('click Reconciliation → /admin/reconciliation');
    await adminNav.getByRole('link', { name: 'Reconciliation' }).click();
    await heading(page, 'Reconciliation').waitFor();
    const verdict = await shows(
      page.getByRole('status').filter({ hasText: 'The books balance.' }),
      /^The books balance\. \d+ users checked( on this page)?, no mismatch found\.$/,
    );
    expect(Number(/(\d+) users/.exec(verdict)?.[1])).toBeGreaterThanOrEqual(2); // the admin and the trader, at least
    expect(await page.getByRole('table').count()).toBe(0);
    await audit.check(page, 'desktop /admin/reconciliation');
    await screenshot(page, 'desktop-18-admin-reconciliation');

    traffic.begin('open /no-such-page (URL)');
    await page.goto('/no-such-page');
    await heading(page, 'Page not found').waitFor();
    await audit.check(page, 'desktop /no-such-page');

    expect(errors).toEqual([]);
    expect(audit.report()).toBe('');
    expect(audit.checked).toEqual([
      'desktop /admin',
      'desktop /admin/users',
      'desktop /admin/users/:id',
      'desktop /admin/audit',
      'desktop /admin/reconciliation',
      'desktop /no-such-page',
    ]);
    // One query per page load (and per search, filter or page the admin asks for), named after its view.
    expect(traffic.steps).toEqual([
      { step: 'open /signin (URL)', queries: [], mutations: [] },
      { step: 'sign in → /dashboard', queries: ['DashboardPage'], mutations: ['SignIn'] },
      { step: 'click Admin → /admin', queries: ['AdminPage'], mutations: [] },
      { step: 'click Next on /admin', queries: ['AdminPage'], mutations: [] },
      { step: 'click Previous on /admin', queries: ['AdminPage'], mutations: [] },
      { step: 'click Users → /admin/users', queries: ['AdminUsersPage'], mutations: [] },
      { step: 'search for the trader', queries: ['AdminUsersPage'], mutations: [] },
      { step: "open the trader's page → /admin/users/:id", queries: ['AdminUserPage'], mutations: [] },
      { step: 'click Audit trail → /admin/audit', queries: ['AdminAuditPage'], mutations: [] },
      { step: 'filter the audit trail by the trader', queries: ['AdminAuditPage'], mutations: [] },
      { step: 'reload the filtered audit trail', queries: ['AdminAuditPage'], mutations: [] },
      { step: 'click Reconciliation → /admin/reconciliation', queries: ['AdminReconciliationPage'], mutations: [] },
      { step: 'open /no-such-page (URL)', queries: [], mutations: [] },
    ]);
  } finally {
    await context.close();
  }
}, 90_000);

/** Sends one of the web app's operations as a program holding an API key does: `Authorization: ApiKey <secret>`. */
async function withApiKey<T>(name: string, variables: Record<string, unknown>, secret: string) {
  const listed = (JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as { operations: { name: string; body: string }[] }).operations.find(
    (operation) => operation.name === name,
  );
  if (!listed) throw new Error(`the web app has no operation ${name}`);
  const response = await fetch(stack.routerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `ApiKey ${secret}` },
    body: JSON.stringify({ query: listed.body, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  return (await response.json()) as { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

test('a trader creates an API key, copies its secret, sees it used, revokes it, reads the security events and signs out everywhere', async () => {
  const username = `keys_${randomUUID().slice(0, 8)}`;
  const password = 'correct horse battery';
  // Registering opens a session too: with the two sign-ins below, three sessions are open when the trader signs out
  // everywhere, two of them other than the desktop's.
  const registered = await appOperation<{ register: { token: string } }>('Register', {
    input: { username, email: `${username}@example.com`, password, firstName: 'Ada', lastName: 'Lovelace' },
  });
  expect(registered.errors).toBeUndefined();

  const { context, page, errors, traffic, audit } = await openWindow({ width: 1280, height: 800 });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const phone = await openWindow({ width: 375, height: 812 }, true);
  try {
    traffic.begin('open /signin (URL)');
    await page.goto('/signin');
    await heading(page, 'Sign in').waitFor();
    traffic.begin('sign in → /dashboard');
    await signIn(page, username, password);
    await heading(page, 'Hello, Ada').waitFor();

    traffic.begin('click Profile → /profile');
    await nav(page).getByRole('link', { name: 'Profile' }).click();
    await heading(page, 'Profile').waitFor();
    const keyForm = page.getByRole('form', { name: 'Create an API key' });
    await keyForm.waitFor();
    await page.getByText('No API keys.').waitFor();
    const securityEvents = page.getByRole('table', { name: 'Security events of your account, newest first' });
    const eventRow = (action: string) => securityEvents.getByRole('row').filter({ has: page.getByRole('cell', { name: action, exact: true }) });
    await eventRow('Sign-in').first().waitFor();
    await eventRow('Registration').waitFor();
    await audit.check(page, 'desktop /profile (API key form)');

    // Create a key that may read and trade: its secret shows once, beside a copy button.
    traffic.begin('create a key with READ and TRADE');
    await keyForm.getByLabel('Name', { exact: true }).fill('market maker');
    expect(await keyForm.getByRole('checkbox', { name: 'Read' }).isChecked()).toBe(true);
    await keyForm.getByRole('checkbox', { name: 'Trade' }).check();
    const answer = answerTo<{ createApiKey: { secret: string; apiKey: { id: string; scopes: string[] } } }>(page, 'CreateApiKey');
    await keyForm.getByRole('button', { name: 'Create key' }).click();
    const created = (await answer).data!.createApiKey;
    expect(created.apiKey.scopes).toEqual(['READ', 'TRADE']);
    const secretBox = page.getByRole('region', { name: 'Key “market maker” created' });
    await secretBox.waitFor();
    expect(await page.evaluate<string | null>('document.activeElement?.textContent ?? null')).toBe('Key “market maker” created');
    expect(await secretBox.getByLabel('Secret').inputValue()).toBe(created.secret);
    expect(await secretBox.innerText()).toContain('Copy its secret now: it will not be shown again.');
    await secretBox.getByRole('button', { name: 'Copy secret' }).click();
    await shows(secretBox.getByRole('status'), 'Copied to the clipboard.');
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(created.secret);
    const keysTable = page.getByRole('table', { name: 'Your API keys, newest first' });
    const keyRow = keysTable.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'market maker', exact: true }) });
    const keyCell = (column: number) => keyRow.getByRole('cell').nth(column);
    await shows(keyCell(0), 'Read, Trade');
    await shows(keyCell(2), 'never');
    await shows(keyCell(3), 'never');
    await shows(keyCell(4), 'any address');
    // The page's query was read again: the creation is a security event.
    await eventRow('API key created').waitFor();
    await audit.check(page, 'desktop /profile (secret shown)');
    await screenshot(page, 'desktop-11b-profile-api-key-secret');

    // A program uses the key once; the router stores its last use (every 200 ms in this stack, not every 30 s).
    const used = await withApiKey<{ me: { id: string } }>('AccountPage', { first: 20 }, created.secret);
    expect(used.errors).toBeUndefined();
    const sessionToken = await page.evaluate<string>("JSON.parse(localStorage.getItem('trading.session')).token");
    const deadline = Date.now() + 10_000;
    for (;;) {
      const listed = await appOperation<{ me: { apiKeys: { id: string; lastUsedAt: string | null }[] } }>('ProfilePage', { first: 20 }, sessionToken);
      if (listed.data?.me.apiKeys.find((key) => key.id === created.apiKey.id)?.lastUsedAt) break;
      if (Date.now() > deadline) throw new Error(`the key's use was never stored: ${JSON.stringify(listed)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // After a reload the secret is gone for good, and the key shows when it was last used.
    traffic.begin('reload /profile');
    await page.reload();
    await heading(page, 'Profile').waitFor();
    await shows(keyCell(0), 'Read, Trade');
    await shows(keyCell(2), /\d{1,2}:\d{2}/);
    expect(await page.getByLabel('Secret').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(created.secret);
    await audit.check(page, 'desktop /profile (keys listed)');
    await screenshot(page, 'desktop-11c-profile-api-keys');

    // The same page at phone width, in a second session (the phone's).
    phone.traffic.begin('open /signin (URL)');
    await phone.page.goto('/signin');
    await heading(phone.page, 'Sign in').waitFor();
    phone.traffic.begin('sign in → /dashboard');
    await signIn(phone.page, username, password);
    await heading(phone.page, 'Hello, Ada').waitFor();
    phone.traffic.begin('open /profile (URL)');
    await phone.page.goto('/profile');
    await heading(phone.page, 'Profile').waitFor();
    // On a phone each cell is labelled by its column (CSS generated content, part of its accessible name).
    await phone.page.getByRole('rowheader', { name: /market maker$/ }).waitFor();
    await phone.audit.check(phone.page, 'phone /profile (keys listed)');
    await screenshot(phone.page, 'phone-profile-api-keys');
    expect(await phone.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);

    // Revoke asks first; once revoked, the key is refused at once.
    traffic.begin('revoke the key');
    await keyRow.getByRole('button', { name: 'Revoke market maker' }).click();
    const question = page.getByRole('group', { name: /^Revoke “market maker”\? / });
    await question.waitFor();
    await audit.check(page, 'desktop /profile (revoke asked)');
    await question.getByRole('button', { name: 'Yes, revoke it' }).click();
    await shows(page.getByRole('status').filter({ hasText: 'revoked' }), 'Key “market maker” revoked: programs using it are refused from now on.');
    await page.getByText('No API keys.').waitFor();
    await eventRow('API key revoked').waitFor();
    const refused = await withApiKey('AccountPage', { first: 20 }, created.secret);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'API_KEY_REVOKED' });
    await audit.check(page, 'desktop /profile (key revoked)');

    // Sign out everywhere, after a confirmation: every session ends, the phone's too.
    traffic.begin('sign out everywhere → /signin');
    phone.traffic.begin('signed out everywhere on the desktop → /signin');
    await page.getByRole('button', { name: 'Sign out everywhere', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
    await heading(page, 'Sign in').waitFor();
    const notice = 'You signed out everywhere: 2 other sessions were ended.';
    await shows(signInNotice(page), notice);
    expect(await signInState(page)).toEqual({ message: notice });
    expect(await page.evaluate<string | null>("localStorage.getItem('trading.session')")).toBeNull();
    await audit.check(page, 'desktop /signin (signed out everywhere)');
    await heading(phone.page, 'Sign in').waitFor();
    await shows(signInNotice(phone.page), 'Your session expired, sign in again');

    expect([...errors, ...phone.errors]).toEqual([]);
    expect([audit.report(), phone.audit.report()].filter(Boolean).join('\n\n')).toBe('');
    expect(traffic.steps).toEqual([
      { step: 'open /signin (URL)', queries: [], mutations: [] },
      { step: 'sign in → /dashboard', queries: ['DashboardPage'], mutations: ['SignIn'] },
      { step: 'click Profile → /profile', queries: ['ProfilePage'], mutations: [] },
      { step: 'create a key with READ and TRADE', queries: ['ProfilePage'], mutations: ['CreateApiKey'] },
      { step: 'reload /profile', queries: ['ProfilePage'], mutations: [] },
      { step: 'revoke the key', queries: ['ProfilePage'], mutations: ['RevokeApiKey'] },
      { step: 'sign out everywhere → /signin', queries: [], mutations: ['LogoutEverywhere'] },
    ]);
    // The phone learns its session has ended as it does for any session ended elsewhere: its one refresh is refused.
    expect(phone.traffic.steps).toEqual([
      { step: 'open /signin (URL)', queries: [], mutations: [] },
      { step: 'sign in → /dashboard', queries: ['DashboardPage'], mutations: ['SignIn'] },
      { step: 'open /profile (URL)', queries: ['ProfilePage'], mutations: [] },
      { step: 'signed out everywhere on the desktop → /signin', queries: [], mutations: ['RefreshSession'] },
    ]);
  } finally {
    await phone.context.close();
    await context.close();
  }
}, 90_000);
