/** A running ticker: `stop()` cancels the next tick and resolves once the one under way (if any) has finished. */
export interface Ticker {
  stop(): Promise<void>;
}

/**
 * Calls `tick` every `tickMs`, measured from the end of the previous tick, so ticks never overlap and a slow one
 * delays the next. What price sources share: the simulated market, and test markets that script their prices.
 */
export function startTicker(tickMs: number, tick: () => Promise<void>): Ticker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const schedule = () => {
    timer = setTimeout(() => {
      running = tick().finally(() => {
        if (!stopped) schedule();
      });
    }, tickMs);
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}
