import { setTimeout as delay } from 'node:timers/promises';
import { type Locks, LockTimeoutError, type Logger } from '@trading/platform';
import type { PriceSource, PriceTickHandler } from './price-source';

/** The lock the leading instance holds for as long as it drives the price source. */
export const PRICE_FEED_LOCK = 'inventory:price-feed';

/** How long one attempt to take the lead waits for it. */
const ATTEMPT_MS = 250;

export interface PriceFeedOptions {
  source: PriceSource;
  /** Stores and publishes the prices of a tick (see `MarketRecorder.recordTick`). */
  onTick: PriceTickHandler;
  /** The deployment's locks: with Redis, only one instance of all those sharing it leads. */
  locks: Locks;
  log: Logger;
  /** Milliseconds a standby instance waits between attempts to take the lead; default 2000. */
  standbyMs?: number;
  /** Lease of the lock, renewed while leading: how soon a standby takes over from a leader that died; default 5000 ms. */
  leaseMs?: number;
}

/** A price feed started on this instance, leading or standing by. */
export interface RunningPriceFeed {
  /** True while this instance drives the source. */
  readonly leading: boolean;
  /** Stops the source if this instance leads and hands the lead over; resolves once nothing of the feed is left running. */
  stop(): Promise<void>;
}

const aborted = (signal: AbortSignal) =>
  new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));

/**
 * Runs a price source on exactly one instance at a time: each instance contends for PRICE_FEED_LOCK, and the one
 * holding it runs the source until it stops or loses the lease (Redis unreachable longer than `leaseMs`); the
 * others retry every `standbyMs`. In-process coordination makes this instance the only contender, so it leads.
 */
export function startPriceFeed(options: PriceFeedOptions): RunningPriceFeed {
  const { source, onTick, locks, log, standbyMs = 2000, leaseMs = 5000 } = options;
  const stopping = new AbortController();
  let leading = false;

  const lead = async (lease: AbortSignal): Promise<void> => {
    if (stopping.signal.aborted) return;
    const until = AbortSignal.any([lease, stopping.signal]);
    leading = true;
    log.info('price feed: this instance drives the prices');
    // A tick already under way when the lease is lost must not write: another instance may lead by then.
    source.start((prices) => (until.aborted ? Promise.resolve() : onTick(prices)));
    try {
      await aborted(until);
    } finally {
      leading = false;
      await source.stop();
    }
    if (!stopping.signal.aborted) log.warn('price feed: lost the lead (lease not renewed); standing by');
  };

  const contend = async (): Promise<void> => {
    while (!stopping.signal.aborted) {
      try {
        await locks.withLock(PRICE_FEED_LOCK, lead, { waitMs: ATTEMPT_MS, ttlMs: leaseMs });
      } catch (error) {
        if (!(error instanceof LockTimeoutError)) log.error({ err: error }, 'price feed: could not contend for the lead');
      }
      await delay(standbyMs, undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  };
  const running = contend();

  return {
    get leading() {
      return leading;
    },
    async stop() {
      stopping.abort();
      await running;
    },
  };
}
