import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SearchField } from './SearchField';

describe('SearchField', () => {
  it('searches once the user pauses typing, with the text trimmed, not at every key', async () => {
    const searches: string[] = [];
    render(<SearchField id="s" value="" onSearch={(search) => searches.push(search)} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Search'), ' bitc ');
    expect(searches).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(searches).toEqual(['bitc']);
  });

  it('starts from the search in effect and does not search it again', async () => {
    const searches: string[] = [];
    render(<SearchField id="s" value="eth" onSearch={(search) => searches.push(search)} />);
    expect(screen.getByLabelText('Search')).toHaveValue('eth');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(searches).toEqual([]);
  });
});
