import { startOfDay } from '../../ui/day-range';
import { checkOrderView, EMPTY_VIEW, orderFilter, orderViewParams, readOrderView } from './order-filters';

describe('the order history filters in the address', () => {
  it('reads what the address says, leaving out what means nothing', () => {
    const view = readOrderView(new URLSearchParams('asset=%20eth%20&side=sell&type=LIMIT&status=done&from=2026-02-30&to=2026-03-01'));
    expect(view).toEqual({ asset: 'ETH', side: 'SELL', type: 'LIMIT', status: null, from: '', to: '2026-03-01' });
    expect(orderViewParams(view).toString()).toBe('asset=ETH&side=SELL&type=LIMIT&to=2026-03-01');
  });

  it('turns days into instants: from the start of the first to the end of the last, local time', () => {
    expect(orderFilter({ ...EMPTY_VIEW, from: '2026-11-01', to: '2026-11-30' })).toEqual({
      from: new Date(2026, 10, 1).toISOString(),
      to: new Date(2026, 11, 1).toISOString(),
    });
    expect(orderFilter(EMPTY_VIEW)).toEqual({});
    expect(startOfDay('2026-13-01')).toBeNull();
  });

  it('refuses a symbol that is not one and a range that ends before it begins', () => {
    expect(checkOrderView({ ...EMPTY_VIEW, asset: 'BT C' })).toEqual({ asset: 'Enter a ticker symbol: 1 to 12 letters or digits, e.g. BTC.' });
    expect(checkOrderView({ ...EMPTY_VIEW, from: '2026-11-02', to: '2026-11-01' })).toEqual({ to: 'The last day comes before the first.' });
    expect(checkOrderView({ ...EMPTY_VIEW, asset: 'BTC', from: '2026-11-01', to: '2026-11-01' })).toEqual({});
  });
});
