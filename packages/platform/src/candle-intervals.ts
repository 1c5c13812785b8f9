const DAY_SECONDS = 86_400;

/**
 * The candle intervals of the price history (`CandleInterval` in the inventory and orders SDL): how long a candle
 * lasts and how long candles of that interval are kept (null: for good). The inventory stores and serves the
 * candles; orders values portfolios at their closes and refuses the same ranges.
 */
export const CANDLE_INTERVALS = {
  ONE_MINUTE: { seconds: 60, retentionSeconds: 2 * DAY_SECONDS },
  FIVE_MINUTES: { seconds: 300, retentionSeconds: 14 * DAY_SECONDS },
  ONE_HOUR: { seconds: 3600, retentionSeconds: 365 * DAY_SECONDS },
  ONE_DAY: { seconds: DAY_SECONDS, retentionSeconds: null },
} as const satisfies Record<string, { seconds: number; retentionSeconds: number | null }>;

/** A candle interval's name, e.g. `ONE_HOUR`. */
export type CandleIntervalName = keyof typeof CANDLE_INTERVALS;
