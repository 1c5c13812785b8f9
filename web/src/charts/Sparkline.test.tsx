import { render, screen } from '@testing-library/react';
import { linePath, scalePoints } from './geometry';
import { Sparkline, sparklineLabel } from './Sparkline';

describe('chart geometry', () => {
  const box = { width: 100, height: 20, padding: 2 };

  it('fits the points into the box, higher values nearer the top', () => {
    expect(
      scalePoints(
        [
          [0, 10],
          [1, 20],
          [2, 15],
        ],
        box,
      ),
    ).toEqual([
      [2, 18],
      [50, 2],
      [98, 10],
    ]);
  });

  it('draws a flat series across the middle, and a single point as a short level line', () => {
    const flat = scalePoints(
      [
        [0, 5],
        [1, 5],
      ],
      box,
    );
    expect(flat.map(([, y]) => y)).toEqual([10, 10]);
    expect(linePath(scalePoints([[0, 5]], box), box)).toBe('M2 10 L98 10');
  });
});

describe('Sparkline', () => {
  it('is an image named by its trend in words', () => {
    render(<Sparkline values={['91000', '93000.5', '95214.37']} period="7 days" />);
    const image = screen.getByRole('img', { name: '7 days: up 4.63%, $91,000.00 to $95,214.37' });
    expect(image).toHaveClass('gain');
    expect(image.querySelector('path')?.getAttribute('d')).toMatch(/^M2 30 L56 \d+(\.\d+)? L110 2$/);
  });

  it('says so when there is no history to draw', () => {
    expect(sparklineLabel(['1.5'], '7 days')).toBe('7 days: no price history');
    expect(sparklineLabel(['2', '1'], '7 days')).toBe('7 days: down 50.00%, $2.00 to $1.00');
    expect(sparklineLabel(['0.5', '0.5'], '7 days')).toBe('7 days: unchanged, $0.5000 to $0.5000');
  });
});
