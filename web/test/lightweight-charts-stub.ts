// lightweight-charts is ESM-only and draws on a canvas jsdom does not have: component tests get this stand-in, which
// records what the chart was asked to draw (`drawing`). The real chart is checked in a browser.

/** What the stand-in chart was asked to do, series by series, since the last `drawing.reset()`. */
export const drawing = {
  series: [] as Array<{ type: string; setData: unknown[][]; update: unknown[]; removed: boolean }>,
  reset(): void {
    this.series.length = 0;
  },
};

export const AreaSeries = 'Area';
export const CandlestickSeries = 'Candlestick';
export const LineSeries = 'Line';
export const ColorType = { Solid: 'solid' };
export const TickMarkType = { Year: 0, Month: 1, DayOfMonth: 2, Time: 3, TimeWithSeconds: 4 };

export function createChart() {
  type Drawn = (typeof drawing.series)[number];
  const handles = new Map<object, Drawn>();
  return {
    addSeries(type: string) {
      const drawn: Drawn = { type, setData: [], update: [], removed: false };
      drawing.series.push(drawn);
      const handle = {
        setData: (data: unknown[]) => void drawn.setData.push(data),
        update: (bar: unknown) => void drawn.update.push(bar),
        applyOptions: () => undefined,
      };
      handles.set(handle, drawn);
      return handle;
    },
    removeSeries(handle: object) {
      const drawn = handles.get(handle);
      if (drawn) drawn.removed = true;
    },
    timeScale: () => ({ fitContent: () => undefined }),
    remove: () => undefined,
    applyOptions: () => undefined,
  };
}
