import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InternalTokenSigner } from '@trading/platform';
import { ENTRY, REPO_ROOT, startServiceProcess, type ServiceProcess } from '@trading/stack/processes';
import { ClientPool } from './subscriptions/client-pool';
import { BENCH_SUBSCRIPTIONS, SUBSCRIPTIONS, type SubscriptionName } from './subscriptions/operations';
import { comparePayloads, PayloadProbe } from './subscriptions/probe';
import { Reference } from './subscriptions/reference';
import { payloadLine, runSection, runTable, ratioLine, targetLines, type RunReport, type TargetRun } from './subscriptions/report';
import { histogram, latency, tally } from './subscriptions/tally';
import { routerTarget, startBareServer, TARGET_NAMES, type Target, type TargetName } from './subscriptions/targets';
import { machine, processFigures, progress, writeSection } from './support';

// `npm run bench:subscriptions`: N graphql-ws clients subscribed to live prices (marketTicks or priceChanged, with
// `asset { name }`) on 20 symbols that the simulated market moves every second, first through one router process,
// then from a bare `ws` server writing the same messages (the physical limit), from the same client processes.
// Measures for each: delivery latency from the price change to each client, events lost (against a reference
// subscriber on the inventory subgraph itself), the server's RSS per open socket and its CPU.

const { values: args } = parseArgs({
  options: {
    /** Clients, each with one subscription; default 10,000. */
    clients: { type: 'string', default: '10000' },
    /** Symbols the simulated market moves (and the clients follow); default 20. */
    symbols: { type: 'string', default: '20' },
    /** Seconds measured per target; default 30. */
    duration: { type: 'string', default: '30' },
    /** Seconds between the last subscription and the window; default 5. */
    warmup: { type: 'string', default: '5' },
    'tick-ms': { type: 'string', default: '1000' },
    'client-processes': { type: 'string', default: '1' },
    /** marketTicks (one event per tick, default) or priceChanged (one event per symbol per tick). */
    subscription: { type: 'string', default: 'marketTicks' },
    /** router, bare, or both (a comma list, measured in that order); default both. */
    targets: { type: 'string', default: 'router,bare' },
    redis: { type: 'string' },
    /** Print the results without writing docs/BENCHMARKS.md and bench/results/. */
    'dry-run': { type: 'boolean', default: false },
    /** Write a CPU profile of the router (node --cpu-prof) into this folder. */
    profile: { type: 'string' },
    /** Write a heap snapshot of the router at the end of its window into this folder. */
    'heap-snapshot': { type: 'string' },
  },
});
const CLIENTS = positive('clients');
const SYMBOL_COUNT = positive('symbols');
const DURATION_S = positive('duration');
const WARMUP_S = Number(args.warmup);
const TICK_MS = positive('tick-ms');
const CLIENT_PROCESSES = positive('client-processes');
if (!SUBSCRIPTIONS.includes(args.subscription as SubscriptionName))
  throw new Error(`--subscription is one of ${SUBSCRIPTIONS.join(', ')} (got ${args.subscription})`);
const SUBSCRIPTION = BENCH_SUBSCRIPTIONS[args.subscription as SubscriptionName];
const TARGETS = args.targets.split(',').map((name) => name.trim()) as TargetName[];
for (const name of TARGETS) if (!TARGET_NAMES.includes(name)) throw new Error(`--targets: unknown ${name} (router, bare)`);

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
const VARIABLES = { symbols: SYMBOLS };

const processes: ServiceProcess[] = [];
const stoppers: (() => Promise<void>)[] = [];
let pool: ClientPool | undefined;
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
  const routerArgs = [
    ...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args.profile)}`] : []),
    ...(args['heap-snapshot'] ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${path.resolve(args['heap-snapshot'])}`] : []),
  ];
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
    routerArgs,
  );

  // Internal tokens are short-lived: each connection to the inventory gets a fresh one.
  const signer = new InternalTokenSigner(env.INTERNAL_SECRET);
  const token = () => signer.tokenFor({ identity: null });
  const sourceUrl = inventory.url.replace(/^http/, 'ws');
  const reference = new Reference(sourceUrl, token(), SUBSCRIPTION, VARIABLES, (error) => say(`reference subscription failed: ${String(error)}`));
  pool = new ClientPool(CLIENT_PROCESSES);

  const report: RunReport = {
    subscription: SUBSCRIPTION.name,
    clients: CLIENTS,
    symbols: SYMBOLS.length,
    tickMs: TICK_MS,
    durationS: DURATION_S,
    warmupS: WARMUP_S,
    runs: {},
  };
  for (const name of TARGETS) {
    let target: Target;
    if (name === 'router') target = routerTarget(router);
    else {
      // Started only now, so that the inventory serves one subscriber besides the reference in each window.
      const bare = await startBareServer({ sourceUrl, token: token(), query: SUBSCRIPTION.query, variables: VARIABLES });
      stoppers.push(bare.stop);
      target = bare;
    }
    report.runs[name] = await measure(target, pool, reference);
    // Printed at once, so that a later failure does not lose it.
    say(`\n${runTable({ ...report, runs: { [name]: report.runs[name] } })}`);
    // With every client still connected: the snapshot shows what each socket holds.
    if (name === 'router' && args['heap-snapshot']) await heapSnapshot(target, args['heap-snapshot']);
    await pool.disconnect();
  }

  // Does the bare server write the router's bytes? Compare raw payloads of the same events, the router idle now.
  const eventKey = (data: unknown) => SUBSCRIPTION.clientEvent(data, Date.parse)?.key ?? null;
  const probes = [
    new PayloadProbe(routerTarget(router).url, SUBSCRIPTION.query, VARIABLES, eventKey),
    new PayloadProbe(sourceUrl, SUBSCRIPTION.query, VARIABLES, eventKey, token()),
  ] as const;
  for (let waited = 0; waited < 10_000 && comparePayloads(...probes).compared < 3; waited += 500) await sleep(500);
  report.payloads = comparePayloads(...probes);
  for (const probe of probes) probe.close();

  say('');
  say(runTable(report));
  const ratios = ratioLine(report);
  if (ratios) say(`\n${ratios}`);
  const payloads = payloadLine(report);
  if (payloads) say(`\n${payloads}`);
  const targets = targetLines(report);
  if (targets.length) say(['', 'Targets:', ...targets.map((line) => `- ${line}`)].join('\n'));

  const command = ['npm run bench:subscriptions', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
  if (!args['dry-run']) {
    // priceChanged keeps the section (and file) name it had before marketTicks existed, so a new run replaces it.
    const id = SUBSCRIPTION.name === 'priceChanged' ? `subscriptions-${CLIENTS}` : `subscriptions-${SUBSCRIPTION.name}-${CLIENTS}`;
    writeSection(path.join(REPO_ROOT, 'docs', 'BENCHMARKS.md'), id, runSection(report, command, machine()));
    fs.mkdirSync(path.join(REPO_ROOT, 'bench', 'results'), { recursive: true });
    fs.writeFileSync(path.join(REPO_ROOT, 'bench', 'results', `${id}.json`), `${JSON.stringify({ command, ...report }, null, 2)}\n`);
    say(`\nwritten to docs/BENCHMARKS.md and bench/results/${id}.json`);
  }
  await reference.dispose();
}

/**
 * One target: its RSS before any client, then every client connected and subscribed, a warm-up, the measured window
 * (events changed from its start to its end), 5 s for late deliveries, and the client processes' reports.
 */
async function measure(target: Target, clients: ClientPool, reference: Reference): Promise<TargetRun> {
  const label = target.name === 'router' ? 'the router' : 'the bare server';
  await sleep(1000);
  const before = processFigures(target.pid);
  const loadAverage = os.loadavg()[0]!;
  say(
    `\n${target.name}: RSS ${before.rssMb.toFixed(0)} MB; connecting ${CLIENTS} graphql-ws clients to ${label} from ${CLIENT_PROCESSES} process(es)`,
  );
  const samples: { cpuSeconds: number; rssMb: number; at: number }[] = [];
  const connectStarted = Date.now();
  clients.start(target.url, CLIENTS, SUBSCRIPTION.name, VARIABLES);
  let figures = await target.figures();
  while (figures.subscriptions < CLIENTS) {
    await sleep(1000);
    samples.push({ ...processFigures(target.pid), at: Date.now() });
    figures = await target.figures();
    progress(
      `  ${clients.open()} sockets open, ${figures.subscriptions} subscriptions on ${label} (${Math.round((Date.now() - connectStarted) / 1000)} s)`,
    );
    if (clients.failure) throw new Error(clients.failure);
    if (Date.now() - connectStarted > 300_000) throw new Error('clients did not all subscribe within 5 minutes');
  }
  const subscribedInS = (Date.now() - connectStarted) / 1000;
  say('');
  say(`all ${CLIENTS} subscribed in ${subscribedInS.toFixed(1)} s; warming up ${WARMUP_S} s`);
  await sleep(WARMUP_S * 1000);

  // The measured window: changes from `from` to `to`.
  const from = Date.now();
  const to = from + DURATION_S * 1000;
  reference.watch(from, to);
  clients.window(from, to);
  const windowStart = samples.length;
  // The target's own figures at the start and the end only: a scrape of the router's /metrics walks every open
  // handle (prom-client's default metrics), which is work the bare server would not be doing.
  const startFigures = await target.figures();
  while (Date.now() < to) {
    samples.push({ ...processFigures(target.pid), at: Date.now() });
    progress(
      `  measuring: ${Math.round((Date.now() - from) / 1000)}/${DURATION_S} s, ${reference.events.size} events, RSS ${samples.at(-1)!.rssMb.toFixed(0)} MB`,
    );
    await sleep(1000);
  }
  samples.push({ ...processFigures(target.pid), at: Date.now() });
  const windowSamples = samples.slice(windowStart);
  say('');
  // Late deliveries of the window's last changes still count (and show in the latency figures).
  await sleep(5000);
  const endFigures = await target.figures();
  const collected = await clients.report();
  if (clients.failure) throw new Error(clients.failure);

  const deliveries = tally(collected, reference, CLIENTS);
  const span = (windowSamples.at(-1)!.at - windowSamples[0]!.at) / 1000;
  const steadyMb = windowSamples.reduce((sum, s) => sum + s.rssMb, 0) / windowSamples.length;
  const messages = collected.reduce((sum, r) => sum + r.messages, 0);
  return {
    target: target.name,
    subscribedInS,
    loadAverage,
    events: reference.events.size,
    priceChanges: [...reference.events.values()].reduce((sum, event) => sum + event.changes, 0),
    ...deliveries,
    bytesPerMessage: messages ? collected.reduce((sum, r) => sum + r.messageBytes, 0) / messages : 0,
    publishMs: latency(histogram([...reference.events.values()].map((event) => [event.publishMs, 1]))),
    rss: {
      beforeMb: before.rssMb,
      steadyMb,
      peakMb: Math.max(...samples.map((s) => s.rssMb)),
      perSocketKb: ((steadyMb - before.rssMb) * 1024) / CLIENTS,
    },
    heapUsedMb: endFigures.heapUsedMb,
    heapTotalMb: endFigures.heapTotalMb,
    cpuPercent: (100 * (windowSamples.at(-1)!.cpuSeconds - windowSamples[0]!.cpuSeconds)) / span,
    upstreams: Math.max(startFigures.upstreams, endFigures.upstreams),
    sent: endFigures.sent - startFigures.sent,
    dropped: endFigures.dropped - startFigures.dropped,
    clientProcesses: collected.map((r) => ({ cpuPercent: (100 * r.cpuSeconds) / r.wallSeconds, peakRssMb: r.peakRssMb })),
  };
}

/** Asks the router for a heap snapshot (--heapsnapshot-signal) and waits until it is written. */
async function heapSnapshot(target: Target, folder: string): Promise<void> {
  const dir = path.resolve(folder);
  const existing = new Set(fs.existsSync(dir) ? fs.readdirSync(dir) : []);
  process.kill(target.pid, 'SIGUSR2');
  await sleep(1000);
  // The router writes the snapshot on its main thread: it answers again once it is written.
  await target.figures();
  const written = fs.readdirSync(dir).filter((file) => file.endsWith('.heapsnapshot') && !existing.has(file));
  say(`heap snapshot of the router: ${written.map((file) => path.join(dir, file)).join(', ') || 'none written'}`);
}

async function shutdown(): Promise<void> {
  await pool?.stop();
  await Promise.all(stoppers.map((stop) => stop()));
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
