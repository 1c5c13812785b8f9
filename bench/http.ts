import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase, InternalTokenSigner } from '@trading/platform';
import { type Mismatch, reconcileAll } from '@trading/ledger';
import { REPO_ROOT } from '@trading/stack/processes';
import { measure, warmUp, type LoadOptions, type LoadRequest, type Measurement, type TargetFigures } from './http/load';
import { body, CATALOG, DEEP, PLACE_ORDER, PORTFOLIO, problemsWith } from './http/queries';
import { measureRawTransactions } from './http/raw-transactions';
import {
  cpuTable,
  methodSection,
  ratios,
  rounded,
  scenarioSection,
  summaryTable,
  targetLines,
  type ScenarioReport,
  type TargetName,
} from './http/report';
import { gql, inBatches, registerTrader, seedPortfolioTrader } from './http/seed';
import { startServices, type Services } from './http/services';
import { machine, writeSection } from './support';

// `npm run bench`: HTTP throughput and latency of our router against a stock Apollo Server + @apollo/gateway and Hive
// Gateway (defaults, and the public benchmark's settings) over the same supergraph and subgraphs, and against the
// subgraph itself or DynamoDB itself, scenario by scenario (see
// docs/BENCHMARKS.md). autocannon runs in this process; every service is a process of its own.

const SCENARIOS = ['catalog', 'portfolio', 'deep', 'orders'] as const;
type Scenario = (typeof SCENARIOS)[number];

const { values: args } = parseArgs({
  options: {
    /** Seconds each target is measured (after a 2 s warm-up); default 10. */
    duration: { type: 'string', default: '10' },
    /** Write CPU profiles of every service (node --cpu-prof; named by process id, see the run's pids) into this folder. */
    profile: { type: 'string' },
    /** Concurrent connections (concurrent transactions for the raw DynamoDB target); default 50. */
    connections: { type: 'string', default: '50' },
    /** One scenario or a comma-separated list; default all. */
    scenario: { type: 'string', default: SCENARIOS.join(',') },
    /** Print the results without writing docs/BENCHMARKS.md and bench/results.json. */
    'dry-run': { type: 'boolean', default: false },
  },
});
const DURATION_S = positive('duration');
const CONNECTIONS = positive('connections');
const WARMUP_S = 2;
/** Traders placing orders concurrently in the orders scenario. */
const ORDER_TRADERS = 100;
/** Distinct signed-in traders the portfolio scenario asks as (issue 17: a figure no sharing can inflate). */
const PORTFOLIO_TRADERS = 100;
const selected = args.scenario.split(',').map((name) => name.trim());
for (const name of selected)
  if (!SCENARIOS.includes(name as Scenario)) throw new Error(`--scenario: unknown ${name} (one of ${SCENARIOS.join(', ')})`);
const scenarios = SCENARIOS.filter((name) => selected.includes(name));

function positive(name: 'duration' | 'connections'): number {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number above 0 (got ${String(args[name])})`);
  return value;
}

/** What the `unshared` target is. */
const UNSHARED = 'our router, SUBGRAPH_SHARE_IN_FLIGHT=false DEDUPLICATE_IN_FLIGHT=false';

const say = (line: string) => process.stdout.write(`${line}\n`);
// As the services are started: the SDK's notice about Node versions after January 2027 is not this benchmark's news.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** One request with an answer that is exactly what the scenario expects, before the target is put under load. */
async function verify(scenario: Scenario, target: string, url: string, request: LoadRequest): Promise<void> {
  const { query } = JSON.parse(request.body) as { query: string };
  const answer = await gql(url, query, { headers: request.headers });
  const problems = answer.errors?.length ? [JSON.stringify(answer.errors)] : problemsWith(scenario, answer.data);
  if (answer.status !== 200 || problems.length) {
    throw new Error(`${scenario}/${target} does not answer as expected (HTTP ${answer.status}): ${problems.join(', ')}`);
  }
}

/**
 * Runs the scenario's targets one at a time: each verified and loaded for a warm-up first (the services they share
 * warm up too, so the first target measured is not the one that pays for it), then each measured.
 */
async function runTargets(
  scenario: Scenario,
  targets: {
    target: TargetName;
    url: string;
    /** The request verified first; each connection sends it, or those of `requestsFor` in turn. */
    request: LoadRequest;
    requestsFor?: (connection: number) => LoadRequest[];
    targetPid: number;
    renewHeaders?: () => Record<string, string> | null;
  }[],
  pids: Record<string, number>,
): Promise<Partial<Record<TargetName, Measurement>>> {
  const loadOf = ({ target, url, request, requestsFor, targetPid, renewHeaders }: (typeof targets)[number]): LoadOptions => ({
    label: `${scenario}/${target}`,
    url,
    requestsFor: requestsFor ?? (() => [request]),
    ...(renewHeaders ? { renewHeaders } : {}),
    connections: CONNECTIONS,
    durationS: DURATION_S,
    warmupS: WARMUP_S,
    targetPid,
    processes: pids,
  });
  for (const target of targets) {
    await verify(scenario, target.target, target.url, target.request);
    await warmUp(loadOf(target));
  }
  const runs: Partial<Record<TargetName, Measurement>> = {};
  for (const target of targets) {
    const measured = await measure(loadOf(target));
    say(line(scenario, target.target, measured.figures));
    runs[target.target] = measured;
  }
  return runs;
}

const line = (scenario: string, target: string, f: TargetFigures) =>
  `  ${scenario}/${target}: ${f.rps.toFixed(1)} req/s, p50 ${f.p50Ms.toFixed(1)} ms, p99 ${f.p99Ms.toFixed(1)} ms, ${f.errors} errors, peak RSS ${f.peakRssMb.toFixed(0)} MB`;

/** Market buys by 100 traders through the router, the books reconciled, then raw transactions on DynamoDB. */
async function ordersScenario(services: Services): Promise<Pick<ScenarioReport, 'runs' | 'notes' | 'failures'>> {
  say(`registering ${ORDER_TRADERS} traders with 1,000,000 USD each`);
  const tokens = await inBatches(
    Array.from({ length: ORDER_TRADERS }, (_, i) => i),
    10,
    () => registerTrader(services.router.url, 'orders', '1000000'),
  );
  const request = (token: string): LoadRequest => ({ headers: { authorization: `Bearer ${token}` }, body: body(PLACE_ORDER) });
  await verify('orders', 'router', services.router.url, request(tokens[0]!));
  // Each connection cycles through its share of the traders (connection c: traders c, c + connections, ...; with more
  // connections than traders, some share one).
  const tradersOf = (connection: number) => {
    const own = tokens.filter((_, i) => i % CONNECTIONS === connection);
    return (own.length ? own : [tokens[connection % tokens.length]!]).map(request);
  };
  const load: LoadOptions = {
    label: 'orders/router',
    url: services.router.url,
    requestsFor: tradersOf,
    connections: CONNECTIONS,
    durationS: DURATION_S,
    warmupS: WARMUP_S,
    targetPid: services.router.child.pid!,
    processes: services.pids,
  };
  const warmed = await warmUp(load);
  const router = await measure(load);
  say(line('orders', 'router', router.figures));

  // measure() returns once the services are idle: orders cut off when the load stopped have committed by now.
  say('reconciling the ledger and the holdings of every account');
  const db = createDatabase({ endpoint: services.db.url, region: 'us-east-1', tablePrefix: 'trading-' });
  const mismatches: Mismatch[] = [];
  let stored = 0;
  let accounts = 0;
  try {
    for await (const users of reconcileAll(db)) {
      for (const user of users) {
        accounts += 1;
        mismatches.push(...user.mismatches);
        if (user.username.startsWith('orders_')) stored += user.orders;
      }
    }
  } finally {
    db.close();
  }
  // Every acknowledged fill is stored; a request cut off by the end of a run may be stored without an answer.
  const acknowledged = 1 + warmed.answered + router.sent.answered;
  const failures = [
    ...(mismatches.length ? [`${mismatches.length} reconciliation mismatches: ${JSON.stringify(mismatches.slice(0, 5))}`] : []),
    ...(stored < acknowledged ? [`${acknowledged} fills acknowledged but only ${stored} orders stored`] : []),
  ];
  router.figures.errors += mismatches.length;
  const notes = [
    `Books after the router run: ${accounts} accounts reconciled (ledger chain and balance, holdings against fills, fills against ledger entries), ${mismatches.length} mismatches; ${stored} orders stored for ${acknowledged} fills acknowledged (verification, warm-ups and measured run; requests cut off at the end of a run may be stored unanswered).`,
  ];
  say(`  ${notes[0]}`);
  for (const failure of failures) say(`  FAILED: ${failure}`);

  const raw = await measureRawTransactions(services.db.url, {
    label: 'orders/direct (raw TransactWriteItems)',
    connections: CONNECTIONS,
    durationS: DURATION_S,
    warmupS: WARMUP_S,
    targetPid: services.db.child.pid!,
    processes: services.pids,
  });
  say(line('orders', 'direct (raw TransactWriteItems)', raw.figures));
  return { runs: { router, direct: raw }, notes, failures };
}

async function main(services: Services): Promise<ScenarioReport[]> {
  const signer = new InternalTokenSigner(services.internalSecret);
  const internalHeaders = () => ({ authorization: `Bearer ${signer.tokenFor({ identity: null })}` });
  // deep asks as one trader (identical requests, as the public benchmark); portfolio as PORTFOLIO_TRADERS distinct ones.
  let portfolioTokens: string[] = [];
  if (scenarios.includes('portfolio') || scenarios.includes('deep')) {
    const traders = scenarios.includes('portfolio') ? PORTFOLIO_TRADERS : 1;
    say(`seeding ${traders} portfolio trader(s) through the router: each a deposit, 49 market buys over 10 assets, 1 open limit buy`);
    portfolioTokens = await inBatches(
      Array.from({ length: traders }, (_, i) => i),
      10,
      () => seedPortfolioTrader(services.router.url),
    );
  }
  const peers = [
    { target: 'router' as const, service: services.router },
    { target: 'unshared' as const, service: services.unshared },
    { target: 'stock' as const, service: services.stock },
    { target: 'hive' as const, service: services.hive },
    { target: 'hive-tuned' as const, service: services.hiveTuned },
  ];
  /** Every gateway with the same requests: one for all, or each connection its own in turn (`tokens`). */
  const gateways = (query: string, tokens: (string | null)[]) => {
    const requestOf = (token: string | null): LoadRequest => ({ headers: token ? { authorization: `Bearer ${token}` } : {}, body: body(query) });
    // Connection c sends the requests of tokens c, c + connections, ... (with more connections than tokens, some share one).
    const requestsFor = (connection: number) => {
      const own = tokens.filter((_, i) => i % CONNECTIONS === connection);
      return (own.length ? own : [tokens[connection % tokens.length]!]).map(requestOf);
    };
    return peers.map(({ target, service }) => ({
      target,
      url: service.url,
      request: requestOf(tokens[0]!),
      ...(tokens.length > 1 ? { requestsFor } : {}),
      targetPid: service.child.pid!,
    }));
  };

  const reports: ScenarioReport[] = [];
  for (const scenario of scenarios) {
    say(`\n${scenario}`);
    const loadAverage = os.loadavg()[0]!;
    const base = { scenario, loadAverage, notes: [] as string[], failures: [] as string[] };
    if (scenario === 'catalog') {
      let sent = internalHeaders().authorization;
      const direct = {
        target: 'direct' as const,
        url: services.inventory.url,
        request: { headers: internalHeaders(), body: body(CATALOG) },
        targetPid: services.inventory.child.pid!,
        // Internal tokens live a minute: a long run gets the renewed one.
        renewHeaders: () => {
          const current = internalHeaders();
          if (current.authorization === sent) return null;
          sent = current.authorization;
          return current;
        },
      };
      reports.push({
        ...base,
        title: '`assets(first: 50)` with every asset field, anonymous: one subgraph (inventory).',
        targetNotes: { direct: 'the inventory subgraph, with an internal token', unshared: UNSHARED },
        runs: await runTargets(scenario, [...gateways(CATALOG, [null]), direct], services.pids),
      });
    } else if (scenario === 'portfolio' || scenario === 'deep') {
      reports.push({
        ...base,
        title:
          scenario === 'portfolio'
            ? `A signed-in trader's dashboard (10 positions, 50 orders, 50 ledger entries): users, orders and inventory, with entity fetches; ${PORTFOLIO_TRADERS} distinct traders, each connection sending its traders' requests in turn, so that no two requests in flight are identical.`
            : "A nested query in the shape of the public gateway benchmarks: the trader's 10 orders, each with its asset and its user, the user's portfolio, holdings and 5 orders with their assets and user. 9 subgraph fetches, 8 of them entity fetches, four entity hops in a row (users -> orders -> users -> orders -> inventory).",
        targetNotes: { unshared: UNSHARED },
        runs: await runTargets(
          scenario,
          scenario === 'portfolio' ? gateways(PORTFOLIO, portfolioTokens) : gateways(DEEP, portfolioTokens.slice(0, 1)),
          services.pids,
        ),
      });
    } else {
      reports.push({
        ...base,
        title: `Market buys (ETH 0.001) placed concurrently by ${ORDER_TRADERS} traders through the router, then every account reconciled; against raw two-item TransactWriteItems (the cash half of a fill) on the same DynamoDB endpoint.`,
        targetNotes: { direct: 'raw TransactWriteItems on DynamoDB' },
        ...(await ordersScenario(services)),
      });
    }
  }
  return reports;
}

let services: Services | undefined;

async function run(): Promise<void> {
  services = await startServices(say, args.profile ? { profileDir: path.resolve(args.profile) } : {});
  if (args.profile) {
    // Profiles are named by process id: which is which.
    fs.writeFileSync(path.resolve(args.profile, 'processes.json'), `${JSON.stringify(services.pids, null, 2)}\n`);
    say(`CPU profiles (written as the services stop) and processes.json in ${path.resolve(args.profile)}`);
  }
  const reports = await main(services);
  say(`\n${summaryTable(reports)}`);
  for (const report of reports) {
    const versus = ratios(report);
    if (versus) say(`${report.scenario}: ${versus}`);
    for (const target of targetLines(report)) say(`  target: ${target.replaceAll('**', '')}`);
  }
  say('\nCPU milliseconds per answered request, by process:');
  for (const report of reports) say(`\n${report.scenario}\n${cpuTable(report)}`);
  const failures = reports.flatMap((report) => report.failures);

  const command = ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
  if (args['dry-run']) {
    say('\ndry run: nothing written');
  } else {
    const where = { command, machine: machine(), durationS: DURATION_S, connections: CONNECTIONS };
    const file = path.join(REPO_ROOT, 'docs', 'BENCHMARKS.md');
    writeSection(file, 'http', methodSection(where));
    for (const report of reports) writeSection(file, `http-${report.scenario}`, scenarioSection(report, where));
    // Scenarios not run this time keep their last figures.
    const resultsFile = path.join(REPO_ROOT, 'bench', 'results.json');
    const results = (fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : {}) as Record<
      string,
      Record<string, TargetFigures>
    >;
    for (const report of reports) {
      results[report.scenario] = Object.fromEntries(Object.entries(report.runs).map(([target, measured]) => [target, rounded(measured.figures)]));
    }
    fs.writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    say('\nwritten to docs/BENCHMARKS.md and bench/results.json');
  }
  if (failures.length) throw new Error(`the benchmark found failures:\n${failures.join('\n')}`);
}

run().then(
  () => services!.stop().then(() => process.exit(0)),
  (error: unknown) => {
    console.error(`\nbenchmark failed: ${error instanceof Error ? error.stack : String(error)}`);
    void (services?.stop() ?? Promise.resolve()).finally(() => process.exit(1));
  },
);
