// lightweight-charts is ESM-only and draws on a canvas jsdom does not have: component tests get this stand-in.
// The real chart is checked in a browser.
const series = { setData: () => undefined, update: () => undefined, applyOptions: () => undefined };

export const AreaSeries = 'Area';
export const ColorType = { Solid: 'solid' };
export function createChart() {
  return { addSeries: () => series, remove: () => undefined, applyOptions: () => undefined };
}
