// Drawing only: the numbers here place points on a screen and never stand for money.

/** The drawing area of a chart in SVG user units, with room left free on every side. */
export interface Box {
  width: number;
  height: number;
  /** Space kept free inside each edge, so the stroke is never clipped; default 0. */
  padding?: number;
}

/** A point to draw: x (an index or a time) and y (a value), in the data's own units. */
export type DataPoint = readonly [x: number, y: number];

/**
 * Scales data points into the box: the smallest x at the left edge, the largest at the right, higher values nearer
 * the top. A single point or a flat series is drawn across the middle.
 */
export function scalePoints(points: readonly DataPoint[], box: Box): Array<[number, number]> {
  const padding = box.padding ?? 0;
  const width = box.width - 2 * padding;
  const height = box.height - 2 * padding;
  if (points.length === 0) return [];
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const [minX, maxX] = [Math.min(...xs), Math.max(...xs)];
  const [minY, maxY] = [Math.min(...ys), Math.max(...ys)];
  return points.map(([x, y]) => [
    round(padding + (maxX === minX ? (points.length === 1 ? 0 : width / 2) : ((x - minX) / (maxX - minX)) * width)),
    round(padding + (maxY === minY ? height / 2 : ((maxY - y) / (maxY - minY)) * height)),
  ]);
}

/** An SVG path through the points: "M x y L x y …". A single point becomes a short flat stroke to the right edge. */
export function linePath(points: ReadonlyArray<readonly [number, number]>, box: Box): string {
  const [first] = points;
  if (!first) return '';
  const drawn = points.length === 1 ? [first, [box.width - (box.padding ?? 0), first[1]] as const] : points;
  return drawn.map(([x, y], index) => `${index === 0 ? 'M' : 'L'}${x} ${y}`).join(' ');
}

/** The area under a line, closed along the bottom of the box (for a filled chart). */
export function areaPath(points: ReadonlyArray<readonly [number, number]>, box: Box): string {
  const line = linePath(points, box);
  const first = points[0];
  if (!line || !first) return '';
  const lastX = points.length === 1 ? box.width - (box.padding ?? 0) : points[points.length - 1]![0];
  return `${line} L${lastX} ${box.height} L${first[0]} ${box.height} Z`;
}

const round = (value: number) => Math.round(value * 100) / 100;
