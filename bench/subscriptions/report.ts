import type { SubscriptionName } from './operations';
import type { TargetName } from './targets';

/** Latency percentiles, whole milliseconds. */
export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** What one target did in its measured window. */
export interface TargetRun {
  target: TargetName;
  /** Seconds from the first connection until the target held every subscription. */
  subscribedInS: number;
  /** Load average (1 minute) when the target's clients started to connect. */
  loadAverage: number;
  /** Events the reference subscriber saw changed in the window, and the price changes they carry. */
  events: number;
  priceChanges: number;
  expectedDeliveries: number;
  delivered: number;
  lost: number;
  /** Events that reached clients but not the reference (or arrived incomplete). */
  unexpected: number;
  errors: number;
  socketsClosed: number;
  /** Mean bytes of a WebSocket message the clients received in the window. */
  bytesPerMessage: number;
  latencyMs: Latency;
  latencyFromPublishMs: Latency;
  publishMs: Latency;
  rss: {
    /** Before its clients connected. */
    beforeMb: number;
    /** The mean of the samples in the measured window. */
    steadyMb: number;
    peakMb: number;
    /** (steady - before) / clients. */
    perSocketKb: number;
  };
  heapUsedMb: number;
  heapTotalMb: number;
  /** One core = 100. */
  cpuPercent: number;
  upstreams: number;
  /** Messages written and events dropped for slow clients, from the window's start to the report. */
  sent: number;
  dropped: number;
  clientProcesses: { cpuPercent: number; peakRssMb: number }[];
}

export interface RunReport {
  subscription: SubscriptionName;
  clients: number;
  symbols: number;
  tickMs: number;
  durationS: number;
  warmupS: number;
  runs: Partial<Record<TargetName, TargetRun>>;
  /** Events whose `next` payload the router and the inventory (the bare server's source) both sent, and how many matched byte for byte. */
  payloads?: { compared: number; identical: number };
}

/** What the targets are set for (the issue's: 10,000 clients on marketTicks, 20 symbols through one router). */
export const TARGETS = { subscription: 'marketTicks', clients: 10_000, symbols: 20, maxP99Ratio: 1.3, maxRssPerSocketKb: 50 } as const;

const ms = (latency: Latency) => `${latency.p50} / ${latency.p95} / ${latency.p99} / ${latency.max} ms`;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');

/** The two targets side by side, one row per measure. */
export function runTable(report: RunReport): string {
  const names = (['router', 'bare'] as const).filter((name) => report.runs[name]);
  const row = (measure: string, value: (run: TargetRun) => string) =>
    `| ${measure} | ${names.map((name) => value(report.runs[name]!)).join(' | ')} |`;
  const header = `| measure | ${names.map((name) => (name === 'router' ? 'router' : 'bare (plain ws server)')).join(' | ')} |`;
  return [
    header,
    `|---|${names.map(() => '---|').join('')}`,
    row('clients subscribed in', (run) => `${run.subscribedInS.toFixed(1)} s (load average ${run.loadAverage.toFixed(2)} at the start)`),
    row('events published in the window (reference subscriber), price changes they carry', (run) => `${run.events}, ${run.priceChanges}`),
    row('deliveries expected / received', (run) => `${run.expectedDeliveries} / ${run.delivered}`),
    row('events lost', (run) => `${run.lost} (${((100 * run.lost) / Math.max(1, run.expectedDeliveries)).toFixed(3)} %)`),
    row('error payloads, sockets closed, unexpected events', (run) => `${run.errors}, ${run.socketsClosed}, ${run.unexpected}`),
    row('bytes per message received', (run) => run.bytesPerMessage.toFixed(0)),
    row('latency, price change to client: p50 / p95 / p99 / max', (run) => ms(run.latencyMs)),
    row('of which storing and publishing it (reference subscriber): p50 / p95 / p99 / max', (run) => ms(run.publishMs)),
    row("latency, publication to client (the server's part): p50 / p95 / p99 / max", (run) => ms(run.latencyFromPublishMs)),
    row(
      'server RSS before the clients / steady (window mean) / peak',
      (run) => `${mb(run.rss.beforeMb)} / ${mb(run.rss.steadyMb)} / ${mb(run.rss.peakMb)} MB`,
    ),
    row('server RSS per open socket ((steady - before) / clients)', (run) => `${run.rss.perSocketKb.toFixed(1)} KB`),
    row('server JavaScript heap used / allocated at the end', (run) => `${mb(run.heapUsedMb)} / ${mb(run.heapTotalMb)} MB`),
    row('server CPU (one core = 100 %)', (run) => `${run.cpuPercent.toFixed(0)} %`),
    row('upstream subscriptions held', (run) => String(run.upstreams)),
    row('client processes: CPU (one core = 100 %), peak RSS', (run) =>
      run.clientProcesses.map((c) => `${c.cpuPercent.toFixed(0)} %, ${mb(c.peakRssMb)} MB`).join('; '),
    ),
    row('messages sent by the server / dropped for slow clients', (run) => `${run.sent} / ${run.dropped}`),
  ].join('\n');
}

const mb = (value: number) => value.toFixed(0);

/** router/bare ratios, one line; null without both targets. */
export function ratioLine(report: RunReport): string | null {
  const { router, bare } = report.runs;
  if (!router || !bare) return null;
  return (
    `router/bare: ${ratio(router.latencyMs.p50, bare.latencyMs.p50)} the p50, ${ratio(router.latencyMs.p95, bare.latencyMs.p95)} the p95 and ` +
    `${ratio(router.latencyMs.p99, bare.latencyMs.p99)} the p99 latency (price change to client); ` +
    `${ratio(router.latencyFromPublishMs.p99, bare.latencyFromPublishMs.p99)} the p99 of the server's part; ` +
    `events lost ${router.lost} and ${bare.lost}; RSS per open socket ${router.rss.perSocketKb.toFixed(1)} and ${bare.rss.perSocketKb.toFixed(1)} KB ` +
    `(${ratio(router.rss.perSocketKb, bare.rss.perSocketKb)}); CPU ${ratio(router.cpuPercent, bare.cpuPercent)}.`
  );
}

/** The targets, each met or not, as in the HTTP benchmark's `Targets:` lines. */
export function targetLines(report: RunReport): string[] {
  const { router, bare } = report.runs;
  if (!router) return [];
  const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
  const lines = [`events lost through the router: 0: ${verdict(router.lost === 0 && router.delivered > 0)} (${router.lost})`];
  if (bare) {
    const p99 = router.latencyMs.p99 / bare.latencyMs.p99;
    lines.push(`router p99 at most ${TARGETS.maxP99Ratio}x the bare server's: ${verdict(p99 <= TARGETS.maxP99Ratio)} (${p99.toFixed(2)}x)`);
  }
  const kb = router.rss.perSocketKb;
  lines.push(`router RSS per open socket at most ${TARGETS.maxRssPerSocketKb} KB: ${verdict(kb <= TARGETS.maxRssPerSocketKb)} (${kb.toFixed(1)} KB)`);
  const asSet = report.subscription === TARGETS.subscription && report.clients >= TARGETS.clients && report.symbols === TARGETS.symbols;
  if (!asSet)
    lines.push(
      `(the targets are set for ${TARGETS.clients} clients on ${TARGETS.subscription}, ${TARGETS.symbols} symbols; this run: ${report.clients} on ${report.subscription}, ${report.symbols})`,
    );
  return lines;
}

/** Whether the bare server's messages carry the router's payload bytes. */
export function payloadLine(report: RunReport): string | null {
  if (!report.payloads) return null;
  const { compared, identical } = report.payloads;
  return `Payloads: for ${identical} of ${compared} events compared, the router's \`next\` payload was byte for byte the inventory's for the same query (the bare server writes the inventory's).`;
}

/** The run's section of docs/BENCHMARKS.md. */
export function runSection(report: RunReport, command: string, machine: string): string {
  const ratios = ratioLine(report);
  const payloads = payloadLine(report);
  const targets = targetLines(report);
  return [
    `### ${report.subscription}, ${report.clients} clients: router and bare server`,
    '',
    `\`${command}\` on ${machine}; ${report.symbols} symbols every ${report.tickMs} ms, ${report.durationS} s measured per target after ${report.warmupS} s warm-up, one target at a time.`,
    '',
    runTable(report),
    '',
    ...(ratios ? [ratios, ''] : []),
    ...(payloads ? [payloads, ''] : []),
    ...(targets.length ? ['Targets:', '', ...targets.map((line) => `- ${line}`), ''] : []),
  ].join('\n');
}
