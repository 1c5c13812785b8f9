import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { BENCH_SUBSCRIPTIONS, type BenchSubscription, type SubscriptionName } from './operations';

// One process of benchmark clients (forked by bench/subscriptions.ts): opens graphql-ws clients to a target (the
// router, then the bare server), each with one subscription, and counts what arrives. Talks to its parent over IPC:
//   parent -> { type: 'start', url, clients, subscription, variables, concurrency }  child -> { type: 'progress', open }
//   parent -> { type: 'window', from, to }                                             (ms since the epoch, of the change)
//   parent -> { type: 'report' }                                                       child -> { type: 'report', ... }
//   parent -> { type: 'disconnect' }   the child closes its clients, forgets the run  child -> { type: 'disconnected' }
//   parent -> { type: 'stop' }         the child closes its clients and exits

export interface ClientsReport {
  type: 'report';
  /**
   * Per event key (see operations.ts), for events changed within the window: the delivery latencies (receipt time
   * minus the change's instant, whole milliseconds) as [latency, deliveries] pairs.
   */
  received: Record<string, [number, number][]>;
  /** Subscriptions that ended with an error payload, and sockets that closed while subscribed. */
  errors: number;
  closes: number;
  /** WebSocket messages received in the window and their bytes (the payload of each frame). */
  messages: number;
  messageBytes: number;
  /** This process's CPU seconds (user + system) from the window's start to the report, and those wall seconds. */
  cpuSeconds: number;
  wallSeconds: number;
  /** Peak RSS in MB since the clients of this target started to connect. */
  peakRssMb: number;
}

export type ClientsMessage = { type: 'progress'; open: number } | { type: 'failed'; message: string } | { type: 'disconnected' } | ClientsReport;

export type ClientsCommand =
  | { type: 'start'; url: string; clients: number; subscription: SubscriptionName; variables: Record<string, unknown>; concurrency: number }
  | { type: 'window'; from: number; to: number }
  | { type: 'report' }
  | { type: 'disconnect' }
  | { type: 'stop' };

let clients: Client[] = [];
let received = new Map<string, Map<number, number>>();
const instants = new Map<string, number>();
let window = { from: Infinity, to: -Infinity };
let windowStarted = { cpu: process.cpuUsage(), at: Date.now() };
let errors = 0;
let closes = 0;
let messages = 0;
let messageBytes = 0;
let peakRss = 0;
let closing = false;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 500);

/** Many clients get the same instants: parse each once. */
function parseInstant(iso: string): number {
  let at = instants.get(iso);
  if (at === undefined) instants.set(iso, (at = Date.parse(iso)));
  return at;
}

/** The `ws` client, counting the messages of the window and their bytes (what the server wrote, before parsing). */
class CountingWebSocket extends WebSocket {
  constructor(address: string, protocols?: string | string[]) {
    super(address, protocols);
    this.on('message', (data: Buffer) => {
      if (window.from === Infinity) return;
      messages += 1;
      messageBytes += data.length;
    });
  }
}

function onEvent(subscription: BenchSubscription, data: unknown): void {
  const now = Date.now();
  // An incomplete event (an asset without its name: the router could not resolve it) does not count as delivered.
  const event = subscription.clientEvent(data, parseInstant);
  if (!event || event.at < window.from || event.at >= window.to) return;
  let latencies = received.get(event.key);
  if (!latencies) received.set(event.key, (latencies = new Map()));
  const latency = Math.max(now - event.at, 0);
  latencies.set(latency, (latencies.get(latency) ?? 0) + 1);
}

async function open(command: Extract<ClientsCommand, { type: 'start' }>): Promise<void> {
  const subscription = BENCH_SUBSCRIPTIONS[command.subscription];
  let next = 0;
  const openOne = async () => {
    while (next < command.clients) {
      next += 1;
      const client = createClient({
        url: command.url,
        webSocketImpl: CountingWebSocket,
        lazy: false,
        retryAttempts: 0,
        on: { closed: () => void (closing || (closes += 1)) },
      });
      clients.push(client);
      await new Promise<void>((resolve, reject) => {
        const off = client.on('connected', () => (off(), resolve()));
        const offError = client.on('error', (error) => (offError(), reject(error instanceof Error ? error : new Error('socket error'))));
      });
      client.subscribe(
        { query: subscription.query, variables: command.variables },
        {
          next: (result) => {
            if (result.errors?.length) errors += 1;
            if (result.data) onEvent(subscription, result.data);
          },
          error: () => void (errors += 1),
          complete: () => undefined,
        },
      );
    }
  };
  const progress = setInterval(() => process.send!({ type: 'progress', open: clients.length } satisfies ClientsMessage), 500);
  try {
    await Promise.all(Array.from({ length: command.concurrency }, openOne));
  } finally {
    clearInterval(progress);
  }
  process.send!({ type: 'progress', open: clients.length } satisfies ClientsMessage);
}

async function closeAll(): Promise<void> {
  closing = true;
  await Promise.all(clients.map((client) => client.dispose()));
  clients = [];
}

process.on('message', (message: ClientsCommand) => {
  switch (message.type) {
    case 'start':
      closing = false;
      peakRss = process.memoryUsage.rss();
      open(message).catch((error: unknown) => {
        process.send!({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies ClientsMessage);
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
        messages,
        messageBytes,
        cpuSeconds: (usage.user + usage.system) / 1e6,
        wallSeconds: (Date.now() - windowStarted.at) / 1000,
        peakRssMb: Math.max(peakRss, process.memoryUsage.rss()) / 2 ** 20,
      };
      process.send!(report);
      break;
    }
    case 'disconnect':
      void closeAll().then(() => {
        window = { from: Infinity, to: -Infinity };
        received = new Map();
        errors = closes = messages = messageBytes = 0;
        process.send!({ type: 'disconnected' } satisfies ClientsMessage);
      });
      break;
    case 'stop':
      clearInterval(rssTimer);
      void closeAll().finally(() => process.exit(0));
      break;
  }
});
