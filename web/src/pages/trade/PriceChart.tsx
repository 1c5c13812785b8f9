import {
  CandlestickSeries,
  ColorType,
  createChart,
  type IChartApi,
  type ISeriesApi,
  LineSeries,
  type Time,
  TickMarkType,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { ChartCandleFragment } from '../../gql/graphql';
import { priceDecimals } from '../../money/format';
import type { ChartKind } from './candles';

export interface PriceChartProps {
  /** Oldest first; only the last one changes between two generations (a live candle updated or appended). */
  candles: readonly ChartCandleFragment[];
  kind: ChartKind;
  /** Changes whenever `candles` is a new series (another range or a refetch): it is then drawn afresh and fitted. */
  generation: number;
}

const GAIN = '#34d399';
const LOSS = '#f87171';

// The chart library shows UTC; traders read their own clock.
const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const DAY = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const MONTH = new Intl.DateTimeFormat(undefined, { month: 'short' });
const YEAR = new Intl.DateTimeFormat(undefined, { year: 'numeric' });
const CROSSHAIR = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const asDate = (time: Time) => new Date((time as number) * 1000);
const TICK_FORMAT: Record<TickMarkType, Intl.DateTimeFormat> = {
  [TickMarkType.Year]: YEAR,
  [TickMarkType.Month]: MONTH,
  [TickMarkType.DayOfMonth]: DAY,
  [TickMarkType.Time]: TIME,
  [TickMarkType.TimeWithSeconds]: TIME,
};

// The numbers are for drawing only: money is never computed from them.
const timeOf = (candle: ChartCandleFragment) => Math.floor(Date.parse(candle.start) / 1000) as UTCTimestamp;
const candleBar = (candle: ChartCandleFragment) => ({
  time: timeOf(candle),
  open: Number(candle.open),
  high: Number(candle.high),
  low: Number(candle.low),
  close: Number(candle.close),
});
const lineBar = (candle: ChartCandleFragment) => ({ time: timeOf(candle), value: Number(candle.close) });

/** The series on the chart, by kind. */
type Drawn = ({ kind: 'candles'; series: ISeriesApi<'Candlestick'> } | { kind: 'line'; series: ISeriesApi<'Line'> }) & { generation: number };

function addSeries(chart: IChartApi, kind: ChartKind): Drawn {
  return kind === 'candles'
    ? {
        kind,
        generation: Number.NaN,
        series: chart.addSeries(CandlestickSeries, {
          upColor: GAIN,
          downColor: LOSS,
          borderUpColor: GAIN,
          borderDownColor: LOSS,
          wickUpColor: GAIN,
          wickDownColor: LOSS,
        }),
      }
    : { kind, generation: Number.NaN, series: chart.addSeries(LineSeries, { color: GAIN, lineWidth: 2 }) };
}

function drawAll(drawn: Drawn, candles: readonly ChartCandleFragment[]): void {
  if (drawn.kind === 'candles') drawn.series.setData(candles.map(candleBar));
  else drawn.series.setData(candles.map(lineBar));
}

/** Updates the last bar or appends one; the library throws for a bar older than its last. */
function drawLast(drawn: Drawn, candle: ChartCandleFragment): void {
  if (drawn.kind === 'candles') drawn.series.update(candleBar(candle));
  else drawn.series.update(lineBar(candle));
}

/**
 * The price chart (lightweight-charts, loaded with the Trade page only): candlesticks or a line of the closes. A new
 * generation of candles is drawn afresh; within one, only the last candle is updated (or appended), so a trader's zoom
 * and scroll stay where they were.
 */
export default function PriceChart({ candles, kind, generation }: PriceChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const drawn = useRef<Drawn | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const created = createChart(container.current, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: 'transparent' }, textColor: '#9aa4b2' },
      grid: { vertLines: { color: '#1c2230' }, horzLines: { color: '#1c2230' } },
      timeScale: {
        timeVisible: true,
        secondsVisible: false,
        borderColor: '#2a3140',
        tickMarkFormatter: (time: Time, type: TickMarkType) => TICK_FORMAT[type].format(asDate(time)),
      },
      rightPriceScale: { borderColor: '#2a3140' },
      localization: { timeFormatter: (time: Time) => CROSSHAIR.format(asDate(time)) },
    });
    chart.current = created;
    return () => {
      created.remove();
      chart.current = null;
      drawn.current = null;
    };
  }, []);

  useEffect(() => {
    const api = chart.current;
    if (!api) return;
    let state = drawn.current;
    if (!state || state.kind !== kind) {
      if (state) api.removeSeries(state.series);
      state = addSeries(api, kind);
      drawn.current = state;
    }
    const last = candles[candles.length - 1];
    if (last) {
      const precision = priceDecimals(last.close);
      state.series.applyOptions({ priceFormat: { type: 'price', precision, minMove: 10 ** -precision } });
    }
    if (state.generation === generation && last) {
      try {
        drawLast(state, last);
        return;
      } catch {
        // Out of order: draw the whole series again, which is right either way.
      }
    }
    drawAll(state, candles);
    api.timeScale().fitContent();
    drawn.current = { ...state, generation };
  }, [candles, kind, generation]);

  return <div ref={container} className="chart" />;
}
