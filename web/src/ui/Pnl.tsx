import type { DecimalValue } from '../money/decimal';
import { formatPercent, formatSignedUsd, tone } from '../money/format';

/** A gain or loss in USD, green or red, with an optional percentage. */
export function Pnl({ value, percent }: { value: DecimalValue; percent?: DecimalValue | null }) {
  return (
    <span className={`num ${tone(value)}`}>
      {formatSignedUsd(value)}
      {percent != null ? <span className="pnl-percent"> ({formatPercent(percent)})</span> : null}
    </span>
  );
}

/** A 24-hour change in percent, green or red. */
export function Change({ value }: { value: DecimalValue }) {
  return <span className={`num ${tone(value)}`}>{formatPercent(value)}</span>;
}
