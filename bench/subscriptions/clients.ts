import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

// One process of benchmark clients (forked by bench/subscriptions.ts): opens graphql-ws clients to the router, each
// with one subscription, and counts what arrives. Talks to its parent over IPC:
//   parent -> { type: 'start', url, clients, query, variables, concurrency }   child -> { type: 'progress', open }
//   parent -> { type: 'window', from, to }                                      (ms since the epoch, of changedAt)
//   parent -> { type: 'report' }                                                child -> { type: 'report', ... }
//   parent -> { type: 'stop' }                                                  the child disposes its clients and exits

export interface ClientsReport {
  type: 'report';
  /**
   * Per event key (`symbol|changedAt|price`), for events changed within the window: the delivery latencies (receipt
   * time minus `changedAt`, whole milliseconds) as [latency, deliveries] pairs.
   */
  received: Record<string, [number, number][]>;
  /** Subscriptions that ended with an error payload, and sockets that closed while subscribed. */
  errors: number;
  closes: number;
  /** This process's CPU seconds (user + system) from the window's start to the report, and those wall seconds. */
  cpuSeconds: number;
  wallSeconds: number;
  /** Peak RSS in MB over the run. */
  peakRssMb: number;
}

interface Tick {
  priceChanged: { symbol: string; price: string; changedAt: string; asset: { name: string } | null };
}

type Message =
  | { type: 'start'; url: string; clients: number; query: string; variables: Record<string, unknown>; concurrency: number }
  | { type: 'window'; from: number; to: number }
  | { type: 'report' }
  | { type: 'stop' };

const clients: Client[] = [];
const received = new Map<string, Map<number, number>>();
const changedAtMs = new Map<string, number>();
let window = { from: Infinity, to: -Infinity };
let windowStarted = { cpu: process.cpuUsage(), at: Date.now() };
let errors = 0;
let closes = 0;
let peakRss = 0;
let stopping = false;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 500);

function onTick(tick: Tick): void {
  const now = Date.now();
  const { symbol, price, changedAt, asset } = tick.priceChanged;
  let at = changedAtMs.get(changedAt);
  if (at === undefined) {
    at = Date.parse(changedAt);
    changedAtMs.set(changedAt, at);
  }
  if (at < window.from || at >= window.to) return;
  // An event without its asset's name (the router could not resolve it) does not count as delivered.
  if (!asset?.name) return;
  const key = `${symbol}|${changedAt}|${price}`;
  let latencies = received.get(key);
  if (!latencies) received.set(key, (latencies = new Map()));
  const latency = Math.max(now - at, 0);
  latencies.set(latency, (latencies.get(latency) ?? 0) + 1);
}

async function open(url: string, count: number, query: string, variables: Record<string, unknown>, concurrency: number): Promise<void> {
  let next = 0;
  const openOne = async () => {
    while (next < count) {
      next += 1;
      const client = createClient({
        url,
        webSocketImpl: WebSocket,
        lazy: false,
        retryAttempts: 0,
        on: { closed: () => void (stopping || (closes += 1)) },
      });
      clients.push(client);
      await new Promise<void>((resolve, reject) => {
        const off = client.on('connected', () => (off(), resolve()));
        const offError = client.on('error', (error) => (offError(), reject(error instanceof Error ? error : new Error('socket error'))));
      });
      client.subscribe<Tick>(
        { query, variables },
        {
          next: (result) => {
            if (result.errors?.length) errors += 1;
            if (result.data) onTick(result.data);
          },
          error: () => void (errors += 1),
          complete: () => undefined,
        },
      );
    }
  };
  const progress = setInterval(() => process.send!({ type: 'progress', open: clients.length }), 500);
  try {
    await Promise.all(Array.from({ length: concurrency }, openOne));
  } finally {
    clearInterval(progress);
  }
  process.send!({ type: 'progress', open: clients.length });
}

process.on('message', (message: Message) => {
  switch (message.type) {
    case 'start':
      open(message.url, message.clients, message.query, message.variables, message.concurrency).catch((error: unknown) => {
        process.send!({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      });
      break;
    case 'window':
      window = { from: message.from, to: message.to };
      windowStarted = { cpu: process.cpuUsage(), at: Date.now() };
      break;
    case 'report': {
      const usage = process.cpuUsage(windowStarted.cpu);
      const report: ClientsReport = {
        type: 'report',
        received: Object.fromEntries([...received].map(([key, latencies]) => [key, [...latencies]])),
        errors,
        closes,
        cpuSeconds: (usage.user + usage.system) / 1e6,
        wallSeconds: (Date.now() - windowStarted.at) / 1000,
        peakRssMb: Math.max(peakRss, process.memoryUsage.rss()) / 2 ** 20,
      };
      process.send!(report);
      break;
    }
    case 'stop':
      stopping = true;
      clearInterval(rssTimer);
      void Promise.all(clients.map((client) => client.dispose())).finally(() => process.exit(0));
      break;
  }
});
