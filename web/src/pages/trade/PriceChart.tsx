import { AreaSeries, ColorType, createChart, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef } from 'react';

/** One price at one moment; the number is for drawing only (money is never computed from it). */
export interface PricePoint {
  time: UTCTimestamp;
  value: number;
}

/**
 * The live price chart (lightweight-charts, loaded with the Trade page only). It draws the points it is given; the
 * page adds one per tick.
 */
export default function PriceChart({ points, label }: { points: readonly PricePoint[]; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  const series = useRef<ISeriesApi<'Area'> | null>(null);
  const chart = useRef<IChartApi | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const created = createChart(container.current, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: 'transparent' }, textColor: '#9aa4b2' },
      grid: { vertLines: { color: '#1c2230' }, horzLines: { color: '#1c2230' } },
      timeScale: { timeVisible: true, secondsVisible: true, borderColor: '#2a3140' },
      rightPriceScale: { borderColor: '#2a3140' },
    });
    series.current = created.addSeries(AreaSeries, {
      lineColor: '#34d399',
      topColor: 'rgba(52, 211, 153, 0.35)',
      bottomColor: 'rgba(52, 211, 153, 0)',
      lineWidth: 2,
      priceFormat: { type: 'price', precision: 2, minMove: 0.01 },
    });
    chart.current = created;
    return () => {
      created.remove();
      chart.current = null;
      series.current = null;
    };
  }, []);

  useEffect(() => {
    const last = points[points.length - 1];
    if (!series.current || !last) return;
    const precision = last.value >= 1 ? 2 : last.value >= 0.01 ? 4 : 8;
    series.current.applyOptions({ priceFormat: { type: 'price', precision, minMove: 10 ** -precision } });
    series.current.setData([...points]);
  }, [points]);

  return <div ref={container} className="chart" role="img" aria-label={label} />;
}
