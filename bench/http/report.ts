import type { Measurement, TargetFigures } from './load';

// Tables of `npm run bench`: printed at the end and written to docs/BENCHMARKS.md (sections `http` and
// `http-<scenario>`), and the figures of bench/results.json.

export const TARGETS = ['direct', 'router', 'unshared', 'stock', 'hive', 'hive-tuned'] as const;
export type TargetName = (typeof TARGETS)[number];

/** A scenario's measured targets, and what its section says about them. */
export interface ScenarioReport {
  scenario: string;
  /** One line: what the scenario sends. */
  title: string;
  /** What each target is, when it is not obvious (e.g. `direct` = the inventory subgraph). */
  targetNotes: Partial<Record<TargetName, string>>;
  runs: Partial<Record<TargetName, Measurement>>;
  /** The 1-minute load average when the scenario started. */
  loadAverage: number;
  /** Further lines for the section (the orders scenario's books). */
  notes: string[];
  /** Problems that make the run a failure (e.g. books that do not balance). */
  failures: string[];
}

const fixed = (value: number, digits: number) => Number(value.toFixed(digits));

/** The figures as bench/results.json holds them. */
export function rounded(figures: TargetFigures): TargetFigures {
  return {
    rps: fixed(figures.rps, 1),
    p50Ms: fixed(figures.p50Ms, 2),
    p99Ms: fixed(figures.p99Ms, 2),
    errors: figures.errors,
    peakRssMb: fixed(figures.peakRssMb, 1),
  };
}

const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `${(a / b).toFixed(2)}x` : '-');

/** router against each peer, and unshared/stock, for requests/s and p50 and p99 latency. */
export function ratios(report: ScenarioReport): string {
  const pairs = [
    ['router', 'stock'],
    ['router', 'hive'],
    ['router', 'hive-tuned'],
    ['router', 'direct'],
    ['unshared', 'stock'],
  ] as const;
  return pairs
    .filter(([ours, other]) => report.runs[ours] && report.runs[other])
    .map(([ours, other]) => {
      const [a, b] = [report.runs[ours]!.figures, report.runs[other]!.figures];
      return `${ours}/${other}: ${ratio(a.rps, b.rps)} the requests/s, ${ratio(a.p50Ms, b.p50Ms)} the p50 and ${ratio(a.p99Ms, b.p99Ms)} the p99 latency`;
    })
    .join('; ');
}

/** The targets of the performance issue (#7) for a scenario, each checked against the figures of this run. */
export function targetLines(report: ScenarioReport): string[] {
  const { runs } = report;
  const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
  const check = (ours: TargetName, other: TargetName, minRps: number, maxP99?: number): string | null => {
    const [a, b] = [runs[ours]?.figures, runs[other]?.figures];
    if (!a || !b) return null;
    const rps = a.rps / b.rps;
    const parts = [`${ours}/${other} requests/s at least ${minRps.toFixed(1)}x: ${verdict(rps >= minRps)} (${rps.toFixed(2)}x)`];
    if (maxP99 !== undefined) parts.push(`p99 at most ${maxP99}x: ${verdict(a.p99Ms / b.p99Ms <= maxP99)} (${(a.p99Ms / b.p99Ms).toFixed(2)}x)`);
    return parts.join('; ');
  };
  // Issue 17: identical public requests (catalog, deep) at least 1.2x Hive Gateway in its benchmark configuration
  // with a p99 no worse; distinct signed-in requests (portfolio) twice stock with half its p99.
  const lines =
    report.scenario === 'catalog'
      ? [check('router', 'hive-tuned', 1.2, 1.0), check('router', 'direct', 0.7)]
      : report.scenario === 'deep'
        ? [check('router', 'hive-tuned', 1.2, 1.0), check('router', 'stock', 2.0, 0.5)]
        : report.scenario === 'orders'
          ? [check('router', 'direct', 0.5), `books reconciled with zero mismatches: ${report.failures.length ? '**not met** (see below)' : 'met'}`]
          : [check('router', 'stock', 2.0, 0.5), check('unshared', 'stock', 2.0, 0.5)];
  return lines.filter((line): line is string => line !== null);
}

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

/** The combined table: one row per scenario and target. */
export function summaryTable(reports: ScenarioReport[]): string {
  const lines = [
    row(['scenario', 'target', 'requests/s', 'p50 ms', 'p99 ms', 'errors', 'peak RSS MB', 'answered', 'router/target requests/s']),
    row(Array(9).fill('---')),
  ];
  for (const report of reports) {
    for (const target of TARGETS) {
      const run = report.runs[target];
      if (!run) continue;
      const f = rounded(run.figures);
      const name = report.targetNotes[target] ? `${target} (${report.targetNotes[target]})` : target;
      const versus = target === 'router' ? '' : ratio(report.runs.router?.figures.rps, f.rps);
      lines.push(
        row([
          report.scenario,
          name,
          f.rps.toFixed(f.rps < 100 ? 1 : 0),
          f.p50Ms.toFixed(1),
          f.p99Ms.toFixed(1),
          f.errors,
          f.peakRssMb.toFixed(0),
          run.answered,
          versus,
        ]),
      );
    }
  }
  return lines.join('\n');
}

const PROCESSES = ['router', 'unshared', 'stock', 'hive', 'hive-tuned', 'users', 'inventory', 'orders', 'dynamodb', 'load generator'];

/** CPU milliseconds per answered request, by process, for each target of a scenario. */
export function cpuTable(report: ScenarioReport): string {
  const lines = [row(['target', ...PROCESSES, 'all']), row(Array(PROCESSES.length + 2).fill('---'))];
  for (const target of TARGETS) {
    const run = report.runs[target];
    if (!run) continue;
    const all = Object.values(run.cpuMsPerRequest).reduce((sum, ms) => sum + ms, 0);
    const cell = (ms: number | undefined) => (ms === undefined || ms < 0.005 ? '-' : ms.toFixed(2));
    lines.push(row([target, ...PROCESSES.map((name) => cell(run.cpuMsPerRequest[name])), all.toFixed(2)]));
  }
  return lines.join('\n');
}

/** The section `http-<scenario>` of docs/BENCHMARKS.md. */
export function scenarioSection(report: ScenarioReport, run: { command: string; machine: string; durationS: number; connections: number }): string {
  const lines = [
    `### HTTP: ${report.scenario}`,
    '',
    `${report.title}`,
    '',
    `\`${run.command}\` on ${run.machine}; ${run.connections} connections, ${run.durationS} s per target after a 2 s warm-up, one target at a time; load average ${report.loadAverage.toFixed(2)} at the start.`,
    '',
    summaryTable([report]),
    '',
  ];
  const versus = ratios(report);
  if (versus) lines.push(`${versus}.`, '');
  const targets = targetLines(report);
  if (targets.length) lines.push('Targets:', '', ...targets.map((target) => `- ${target}`), '');
  lines.push('CPU milliseconds per answered request, by process (the load generator is this benchmark):', '', cpuTable(report), '');
  if (report.notes.length) lines.push(...report.notes.map((note) => `- ${note}`), '');
  if (report.failures.length) lines.push(...report.failures.map((failure) => `- **FAILED**: ${failure}`), '');
  return lines.join('\n');
}

/** The `http` section: how the numbers are made. */
export function methodSection(run: { command: string; machine: string }): string {
  return [
    '## HTTP: router, stock gateway, Hive Gateway, subgraph',
    '',
    `\`npm run bench\` (options \`--duration\` seconds, default 10; \`--connections\`, default 50; \`--scenario\`, a comma list, default all; \`--dry-run\`). Last run: \`${run.command}\` on ${run.machine}. One section per scenario below; the figures are also in \`bench/results.json\`.`,
    '',
    '- **Processes.** The embedded DynamoDB (in memory), users, inventory (price feed off: prices stay still), orders, our router (twice), the stock gateway and Hive Gateway (twice), each a Node process of its own on 127.0.0.1, `NODE_ENV=production`, `LOG_LEVEL=info`.',
    '- **router**: ours, as deployed (Apollo Server 5 + @apollo/gateway with our authorization, operation limits, rate limits (raised to 1,000,000 a minute so that none refuses), APQ, metrics and a per-request access log line; subgraph calls over undici keep-alive pools, identical subgraph queries in flight sent once: router/src/subgraph-client.ts).',
    '- **router** also executes identical queries of one caller in flight at once only once (`DEDUPLICATE_IN_FLIGHT`, router/src/inbound-dedup.ts: never across callers, never mutations).',
    '- **unshared**: our router again (a process of its own) with `SUBGRAPH_SHARE_IN_FLIGHT=false` and `DEDUPLICATE_IN_FLIGHT=false`: every request is executed and every subgraph query goes out, also when an identical one is in flight: the figure for traffic where requests do not overlap.',
    "- **stock**: `bench/stock-gateway.ts`, Apollo Server 5 standalone + `@apollo/gateway` with default settings over the same supergraph and subgraphs. Beyond the defaults it only adds the internal token the subgraphs require (the caller's JWT verified once per request, the internal token signed once per caller and reused), and loads the supergraph with the `for: SECURITY` of `@authenticated`/`@requiresScopes` dropped, as our router does, because @apollo/gateway refuses to serve features it does not enforce. It enforces no authorization itself (the subgraphs still do).",
    "- **hive**: `bench/hive-gateway.ts`, Hive Gateway 2.15.1 (`@graphql-hive/gateway`'s runtime on Node's http server) with its defaults, over the same supergraph copy and subgraphs; like stock it only adds the internal token the subgraphs require.",
    '- **hive-tuned**: the same with the settings of the public gateway benchmark: `--jit` (graphql-jit execution, `@graphql-mesh/plugin-jit`, which the CLI flag turns on) and `inboundInflightRequestDeduplication: true`, which answers identical requests in flight (same body and headers) with one execution.',
    '- **Scenarios and sharing.** `catalog` and `deep` send one identical request on every connection (anonymous and one trader, as the public benchmark does): what in-flight deduplication is for. `portfolio` spreads its load over 100 distinct signed-in traders (each request carries one of their tokens in turn), so no two requests in flight are identical and the figure is the cost of a request.',
    '- **direct**: the subgraph itself where the query touches one (catalog: inventory, with an internal token). For orders, raw two-item `TransactWriteItems` (the cash update with its conditions and the ledger put: the cash half of a fill, built by the same `cashMovement`) from as many concurrent loops as there are connections, through the AWS SDK in the benchmark process, on scratch tables of the same DynamoDB endpoint.',
    '- **Load.** autocannon in the benchmark process: POST over keep-alive connections, the same connections and duration for every target, one target at a time (the others idle). Each target first gets one verification request whose answer is checked in full and a 2 s warm-up run, so that the services the targets share are warm before the first one is measured; then each target gets one autocannon run: a 2 s warm-up, then the measured window (so the window starts with the target already busy). After each run the benchmark waits until the services are idle again, so requests abandoned at the end of a run do not slow the next target. Requests time out after 60 s.',
    '- **This machine has 2 cores, shared by the load generator, the gateway, the three subgraphs and DynamoDB** (and by whatever else runs on it: each section gives the load average at its start). The figures are what the whole stack does on 2 cores, not what a gateway does alone; the CPU tables (CPU milliseconds per answered request, by process, from /proc) show where the time goes, and vary much less from run to run than requests/s.',
    "- **Figures.** requests/s counts answers with data and no GraphQL errors in the measured window (`answered`: how many); p50/p99 are the latencies of the 2xx answers in the window; errors are connection errors, timeouts, non-2xx answers and answers with GraphQL errors or without data (every body is checked); peak RSS is the target process's (sampled every 200 ms; for orders/direct, the DynamoDB process's).",
    '',
  ].join('\n');
}
