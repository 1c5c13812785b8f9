import { ServiceMetrics } from '@trading/platform';
import { Counter, Gauge, Histogram } from 'prom-client';

/** Live figures of the socket endpoint, read at each scrape. */
export interface SocketFigures {
  upstreams: number;
  subscribers: number;
  connections: number;
}

/**
 * The router's Prometheus metrics at `GET /metrics`: every service's (operations, latency, errors by code, process
 * figures) plus subgraph fetches and the socket endpoint's. One instance per router, so several routers in one
 * process (tests) keep apart.
 */
export class RouterMetrics extends ServiceMetrics {
  /** Subscription events handed to clients (one per event and client subscription). */
  readonly subscriptionEvents: Counter;
  /** Price ticks dropped for clients too slow to take them (oldest first). */
  readonly droppedEvents: Counter;
  /** Events received from subgraphs on upstream subscriptions (one per event, however many clients share it). */
  readonly upstreamEvents: Counter;
  /** Fetches to subgraphs (queries, mutations, entity fetches) and how long each took, by subgraph. */
  readonly subgraphFetches: Histogram<'subgraph'>;
  private figures: () => SocketFigures = () => ({ upstreams: 0, subscribers: 0, connections: 0 });

  constructor() {
    super('router');
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
    this.subgraphFetches = new Histogram({
      name: 'router_subgraph_fetch_duration_seconds',
      help: 'Fetches from the router to each subgraph, and how long each took',
      labelNames: ['subgraph'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
  }

  /** Counts the subgraph queries answered from another request's fetch (in flight at the same time). */
  countSharedFetchesOf(client: { shared: number }): void {
    new Counter({
      name: 'router_subgraph_fetches_shared_total',
      help: 'Subgraph queries answered by an identical query already in flight, instead of a fetch of their own',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(client.shared);
      },
    });
  }

  /** Counts the queries answered from an identical query's execution (in flight at the same time, same caller). */
  countDeduplicatedOf(dedup: { shared: number }): void {
    new Counter({
      name: 'router_requests_deduplicated_total',
      help: 'Queries answered by an identical query of the same caller already in flight, instead of an execution of their own',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(dedup.shared);
      },
    });
  }

  /** Where the socket figures come from (the socket server, once it runs). */
  readFiguresFrom(figures: () => SocketFigures): void {
    this.figures = figures;
  }
}
