import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InternalTokenSigner } from '@trading/platform';
import { readMetrics } from '@trading/stack/metrics';
import { ENTRY, REPO_ROOT, startServiceProcess, type ServiceProcess } from '@trading/stack/processes';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { ClientsReport } from './subscriptions/clients';
import { machine, percentile, processFigures, progress, writeSection } from './support';

// `npm run bench:subscriptions`: N graphql-ws clients subscribed through one router process to priceChanged with
// `asset { name }` on 20 symbols that the simulated market moves every second. Measures delivery latency from the
// price change (its `changedAt`) to each client, events lost (against a reference subscriber on the inventory
// subgraph itself), the router's RSS and CPU, and the number of upstream subscriptions the router holds.

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '5000' },
    symbols: { type: 'string', default: '20' },
    duration: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    'tick-ms': { type: 'string', default: '1000' },
    'client-processes': { type: 'string', default: '1' },
    redis: { type: 'string' },
    /** Print the results without writing docs/BENCHMARKS.md and bench/results/. */
    'dry-run': { type: 'boolean', default: false },
    /** Write a CPU profile of the router (node --cpu-prof) into this folder. */
    profile: { type: 'string' },
  },
});
const CLIENTS = positive('clients');
const SYMBOL_COUNT = positive('symbols');
const DURATION_S = positive('duration');
const WARMUP_S = Number(args.warmup);
const TICK_MS = positive('tick-ms');
const CLIENT_PROCESSES = positive('client-processes');

function positive(name: keyof typeof args): number {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number above 0 (got ${String(args[name])})`);
  return value;
}

/** The simulator moves these (the largest assets of the seed catalog, no stablecoins), each in every tick. */
const SYMBOLS = [
  'BTC',
  'ETH',
  'XRP',
  'BNB',
  'SOL',
  'TRX',
  'DOGE',
  'ADA',
  'HYPE',
  'BCH',
  'LINK',
  'ZEC',
  'XLM',
  'LEO',
  'LTC',
  'XMR',
  'HBAR',
  'AVAX',
  'SUI',
  'UNI',
  'DOT',
  'TON',
  'CRO',
  'MNT',
].slice(0, SYMBOL_COUNT);
if (SYMBOLS.length < SYMBOL_COUNT) throw new Error(`--symbols is at most ${SYMBOLS.length}`);

const QUERY = 'subscription Prices($symbols: [String!]) { priceChanged(symbols: $symbols) { symbol price changedAt asset { name } } }';
const REFERENCE_QUERY = 'subscription Reference($symbols: [String!]) { priceChanged(symbols: $symbols) { symbol price changedAt } }';

type ClientMessage = { type: 'progress'; open: number } | { type: 'failed'; message: string } | ClientsReport;

const processes: ServiceProcess[] = [];
const clientProcesses: ChildProcess[] = [];
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const env = {
    JWT_SECRET: randomBytes(32).toString('base64url'),
    INTERNAL_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: '0',
    NODE_ENV: 'production',
    ...(args.redis ? { REDIS_URL: args.redis, REDIS_KEY_PREFIX: `bench:${Date.now()}:` } : {}),
  };
  say(`starting: embedded DynamoDB, users, inventory (${SYMBOLS.length} symbols every ${TICK_MS} ms), orders, router`);
  const start = async (entry: string, extra: Record<string, string>, nodeArgs: string[] = []) => {
    const started = await startServiceProcess(entry, { ...env, ...extra }, { nodeArgs });
    processes.push(started);
    return started;
  };
  const db = await start(ENTRY.db, { DATA_DIR: 'memory', DYNAMODB_PORT: '0' });
  const withDb = { DYNAMODB_ENDPOINT: db.url };
  const [users, inventory] = await Promise.all([
    start(ENTRY.users, withDb),
    start(ENTRY.inventory, { ...withDb, PRICE_SYMBOLS: SYMBOLS.join(','), PRICE_SHARE: '1', PRICE_TICK_MS: String(TICK_MS) }),
  ]);
  const orders = await start(ENTRY.orders, { ...withDb, INVENTORY_URL: inventory.url });
  const router = await start(
    ENTRY.router,
    {
      ...withDb,
      SUBGRAPH_URL_USERS: users.url,
      SUBGRAPH_URL_INVENTORY: inventory.url,
      SUBGRAPH_URL_ORDERS: orders.url,
      MAX_SOCKETS: String(CLIENTS + 100),
      // Every client connects from 127.0.0.1: the per-address limit would refuse all but the first few hundred.
      RATE_LIMIT_PER_ADDRESS: '1000000',
    },
    args.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args.profile)}`] : [],
  );
  const metricsUrl = router.url.replace(/\/graphql$/, '/metrics');

  // The reference: every price change the inventory publishes for these symbols, straight from the subgraph, and how
  // long after its changedAt it arrived here (storing the price, publishing it and one graphql-ws hop).
  const reference = new Map<string, number>();
  let window = { from: Infinity, to: -Infinity };
  const signer = new InternalTokenSigner(env.INTERNAL_SECRET);
  const referenceClient = createClient({
    url: inventory.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${signer.tokenFor({ identity: null })}` },
  });
  referenceClient.subscribe<{ priceChanged: { symbol: string; price: string; changedAt: string } }>(
    { query: REFERENCE_QUERY, variables: { symbols: SYMBOLS } },
    {
      next: ({ data }) => {
        if (!data) return;
        const now = Date.now();
        const at = Date.parse(data.priceChanged.changedAt);
        if (at >= window.from && at < window.to)
          reference.set(`${data.priceChanged.symbol}|${data.priceChanged.changedAt}|${data.priceChanged.price}`, Math.max(now - at, 0));
      },
      error: (error) => say(`reference subscription failed: ${String(error)}`),
      complete: () => undefined,
    },
  );

  say(`connecting ${CLIENTS} graphql-ws clients from ${CLIENT_PROCESSES} process(es)`);
  const opened = new Array<number>(CLIENT_PROCESSES).fill(0);
  let failure: string | undefined;
  const reports: Promise<ClientsReport>[] = [];
  const requests: (() => void)[] = [];
  for (let i = 0; i < CLIENT_PROCESSES; i += 1) {
    const count = Math.floor(CLIENTS / CLIENT_PROCESSES) + (i < CLIENTS % CLIENT_PROCESSES ? 1 : 0);
    const child = fork(path.join(__dirname, 'subscriptions', 'clients.ts'), [], { execArgv: ['--import', 'tsx'] });
    clientProcesses.push(child);
    let resolveReport!: (report: ClientsReport) => void;
    reports.push(new Promise((resolve) => (resolveReport = resolve)));
    child.on('message', (message: ClientMessage) => {
      if (message.type === 'progress') opened[i] = message.open;
      else if (message.type === 'failed') failure ??= `client process ${i} failed: ${message.message}`;
      else resolveReport(message);
    });
    child.once('exit', (code) => (failure ??= `client process ${i} exited (${code})`));
    child.send({
      type: 'start',
      url: router.url.replace(/^http/, 'ws'),
      clients: count,
      query: QUERY,
      variables: { symbols: SYMBOLS },
      concurrency: 50,
    });
    requests.push(() => child.send({ type: 'report' }));
  }

  // Wait until the router holds every client subscription.
  const connectStarted = Date.now();
  let figures = await readMetrics(metricsUrl);
  while ((figures.router_subscriptions ?? 0) < CLIENTS) {
    await sleep(1000);
    figures = await readMetrics(metricsUrl);
    const open = opened.reduce((a, b) => a + b, 0);
    progress(
      `  ${open} sockets open, ${figures.router_subscriptions ?? 0} subscriptions on the router (${Math.round((Date.now() - connectStarted) / 1000)} s)`,
    );
    if (failure) throw new Error(failure);
    if (Date.now() - connectStarted > 300_000) throw new Error('clients did not all subscribe within 5 minutes');
  }
  say('');
  say(`all ${CLIENTS} subscribed in ${((Date.now() - connectStarted) / 1000).toFixed(1)} s; warming up ${WARMUP_S} s`);
  await sleep(WARMUP_S * 1000);

  // The measured window: price changes from `from` to `to` (their changedAt).
  const from = Date.now();
  window = { from, to: from + DURATION_S * 1000 };
  for (const child of clientProcesses) child.send({ type: 'window', ...window });
  const routerPid = router.child.pid!;
  const samples: { cpuSeconds: number; rssMb: number; at: number }[] = [];
  const upstreamCounts: number[] = [];
  const eventsBefore = figures.router_subscription_events_total ?? 0;
  const droppedBefore = figures.router_subscription_events_dropped_total ?? 0;
  while (Date.now() < window.to) {
    samples.push({ ...processFigures(routerPid), at: Date.now() });
    figures = await readMetrics(metricsUrl);
    upstreamCounts.push(figures.router_upstream_subscriptions ?? 0);
    progress(
      `  measuring: ${Math.round((Date.now() - from) / 1000)}/${DURATION_S} s, ${reference.size} price changes, router RSS ${samples.at(-1)!.rssMb.toFixed(0)} MB`,
    );
    await sleep(1000);
  }
  samples.push({ ...processFigures(routerPid), at: Date.now() });
  say('');
  // Late deliveries of the window's last changes still count (and show in the latency figures).
  await sleep(5000);
  figures = await readMetrics(metricsUrl);
  for (const request of requests) request();
  const collected = await Promise.all(reports);

  // Results: latencies from the change (changedAt), and from its publication (the reference's receipt) to the client.
  const fromChange: number[] = [];
  const fromPublish: number[] = [];
  const add = (histogram: number[], ms: number, count: number) => (histogram[ms] = (histogram[ms] ?? 0) + count);
  const received = new Map<string, number>();
  let errors = 0;
  let closes = 0;
  let unexpected = 0;
  for (const report of collected) {
    for (const [key, latencies] of Object.entries(report.received)) {
      const published = reference.get(key);
      for (const [ms, count] of latencies) {
        if (published === undefined) {
          unexpected += count;
          continue;
        }
        received.set(key, (received.get(key) ?? 0) + count);
        add(fromChange, ms, count);
        add(fromPublish, Math.max(ms - published, 0), count);
      }
    }
    errors += report.errors;
    closes += report.closes;
  }
  const dense = (histogram: number[]) => Array.from(histogram, (count) => count ?? 0);
  const expected = reference.size * CLIENTS;
  let delivered = 0;
  for (const count of received.values()) delivered += Math.min(count, CLIENTS);
  const latency = (histogram: number[]) => ({
    p50: percentile(dense(histogram), 0.5),
    p95: percentile(dense(histogram), 0.95),
    p99: percentile(dense(histogram), 0.99),
    max: percentile(dense(histogram), 1),
  });
  const span = (samples.at(-1)!.at - samples[0]!.at) / 1000;
  const result = {
    clients: CLIENTS,
    symbols: SYMBOLS.length,
    tickMs: TICK_MS,
    durationS: DURATION_S,
    priceChanges: reference.size,
    expectedDeliveries: expected,
    delivered,
    lost: expected - delivered,
    unexpected,
    errors,
    socketsClosed: closes,
    latencyMs: latency(fromChange),
    latencyFromPublishMs: latency(fromPublish),
    publishMs: latency(dense([...reference.values()].reduce<number[]>((histogram, ms) => (add(histogram, ms, 1), histogram), []))),
    router: {
      peakRssMb: Math.max(...samples.map((s) => s.rssMb)),
      endRssMb: samples.at(-1)!.rssMb,
      heapUsedMb: (figures.nodejs_heap_size_used_bytes ?? 0) / 2 ** 20,
      heapTotalMb: (figures.nodejs_heap_size_total_bytes ?? 0) / 2 ** 20,
      cpuPercent: (100 * (samples.at(-1)!.cpuSeconds - samples[0]!.cpuSeconds)) / span,
      upstreamSubscriptions: Math.max(...upstreamCounts),
      eventsSent: (figures.router_subscription_events_total ?? 0) - eventsBefore,
      eventsDropped: (figures.router_subscription_events_dropped_total ?? 0) - droppedBefore,
    },
    clientProcesses: collected.map((report) => ({ cpuSeconds: report.cpuSeconds, wallSeconds: report.wallSeconds, peakRssMb: report.peakRssMb })),
  };

  const rows = [
    ['clients (graphql-ws, one subscription each)', String(result.clients)],
    ['symbols, tick', `${result.symbols}, every ${result.tickMs} ms`],
    ['measured window', `${result.durationS} s (after ${WARMUP_S} s warm-up)`],
    ['price changes published (reference subscriber)', String(result.priceChanges)],
    ['deliveries expected / received', `${result.expectedDeliveries} / ${result.delivered}`],
    ['events lost', `${result.lost} (${((100 * result.lost) / Math.max(1, result.expectedDeliveries)).toFixed(3)} %)`],
    ['error payloads, sockets closed', `${result.errors}, ${result.socketsClosed}`],
    ['latency, price change to client: p50 / p95 / p99 / max', ms(result.latencyMs)],
    ['of which storing and publishing it (reference subscriber): p50 / p95 / p99 / max', ms(result.publishMs)],
    ["latency, publication to client (the router's part): p50 / p95 / p99 / max", ms(result.latencyFromPublishMs)],
    ['router RSS peak / end', `${result.router.peakRssMb.toFixed(0)} / ${result.router.endRssMb.toFixed(0)} MB`],
    ['router JavaScript heap used / allocated at the end', `${result.router.heapUsedMb.toFixed(0)} / ${result.router.heapTotalMb.toFixed(0)} MB`],
    ['router CPU (one core = 100 %)', `${result.router.cpuPercent.toFixed(0)} %`],
    ['upstream subscriptions held by the router', String(result.router.upstreamSubscriptions)],
    [
      'client processes: CPU (one core = 100 %), peak RSS',
      result.clientProcesses.map((c) => `${((100 * c.cpuSeconds) / c.wallSeconds).toFixed(0)} %, ${c.peakRssMb.toFixed(0)} MB`).join('; '),
    ],
    ['events sent by the router / dropped for slow clients', `${result.router.eventsSent} / ${result.router.eventsDropped}`],
  ];
  const table = ['| measure | value |', '|---|---|', ...rows.map(([name, value]) => `| ${name} | ${value} |`)].join('\n');
  say('');
  say(table);

  const command = ['npm run bench:subscriptions', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
  if (!args['dry-run']) {
    const file = path.join(REPO_ROOT, 'docs', 'BENCHMARKS.md');
    writeSection(file, `subscriptions-${CLIENTS}`, [`### ${CLIENTS} clients`, '', `\`${command}\` on ${machine()}.`, '', table, ''].join('\n'));
    fs.mkdirSync(path.join(REPO_ROOT, 'bench', 'results'), { recursive: true });
    fs.writeFileSync(
      path.join(REPO_ROOT, 'bench', 'results', `subscriptions-${CLIENTS}.json`),
      `${JSON.stringify({ command, ...result }, null, 2)}\n`,
    );
    say(`\nwritten to docs/BENCHMARKS.md and bench/results/subscriptions-${CLIENTS}.json`);
  }
  await referenceClient.dispose();
}

const ms = (figures: { p50: number; p95: number; p99: number; max: number }) =>
  `${figures.p50} / ${figures.p95} / ${figures.p99} / ${figures.max} ms`;

async function shutdown(): Promise<void> {
  await Promise.all(
    clientProcesses.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.send({ type: 'stop' });
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
  const db = processes.shift();
  await Promise.all(processes.map((started) => started.stop()));
  await db?.stop();
}

main().then(
  () => shutdown().then(() => process.exit(0)),
  (error: unknown) => {
    console.error(`\nbenchmark failed: ${error instanceof Error ? error.stack : String(error)}`);
    void shutdown().finally(() => process.exit(1));
  },
);
