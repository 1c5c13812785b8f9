import fs from 'node:fs';
import path from 'node:path';
import { Dec } from '@trading/platform';
import { type PriceSource, type PriceTickHandler, startTicker, type Ticker } from '@trading/inventory';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { REPO_ROOT } from '../src/processes';

/** Where the browser tests leave their screenshots (ignored by git). */
export const SCREENSHOTS_DIR = path.join(REPO_ROOT, 'test-output', 'screenshots');

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it); playwright-core downloads no browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A market that falls steadily: every `tickMs`, `symbol` loses `step` of its price, rounded down to the cent, starting
 * from `from` (the catalog's price, so the first tick does not jump). A limit buy 1 % under the price a trader sees is
 * reached about 0.01 / step ticks later, and not before unless the page is that many ticks behind: the test can watch
 * the order wait, then fill. The simulated market's random walk cannot promise either: from any moment, a symmetric walk
 * stays above a price just under it for 100 ticks about one time in twenty, and falls below it on the very next tick
 * half the time (so an order placed just under the price would often fill at once).
 */
export class FallingMarket implements PriceSource {
  private price: Dec;
  private ticker: Ticker | null = null;

  constructor(private readonly options: { symbol: string; from: string; step: string; tickMs: number }) {
    this.price = new Dec(options.from);
  }

  start(onTick: PriceTickHandler): void {
    this.ticker = startTicker(this.options.tickMs, () => {
      this.price = this.price.times(new Dec(1).minus(this.options.step)).toDecimalPlaces(2, Dec.ROUND_DOWN);
      return onTick([{ symbol: this.options.symbol, price: this.price }]);
    });
  }

  async stop(): Promise<void> {
    const ticker = this.ticker;
    this.ticker = null;
    await ticker?.stop();
  }
}

/** One GraphQL request over HTTP, as the browser sent it. */
export interface GraphqlRequest {
  operationName: string;
  kind: 'query' | 'mutation' | 'subscription';
}

/** What a step of the flow sent: its queries and its mutations. */
export interface StepTraffic {
  step: string;
  queries: string[];
  mutations: string[];
}

function describeRequest(method: string, url: URL, body: string | null): GraphqlRequest {
  const payload = (
    method === 'GET' ? { query: url.searchParams.get('query'), operationName: url.searchParams.get('operationName') } : JSON.parse(body ?? '{}')
  ) as {
    query?: string | null;
    operationName?: string | null;
  };
  const kind = /^\s*(query|mutation|subscription)\b/.exec(payload.query ?? '')?.[1] ?? 'query';
  return { operationName: payload.operationName ?? '(anonymous)', kind: kind as GraphqlRequest['kind'] };
}

/**
 * The GraphQL requests pages send over HTTP (`POST` or `GET /graphql`; the graphql-ws socket is not a request),
 * grouped by step: `begin(step)` before navigating or acting, and every request the page sends until the next
 * `begin` belongs to that step, late ones included.
 */
export class GraphqlTraffic {
  readonly steps: StepTraffic[] = [];

  watch(page: Page): void {
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname !== '/graphql' || (request.method() !== 'POST' && request.method() !== 'GET')) return;
      const current = this.steps[this.steps.length - 1];
      const sent = describeRequest(request.method(), url, request.postData());
      const into = current ?? this.begin('(before the first step)');
      (sent.kind === 'mutation' ? into.mutations : into.queries).push(sent.operationName);
    });
  }

  begin(step: string): StepTraffic {
    const traffic: StepTraffic = { step, queries: [], mutations: [] };
    this.steps.push(traffic);
    return traffic;
  }
}

/** Errors the page reported: `console.error` calls and uncaught exceptions. */
export function watchConsole(page: Page, into: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error')
      into.push(`${page.url()}: console.error: ${message.text()} (${message.location().url}:${message.location().lineNumber})`);
  });
  page.on('pageerror', (error) => into.push(`${page.url()}: uncaught: ${error.stack ?? error.message}`));
}

/** A full-page screenshot into SCREENSHOTS_DIR. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** Resolves once the locator's text is no longer `before`: a live value changed without a reload. */
export async function changedFrom(locator: Locator, before: string, timeout: number): Promise<string> {
  await locator.filter({ hasNotText: before }).waitFor({ timeout });
  return (await locator.innerText()).trim();
}

/** An amount as the app shows it ("$10,000.00", "-$4.00") as an exact decimal. */
export function usd(text: string): Dec {
  const match = /^(-?)\$([\d,]+(?:\.\d+)?)$/.exec(text.trim());
  if (!match) throw new Error(`not a USD amount: ${JSON.stringify(text)}`);
  return new Dec(`${match[1]}${match[2]!.replace(/,/g, '')}`);
}

/** A decimal as the app shows money: "$9,048.76". */
export function asUsd(value: Dec): string {
  const fixed = value.toFixed(2, Dec.ROUND_HALF_UP);
  const [whole, cents] = fixed.replace('-', '').split('.');
  return `${value.isNegative() ? '-' : ''}$${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** Makes sure the screenshot folder exists. */
export function prepareScreenshots(): void {
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
}
