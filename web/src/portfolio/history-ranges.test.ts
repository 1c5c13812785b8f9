import { historyVariables, pointsToDraw } from './history-ranges';

const NOW = new Date('2026-11-25T15:42:10.000Z');

describe('historyVariables', () => {
  it('asks for a week and 30 days of hourly points, from the start of an hour', () => {
    expect(historyVariables('1W', NOW)).toEqual({ interval: 'ONE_HOUR', from: '2026-11-18T15:00:00.000Z' });
    expect(historyVariables('1M', NOW)).toEqual({ interval: 'ONE_HOUR', from: '2026-10-26T15:00:00.000Z' });
  });

  it('asks for "All" at the finest interval that covers the account in at most 990 points', () => {
    expect(historyVariables('ALL', NOW, '2026-11-25T15:30:00.000Z')).toEqual({ interval: 'ONE_MINUTE', from: '2026-11-25T15:30:00.000Z' });
    expect(historyVariables('ALL', NOW, '2026-11-23T09:31:00.000Z')).toEqual({ interval: 'FIVE_MINUTES', from: '2026-11-23T09:30:00.000Z' });
    expect(historyVariables('ALL', NOW, '2026-10-20T08:15:00.000Z')).toEqual({ interval: 'ONE_HOUR', from: '2026-10-20T08:00:00.000Z' });
    expect(historyVariables('ALL', NOW, '2020-01-01T00:00:00.000Z')).toEqual({ interval: 'ONE_DAY', from: '2024-03-10T00:00:00.000Z' });
  });
});

describe('pointsToDraw', () => {
  const point = (hour: number, value: string, cash = value) => ({ at: `2026-11-25T${String(hour).padStart(2, '0')}:00:00.000Z`, value, cash });

  it('leaves out the time before the account held anything and ends at the live value', () => {
    const points = [point(10, '0'), point(11, '0.00'), point(12, '1000'), point(13, '1010.5', '10')];
    expect(pointsToDraw(points, '1020.00')).toEqual([point(12, '1000'), { ...point(13, '1010.5', '10'), value: '1020.00' }]);
  });

  it('keeps the last point of an account that never held anything', () => {
    expect(pointsToDraw([point(10, '0'), point(11, '0')])).toEqual([point(11, '0')]);
    expect(pointsToDraw([])).toEqual([]);
  });
});
