// The subscriptions the benchmark can measure: what the clients send, what the reference subscriber on the inventory
// sends, and how an event is recognised and dated on either side. Shared by the benchmark and its client processes.

/** The subscription fields `--subscription` can name. */
export const SUBSCRIPTIONS = ['marketTicks', 'priceChanged'] as const;
export type SubscriptionName = (typeof SUBSCRIPTIONS)[number];

/** One event as the benchmark counts it: its key, the same on the reference and on every client, and its instant. */
export interface CountedEvent {
  key: string;
  /** When the price changed (ms since the epoch): latencies are measured from here. */
  at: number;
  /** The price changes it carries. */
  changes: number;
}

export interface BenchSubscription {
  name: SubscriptionName;
  /** What every client subscribes to, through the router or from the bare server. */
  query: string;
  /** What the reference subscriber asks the inventory subgraph itself for (no entity fields). */
  referenceQuery: string;
  /** What an event is counted as, on a client: null when it is incomplete (an asset without its name). */
  clientEvent(data: unknown, parseInstant: (iso: string) => number): CountedEvent | null;
  /** What an event is counted as, on the reference subscriber. */
  referenceEvent(data: unknown): CountedEvent | null;
  /** What one event carries, for the record: one price change, or the changes of one tick. */
  unit: string;
}

interface Tick {
  symbol: string;
  price: string;
  changedAt: string;
  asset?: { name?: string | null } | null;
}

const tickKey = (tick: Tick) => `${tick.symbol}|${tick.changedAt}|${tick.price}`;

const priceChanged: BenchSubscription = {
  name: 'priceChanged',
  query: 'subscription Prices($symbols: [String!]) { priceChanged(symbols: $symbols) { symbol price changedAt asset { name } } }',
  referenceQuery: 'subscription Reference($symbols: [String!]) { priceChanged(symbols: $symbols) { symbol price changedAt } }',
  clientEvent: (data, parseInstant) => {
    const tick = (data as { priceChanged?: Tick } | null)?.priceChanged;
    if (!tick?.asset?.name) return null;
    return { key: tickKey(tick), at: parseInstant(tick.changedAt), changes: 1 };
  },
  referenceEvent: (data) => {
    const tick = (data as { priceChanged?: Tick } | null)?.priceChanged;
    return tick ? { key: tickKey(tick), at: Date.parse(tick.changedAt), changes: 1 } : null;
  },
  unit: 'one price change (one symbol)',
};

/** A tick's key: its instant and how many changes it carries, so an event with a change missing does not count. */
const marketKey = (at: string, ticks: readonly Tick[]) => `${at}|${ticks.length}`;

const marketTicks: BenchSubscription = {
  name: 'marketTicks',
  query:
    'subscription Ticks($symbols: [String!]) { marketTicks(symbols: $symbols) { at ticks { symbol price previousPrice changedAt asset { name } } } }',
  referenceQuery: 'subscription Reference($symbols: [String!]) { marketTicks(symbols: $symbols) { at ticks { symbol price changedAt } } }',
  clientEvent: (data, parseInstant) => {
    const event = (data as { marketTicks?: { at: string; ticks: Tick[] } } | null)?.marketTicks;
    if (!event || !event.ticks.every((tick) => tick.asset?.name)) return null;
    return { key: marketKey(event.at, event.ticks), at: parseInstant(event.at), changes: event.ticks.length };
  },
  referenceEvent: (data) => {
    const event = (data as { marketTicks?: { at: string; ticks: Tick[] } } | null)?.marketTicks;
    return event ? { key: marketKey(event.at, event.ticks), at: Date.parse(event.at), changes: event.ticks.length } : null;
  },
  unit: 'every price change of one tick',
};

export const BENCH_SUBSCRIPTIONS: Record<SubscriptionName, BenchSubscription> = { priceChanged, marketTicks };
