import type { DecimalValue } from '../money/decimal';
import { formatPrice } from '../money/format';
import { linePath, scalePoints } from './geometry';
import { describeChange, describeTrend } from './trend';

export interface SparklineProps {
  /** Prices, oldest first (e.g. hourly closes), drawn evenly spaced. */
  values: readonly DecimalValue[];
  /** The period the values span, as read aloud: "7 days". */
  period: string;
  /** Default 112. */
  width?: number;
  /** Default 32. */
  height?: number;
}

/** What a sparkline says to someone who cannot see it: "7 days: up 4.20%, $91,000.00 to $95,214.37". */
export function sparklineLabel(values: readonly DecimalValue[], period: string): string {
  const trend = describeTrend(values);
  if (!trend || values.length < 2) return `${period}: no price history`;
  return `${period}: ${describeChange(trend)}, ${formatPrice(trend.first)} to ${formatPrice(trend.last)}`;
}

/**
 * A small line of an asset's recent prices, green when it ended higher, red when lower. An inline SVG image whose
 * accessible name tells the trend in words.
 */
export function Sparkline({ values, period, width = 112, height = 32 }: SparklineProps) {
  const box = { width, height, padding: 2 };
  const trend = describeTrend(values);
  const path =
    values.length >= 2
      ? linePath(
          scalePoints(
            values.map((value, index) => [index, Number(value)]),
            box,
          ),
          box,
        )
      : '';
  const tone = !trend || trend.direction === 'unchanged' ? 'flat' : trend.direction === 'up' ? 'gain' : 'loss';
  return (
    <svg
      className={`sparkline ${tone}`}
      role="img"
      aria-label={sparklineLabel(values, period)}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
    >
      {path ? <path d={path} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" /> : null}
    </svg>
  );
}
