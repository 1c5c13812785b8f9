import { useId } from 'react';
import type { DecimalValue } from '../money/decimal';
import { formatShortDateTime } from '../ui/time';
import { areaPath, linePath, scalePoints } from './geometry';
import { describeTrend } from './trend';

export interface ValuePoint {
  /** An ISO instant. */
  at: string;
  value: DecimalValue;
}

export interface ValueChartProps {
  /** Oldest first, placed by time. */
  points: readonly ValuePoint[];
  /** How a value reads, e.g. formatUsd. */
  format: (value: DecimalValue) => string;
  /** The chart in words (its caption and accessible name). */
  caption: string;
}

const BOX = { width: 600, height: 160, padding: 4 };

/**
 * A small filled line chart of values over time, drawn as inline SVG (no chart library): its highest and lowest
 * values and first and last times as text beside it, and a caption that tells it in words. The SVG itself is hidden
 * from assistive technology; the figure is named by its caption.
 */
export function ValueChart({ points, format, caption }: ValueChartProps) {
  const captionId = useId();
  const trend = describeTrend(points.map((point) => point.value));
  const first = points[0];
  const last = points[points.length - 1];
  // Drawing only: times and values as numbers place the points, nothing is computed from them.
  const scaled = scalePoints(
    points.map((point) => [Date.parse(point.at), Number(point.value)]),
    BOX,
  );
  const tone = !trend || trend.direction === 'unchanged' ? 'flat' : trend.direction === 'up' ? 'gain' : 'loss';
  return (
    <figure className={`value-chart ${tone}`} aria-labelledby={captionId}>
      <div className="value-chart-plot">
        <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
          <path className="value-chart-area" d={areaPath(scaled, BOX)} />
          <path className="value-chart-line" d={linePath(scaled, BOX)} vectorEffect="non-scaling-stroke" />
        </svg>
        {trend ? (
          <>
            <span className="value-chart-high num">{format(trend.high)}</span>
            <span className="value-chart-low num">{format(trend.low)}</span>
          </>
        ) : null}
      </div>
      {first && last && first !== last ? (
        <div className="value-chart-axis muted small" aria-hidden="true">
          <span>{formatShortDateTime(first.at)}</span>
          <span>{formatShortDateTime(last.at)}</span>
        </div>
      ) : null}
      <figcaption id={captionId} className="muted small">
        {caption}
      </figcaption>
    </figure>
  );
}
