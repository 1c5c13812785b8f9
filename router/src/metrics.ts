import type http from 'node:http';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

let processRegistry: Registry | undefined;

/** The process's own figures (CPU, memory, event loop lag, GC), collected once per process however many routers run. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Live figures of the socket endpoint, read at each scrape. */
export interface SocketFigures {
  upstreams: number;
  subscribers: number;
  connections: number;
}

/**
 * The router's Prometheus metrics, served at `GET /metrics` (prom-client): process figures plus the router's own.
 * One registry per router, so several routers in one process (tests) keep apart.
 */
export class RouterMetrics {
  readonly registry = new Registry();
  /** Subscription events handed to clients' queues (one per event and client subscription). */
  readonly subscriptionEvents: Counter;
  /** Price ticks dropped for clients too slow to take them (oldest first). */
  readonly droppedEvents: Counter;
  /** Events received from subgraphs on upstream subscriptions (one per event, however many clients share it). */
  readonly upstreamEvents: Counter;
  private figures: () => SocketFigures = () => ({ upstreams: 0, subscribers: 0, connections: 0 });

  constructor() {
    const registers = [this.registry];
    const read = () => this.figures();
    // Gauges read at scrape time, from whatever the socket server reports then.
    const figures: [string, string, (figures: SocketFigures) => number][] = [
      ['router_open_sockets', 'graphql-ws sockets open on this router', (f) => f.connections],
      ['router_subscriptions', 'Client subscriptions open on this router', (f) => f.subscribers],
      [
        'router_upstream_subscriptions',
        'Subscriptions the router holds open to subgraphs (shared by identical client subscriptions)',
        (f) => f.upstreams,
      ],
    ];
    for (const [name, help, pick] of figures)
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(pick(read()));
        },
      });
    this.subscriptionEvents = new Counter({ name: 'router_subscription_events_total', help: 'Subscription events sent towards clients', registers });
    this.droppedEvents = new Counter({
      name: 'router_subscription_events_dropped_total',
      help: 'Price ticks dropped because a client read too slowly',
      registers,
    });
    this.upstreamEvents = new Counter({ name: 'router_upstream_events_total', help: 'Events received on upstream subscriptions', registers });
  }

  /** Where the socket figures come from (the socket server, once it runs). */
  readFiguresFrom(figures: () => SocketFigures): void {
    this.figures = figures;
  }

  /** `GET /metrics` in Prometheus' text format. */
  readonly route = async (_req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const merged = Registry.merge([processMetrics(), this.registry]);
    const body = await merged.metrics();
    res.writeHead(200, { 'content-type': merged.contentType, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
}
