import { percentile } from '../support';
import type { ClientsReport } from './clients';
import type { Reference } from './reference';
import type { Latency } from './report';

/** Deliveries against the reference, and their latencies from the change and from its publication. */
export function tally(collected: ClientsReport[], reference: Reference, clients: number) {
  const fromChange: number[] = [];
  const fromPublish: number[] = [];
  const add = (histogram: number[], ms: number, count: number) => (histogram[ms] = (histogram[ms] ?? 0) + count);
  const received = new Map<string, number>();
  let errors = 0;
  let socketsClosed = 0;
  let unexpected = 0;
  for (const report of collected) {
    for (const [key, latencies] of Object.entries(report.received)) {
      const published = reference.events.get(key);
      for (const [ms, count] of latencies) {
        if (published === undefined) {
          unexpected += count;
          continue;
        }
        received.set(key, (received.get(key) ?? 0) + count);
        add(fromChange, ms, count);
        add(fromPublish, Math.max(ms - published.publishMs, 0), count);
      }
    }
    errors += report.errors;
    socketsClosed += report.closes;
  }
  const expectedDeliveries = reference.events.size * clients;
  let delivered = 0;
  for (const count of received.values()) delivered += Math.min(count, clients);
  return {
    expectedDeliveries,
    delivered,
    lost: expectedDeliveries - delivered,
    unexpected,
    errors,
    socketsClosed,
    latencyMs: latency(fromChange),
    latencyFromPublishMs: latency(fromPublish),
  };
}

/** A histogram (count by whole millisecond) of [milliseconds, count] pairs. */
export function histogram(pairs: [number, number][]): number[] {
  const counts: number[] = [];
  for (const [ms, count] of pairs) counts[ms] = (counts[ms] ?? 0) + count;
  return counts;
}

/** The percentiles of a histogram that may have holes. */
export function latency(sparse: number[]): Latency {
  const dense = Array.from(sparse, (count) => count ?? 0);
  return { p50: percentile(dense, 0.5), p95: percentile(dense, 0.95), p99: percentile(dense, 0.99), max: percentile(dense, 1) };
}
