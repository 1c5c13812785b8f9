import autocannon from 'autocannon';
import { processFigures, progress } from '../support';
import { answered } from './queries';

// One target under load: autocannon in this process for the warm-up and the measured window in ONE run (so the
// window starts with the target already busy, not with its queue empty), the target's memory sampled from /proc and
// every service's CPU time counted during the window; then the stack is left to finish what the run left in flight.

/** What the results report for one target of one scenario (bench/results.json). */
export interface TargetFigures {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  peakRssMb: number;
}

/** A measured window: the reported figures, plus CPU milliseconds per answered request by process. */
export interface Measurement {
  figures: TargetFigures;
  /** Requests answered with data and without errors in the window. */
  answered: number;
  /** Every request answered, and failed, in the whole run (warm-up included), for the orders scenario's count. */
  sent: { answered: number; failed: number };
  cpuMsPerRequest: Record<string, number>;
}

/** A request a connection sends (POST). */
export interface LoadRequest {
  headers: Record<string, string>;
  body: string;
}

export interface LoadOptions {
  /** Shown in the progress line, e.g. `catalog/router`. */
  label: string;
  url: string;
  /** The requests connection `i` cycles through. */
  requestsFor: (connection: number) => LoadRequest[];
  /** Called every second; headers it returns replace every connection's (an internal token renewed). */
  renewHeaders?: () => Record<string, string> | null;
  connections: number;
  durationS: number;
  warmupS: number;
  /** The process under test: its peak RSS is reported. */
  targetPid: number;
  /** Processes whose CPU time is counted, by name (this process is counted as `load generator`). */
  processes: Record<string, number>;
}

/** Seconds a request may take before it counts as an error: well above any latency a closed loop of 50 reaches here. */
const TIMEOUT_S = 60;

/**
 * Watches a measured window from now: the target's peak RSS (sampled every 200 ms) and the CPU seconds every process
 * (and this one, as `load generator`) spends until `stop()`.
 */
export function watchProcesses(options: Pick<LoadOptions, 'targetPid' | 'processes'>) {
  const names = Object.keys(options.processes);
  const cpuBefore = names.map((name) => processFigures(options.processes[name]!).cpuSeconds);
  const selfBefore = process.cpuUsage();
  let peakRssMb = processFigures(options.targetPid).rssMb;
  const sample = () => (peakRssMb = Math.max(peakRssMb, processFigures(options.targetPid).rssMb));
  const sampler = setInterval(sample, 200);
  let stopped: { peakRssMb: number; cpuSeconds: Record<string, number> } | undefined;
  return {
    peakRssMb: () => peakRssMb,
    stop() {
      if (stopped) return stopped;
      clearInterval(sampler);
      sample();
      const self = process.cpuUsage(selfBefore);
      const cpuSeconds: Record<string, number> = { 'load generator': (self.user + self.system) / 1e6 };
      names.forEach((name, i) => (cpuSeconds[name] = processFigures(options.processes[name]!).cpuSeconds - cpuBefore[i]!));
      return (stopped = { peakRssMb, cpuSeconds });
    },
  };
}

/** CPU milliseconds per request, by process. */
export const perRequest = (cpuSeconds: Record<string, number>, requests: number): Record<string, number> =>
  Object.fromEntries(Object.entries(cpuSeconds).map(([name, seconds]) => [name, requests ? (1000 * seconds) / requests : 0]));

/** Value at quantile `q` (0 to 1) of ascending `sorted`. */
export const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]! : 0;

/** Answers counted in one phase of a run. */
class Tally {
  ok2xx = 0;
  non2xx = 0;
  badBodies = 0;
  failedRequests = 0;
  readonly latencies: number[] = [];

  /** Answered with data and no errors. */
  get answered() {
    return this.ok2xx - this.bad2xx;
  }
  /** Connection errors and timeouts, non-2xx answers, and 2xx answers with errors in the body (each once). */
  get failed() {
    return this.failedRequests + this.non2xx + this.bad2xx;
  }
  // Every body is checked whatever its status: only bad bodies beyond the non-2xx answers are further failures.
  private get bad2xx() {
    return Math.max(0, this.badBodies - this.non2xx);
  }
}

/** Every process's CPU seconds so far, summed. */
const totalCpu = (pids: number[]) => pids.reduce((sum, pid) => sum + processFigures(pid).cpuSeconds, 0);

/**
 * Waits until the services are idle (under 5 % of a core for half a second), at most a minute: requests the load
 * generator gave up on at the end of a run are still being answered, and would slow the next target down.
 */
export async function settle(processes: Record<string, number>): Promise<void> {
  const pids = Object.values(processes);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const before = totalCpu(pids);
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (totalCpu(pids) - before < 0.025 || Date.now() > deadline) return;
    progress('  waiting for the services to finish the requests left in flight');
  }
}

/**
 * One autocannon run: `options.warmupS`, then a measured window of `durationS` (none when 0) while the processes
 * are watched; resolves once the services have settled.
 */
async function drive(options: LoadOptions, durationS: number) {
  const warm = new Tally();
  const window = new Tally();
  let phase = warm;
  const clients: autocannon.Client[] = [];
  let next = 0;
  let settleRun!: (error: unknown, result: autocannon.Result) => void;
  const finished = new Promise<autocannon.Result>((resolve, reject) => (settleRun = (error, result) => (error ? reject(error) : resolve(result))));
  const instance = autocannon(
    {
      url: options.url,
      method: 'POST',
      connections: options.connections,
      duration: options.warmupS + durationS,
      timeout: TIMEOUT_S,
      // Every answer is read: GraphQL errors come back with HTTP 200 from the subgraphs and the gateways.
      // Called right after the response is counted, so a bad body lands in the same phase.
      verifyBody: (text) => answered(String(text)) || (phase.badBodies++, false),
      setupClient: (client) => {
        clients.push(client);
        const requests = options.requestsFor(next++);
        client.setRequests(
          requests.map((request) => ({ method: 'POST', headers: { 'content-type': 'application/json', ...request.headers }, body: request.body })),
        );
      },
    },
    (error, result) => settleRun(error, result),
  );

  let watch: ReturnType<typeof watchProcesses> | undefined;
  let windowStart = 0;
  const warmupTimer =
    durationS > 0
      ? setTimeout(() => {
          phase = window;
          windowStart = performance.now();
          watch = watchProcesses(options);
        }, options.warmupS * 1000)
      : undefined;
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) {
      phase.ok2xx += 1;
      if (phase === window) window.latencies.push(responseTime);
    } else {
      phase.non2xx += 1;
    }
  });
  instance.on('reqError', () => (phase.failedRequests += 1));
  let elapsed = 0;
  instance.on('tick', (({ counter }: { counter: number }) => {
    const renewed = options.renewHeaders?.();
    if (renewed) for (const client of clients) client.setHeaders({ 'content-type': 'application/json', ...renewed });
    elapsed += 1;
    progress(
      watch
        ? `  ${options.label}: ${elapsed - options.warmupS}/${durationS} s, ${counter} req/s, target RSS ${watch.peakRssMb().toFixed(0)} MB (peak)`
        : `  ${options.label}: warming up ${Math.min(elapsed, options.warmupS)}/${options.warmupS} s, ${counter} req/s`,
    );
  }) as () => void);

  try {
    await finished;
  } finally {
    clearTimeout(warmupTimer);
  }
  const windowS = (performance.now() - windowStart) / 1000;
  const watched = watch?.stop();
  if (durationS > 0 && !watched) throw new Error(`${options.label}: the run ended before its warm-up did`);
  if (process.stdout.isTTY) process.stdout.write('\n');
  await settle(options.processes);
  return { warm, window, windowS, watched };
}

/**
 * Loads the target for `options.warmupS` without measuring: the subgraphs and the gateways are shared by the
 * targets, and whichever is measured first would otherwise run on code not yet optimised by the JIT.
 */
export async function warmUp(options: LoadOptions): Promise<{ answered: number; failed: number }> {
  const { warm } = await drive(options, 0);
  return { answered: warm.answered, failed: warm.failed };
}

/** Runs the warm-up and the measured window, then waits for the services to settle. */
export async function measure(options: LoadOptions): Promise<Measurement> {
  const { warm, window, windowS, watched } = await drive(options, options.durationS);
  const sorted = window.latencies.sort((a, b) => a - b);
  return {
    figures: {
      rps: window.answered / windowS,
      p50Ms: quantile(sorted, 0.5),
      p99Ms: quantile(sorted, 0.99),
      errors: window.failed,
      peakRssMb: watched!.peakRssMb,
    },
    answered: window.answered,
    sent: { answered: window.answered + warm.answered, failed: window.failed + warm.failed },
    cpuMsPerRequest: perRequest(watched!.cpuSeconds, window.answered),
  };
}
