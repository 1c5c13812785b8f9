import { ApolloProvider } from '@apollo/client/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { fakeClient } from '../../apollo/test-doubles';
import SignInPage from '../../auth/SignInPage';
import { RequireAuth } from '../../session/RequireAuth';
import { SessionProvider } from '../../session/SessionContext';
import { SESSION_KEY, SessionStore } from '../../session/session-store';
import ProfilePage from './ProfilePage';

const CREATED = '2026-11-25T15:10:49.123Z';

function apiKey(id: string, name: string, extra: Record<string, unknown> = {}) {
  return { __typename: 'ApiKey', id, name, scopes: ['READ'], createdAt: CREATED, lastUsedAt: null, expiresAt: null, allowedIps: [], ...extra };
}

function securityEvent(id: string, action: string, extra: Record<string, unknown> = {}) {
  return { __typename: 'AuditEvent', id, at: CREATED, action, outcome: 'SUCCESS', reason: null, ip: '203.0.113.7', ...extra };
}

interface PageSides {
  hasNextPage?: boolean;
  hasPreviousPage?: boolean;
  startCursor?: string | null;
  endCursor?: string | null;
}

/** The ProfilePage query's answer: the profile, its keys and one page of security events. */
function profile(keys: ReturnType<typeof apiKey>[] = [], events: ReturnType<typeof securityEvent>[] = [], sides: PageSides = {}) {
  return {
    me: {
      __typename: 'User',
      id: 'u1',
      username: 'ada',
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      phone: null,
      role: 'CUSTOMER',
      createdAt: CREATED,
      apiKeys: keys,
      securityEvents: {
        __typename: 'AuditEventConnection',
        edges: events.map((node) => ({ __typename: 'AuditEventEdge', node })),
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null, ...sides },
      },
    },
  };
}

/** The profile page, signed in as ada, beside the sign-in page it sends the trader to. */
function setup(firstAnswer: ReturnType<typeof profile>) {
  window.localStorage.clear();
  const store = new SessionStore({ refresh: jest.fn(), locks: null });
  store.signIn({
    token: 'token-1',
    expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    refreshToken: 'refresh-1',
    user: { id: 'u1', username: 'ada', role: 'CUSTOMER' },
  });
  const { client, link } = fakeClient();
  link.answer('ProfilePage', firstAnswer);
  const view = render(
    <SessionProvider store={store}>
      <ApolloProvider client={client}>
        <MemoryRouter initialEntries={['/profile']}>
          <Routes>
            <Route
              path="/profile"
              element={
                <RequireAuth>
                  <ProfilePage />
                </RequireAuth>
              }
            />
            <Route path="/signin" element={<SignInPage />} />
          </Routes>
        </MemoryRouter>
      </ApolloProvider>
    </SessionProvider>,
  );
  return { link, store, user: userEvent.setup(), unmount: () => (view.unmount(), store.dispose()) };
}

const keysTable = () => screen.getByRole('table', { name: 'Your API keys, newest first' });
const keyRow = (name: string) => within(keysTable()).getByRole('row', { name: new RegExp(`^${name} `) });

describe('the profile page', () => {
  it('loads the profile, the API keys and the first page of security events in one query', async () => {
    const { link, unmount } = setup(
      profile(
        [
          apiKey('k2', 'market maker', {
            scopes: ['READ', 'TRADE'],
            lastUsedAt: CREATED,
            expiresAt: '2030-01-01T00:00:00.000Z',
            allowedIps: ['203.0.113.0/24'],
          }),
          apiKey('k1', 'reporting'),
        ],
        [securityEvent('e2', 'API_KEY_CREATED'), securityEvent('e1', 'LOGIN', { outcome: 'FAILURE', reason: 'WRONG_PASSWORD', ip: '198.51.100.4' })],
      ),
    );
    await screen.findByRole('heading', { level: 1, name: 'Profile' });
    expect(link.sent.map((request) => [request.operationName, request.variables])).toEqual([['ProfilePage', { first: 20, after: null }]]);
    const cells = (name: string) =>
      within(keyRow(name))
        .getAllByRole('cell')
        .map((cell) => cell.textContent);
    expect(cells('market maker').slice(0, 5)).toEqual([
      'Read, Trade',
      expect.stringMatching(/\d/),
      expect.stringMatching(/\d/),
      expect.stringMatching(/\d/),
      '203.0.113.0/24',
    ]);
    expect(cells('reporting').slice(0, 5)).toEqual(['Read', expect.stringMatching(/\d/), 'never', 'never', 'any address']);
    const events = screen.getByRole('table', { name: 'Security events of your account, newest first' });
    const failed = within(events).getAllByRole('row')[2]!;
    expect(
      within(failed)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([expect.stringMatching(/\d/), 'Sign-in', 'Failed', 'Wrong password', '198.51.100.4']);
    expect(screen.queryByRole('navigation', { name: 'Security event pages' })).not.toBeInTheDocument();
    unmount();
  });

  it('creates a key, shows its secret once with a copy button, and lists the key', async () => {
    const { link, user, unmount } = setup(profile([apiKey('k1', 'reporting')]));
    await screen.findByRole('form', { name: 'Create an API key' });
    await user.type(screen.getByLabelText('Name'), '  market maker ');
    expect(screen.getByRole('checkbox', { name: 'Read' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Trade' })).toHaveAccessibleDescription('Place and cancel orders.');
    await user.click(screen.getByRole('checkbox', { name: 'Trade' }));
    await user.type(screen.getByLabelText('Expiry date (optional)'), '2030-01-15');
    await user.type(screen.getByLabelText('Allowed addresses (optional)'), '203.0.113.7{Enter}{Enter} 2001:db8::/32 ');

    const secret = 'tk_0123456789abcdef01234567_secretpart';
    const created = apiKey('k2', 'market maker', {
      scopes: ['READ', 'TRADE'],
      expiresAt: new Date(2030, 0, 16).toISOString(),
      allowedIps: ['203.0.113.7', '2001:db8::/32'],
    });
    link.answer('CreateApiKey', { createApiKey: { __typename: 'CreatedApiKey', secret, apiKey: created } });
    link.answer('ProfilePage', profile([created, apiKey('k1', 'reporting')], [securityEvent('e1', 'API_KEY_CREATED')]));
    await user.click(screen.getByRole('button', { name: 'Create key' }));

    const heading = await screen.findByRole('heading', { name: 'Key “market maker” created' });
    expect(link.requests('CreateApiKey').map((request) => request.variables)).toEqual([
      {
        input: {
          name: 'market maker',
          scopes: ['READ', 'TRADE'],
          // The end of the day chosen, in the trader's time: the key works all of that day.
          expiresAt: new Date(2030, 0, 16).toISOString(),
          allowedIps: ['203.0.113.7', '2001:db8::/32'],
        },
      },
    ]);
    expect(heading).toHaveFocus();
    const box = screen.getByRole('region', { name: 'Key “market maker” created' });
    expect(box).toHaveTextContent('Copy its secret now: it will not be shown again.');
    expect(within(box).getByLabelText('Secret')).toHaveValue(secret);
    await user.click(within(box).getByRole('button', { name: 'Copy secret' }));
    expect(await within(box).findByRole('status')).toHaveTextContent('Copied to the clipboard.');
    await expect(navigator.clipboard.readText()).resolves.toBe(secret);

    // The list has the new key on top, and the form is ready for the next one.
    expect(screen.getByText('Key “market maker” created and listed below.')).toHaveAttribute('role', 'status');
    expect(
      within(keysTable())
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent),
    ).toEqual(['market maker', 'reporting']);
    expect(within(keyRow('market maker')).getAllByRole('cell')[0]).toHaveTextContent('Read, Trade');
    expect(within(keyRow('market maker')).getAllByRole('cell')[4]).toHaveTextContent('203.0.113.7, 2001:db8::/32');
    expect(screen.getByLabelText('Name')).toHaveValue('');
    await waitFor(() => expect(screen.getByRole('table', { name: /^Security events/ })).toHaveTextContent('API key created'));

    // Once hidden, the secret is gone for good: nothing on the page can show it again.
    await user.click(screen.getByRole('button', { name: 'I have stored it: hide the secret' }));
    expect(screen.queryByDisplayValue(secret)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Copy secret' })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Your keys' })).toHaveFocus();
    expect(document.body).not.toHaveTextContent(secret);
    expect(link.sent.map((request) => request.operationName)).toEqual(['ProfilePage', 'CreateApiKey', 'ProfilePage']);
    unmount();
  });

  it('says how to copy the secret by hand when the browser does not let the page copy it', async () => {
    const { link, user, unmount } = setup(profile());
    await user.type(await screen.findByLabelText('Name'), 'bot');
    link.answer('CreateApiKey', { createApiKey: { __typename: 'CreatedApiKey', secret: 'tk_s3cret', apiKey: apiKey('k1', 'bot') } });
    link.answer('ProfilePage', profile([apiKey('k1', 'bot')]));
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    const box = await screen.findByRole('region', { name: 'Key “bot” created' });
    jest.spyOn(navigator.clipboard, 'writeText').mockRejectedValueOnce(new DOMException('denied', 'NotAllowedError'));
    await user.click(within(box).getByRole('button', { name: 'Copy secret' }));
    expect(await within(box).findByRole('status')).toHaveTextContent('select the secret in the box and copy it yourself');
    expect(within(box).getByLabelText('Secret')).toHaveValue('tk_s3cret');
    unmount();
  });

  it('shows a refused creation next to the field the API names, and other refusals next to the form', async () => {
    const { link, user, unmount } = setup(profile());
    await user.type(await screen.findByLabelText('Name'), 'bot');
    const allowlist = screen.getByLabelText('Allowed addresses (optional)');
    await user.type(allowlist, 'office');
    const message = 'allowedIps entries are IP addresses or CIDR ranges: "office" is neither';
    link.refuse('CreateApiKey', [{ message, extensions: { code: 'BAD_USER_INPUT', field: 'allowedIps' } }]);
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    await waitFor(() => expect(allowlist).toHaveAttribute('aria-invalid', 'true'));
    expect(allowlist).toHaveAccessibleDescription(expect.stringContaining(message));
    expect(allowlist).toHaveValue('office');
    expect(screen.getByLabelText('Name')).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByRole('region', { name: /created$/ })).not.toBeInTheDocument();

    // Correcting the field clears its error; a refusal about no field is an alert beside the form.
    await user.clear(allowlist);
    expect(allowlist).not.toHaveAttribute('aria-invalid');
    link.refuse('CreateApiKey', [
      { message: 'You hold 20 API keys already: revoke one first', extensions: { code: 'BAD_USER_INPUT', reason: 'TOO_MANY_API_KEYS' } },
    ]);
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    expect(await within(screen.getByRole('form', { name: 'Create an API key' })).findByRole('alert')).toHaveTextContent(
      'You hold 20 API keys already: revoke one first',
    );
    expect(link.requests('ProfilePage')).toHaveLength(1);
    unmount();
  });

  it('checks the form before sending: a name and at least one scope', async () => {
    const { link, user, unmount } = setup(profile());
    await user.click(await screen.findByRole('checkbox', { name: 'Read' }));
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(expect.stringContaining('Name the key'));
    expect(screen.getByRole('checkbox', { name: 'Trade' })).toHaveAccessibleDescription(expect.stringContaining('Choose at least one scope.'));
    expect(link.requests('CreateApiKey')).toHaveLength(0);
    unmount();
  });

  it('asks before revoking a key, then takes it off the list', async () => {
    const { link, user, unmount } = setup(profile([apiKey('k2', 'market maker'), apiKey('k1', 'reporting')]));
    const revoke = await screen.findByRole('button', { name: 'Revoke market maker' });
    await user.click(revoke);
    const question = screen.getByRole('group', {
      name: 'Revoke “market maker”? Programs using it are refused from now on, and this cannot be undone.',
    });
    expect(within(question).getByRole('button', { name: 'Yes, revoke it' })).toHaveFocus();
    await user.click(within(question).getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('group', { name: /^Revoke/ })).not.toBeInTheDocument();
    expect(revoke).toHaveFocus();
    expect(link.requests('RevokeApiKey')).toHaveLength(0);

    link.answer('RevokeApiKey', { revokeApiKey: true });
    link.answer('ProfilePage', profile([apiKey('k1', 'reporting')], [securityEvent('e1', 'API_KEY_REVOKED')]));
    await user.click(revoke);
    await user.click(screen.getByRole('button', { name: 'Yes, revoke it' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Revoke market maker' })).not.toBeInTheDocument());
    expect(link.requests('RevokeApiKey').map((request) => request.variables)).toEqual([{ id: 'k2' }]);
    expect(screen.getByText('Key “market maker” revoked: programs using it are refused from now on.')).toHaveAttribute('role', 'status');
    expect(screen.getByRole('heading', { name: 'Your keys' })).toHaveFocus();
    expect(
      within(keysTable())
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent),
    ).toEqual(['reporting']);
    unmount();
  });

  it('pages through the security events, forward after the last one and back before the first', async () => {
    const events = (from: number) =>
      Array.from({ length: 20 }, (_, index) => securityEvent(`e${from + index}`, from === 1 ? 'LOGIN' : 'TOKEN_REFRESH'));
    const { link, user, unmount } = setup(profile([], events(1), { hasNextPage: true, startCursor: 's1', endCursor: 'c20' }));
    const pager = await screen.findByRole('navigation', { name: 'Security event pages' });
    const table = () => screen.getByRole('table', { name: 'Security events of your account, newest first' });
    expect(within(pager).getByText('Page 1')).toBeInTheDocument();
    expect(within(pager).getByRole('button', { name: 'Newer' })).toBeDisabled();
    expect(within(table()).getAllByText('Sign-in')).toHaveLength(20);

    link.answer('ProfilePage', profile([], events(21), { hasPreviousPage: true, startCursor: 's21', endCursor: 'c40' }));
    await user.click(within(pager).getByRole('button', { name: 'Older' }));
    await within(pager).findByText('Page 2');
    expect(link.requests('ProfilePage').at(-1)?.variables).toEqual({ first: 20, after: 'c20' });
    expect(within(table()).getAllByText('Session refresh')).toHaveLength(20);
    expect(within(table()).queryByText('Sign-in')).not.toBeInTheDocument();
    expect(within(pager).getByRole('button', { name: 'Older' })).toBeDisabled();

    link.answer('ProfilePage', profile([], events(1), { hasNextPage: true, startCursor: 's1', endCursor: 'c20' }));
    await user.click(within(pager).getByRole('button', { name: 'Newer' }));
    await within(pager).findByText('Page 1');
    expect(link.requests('ProfilePage').at(-1)?.variables).toEqual({ last: 20, before: 's21' });
    expect(within(table()).getAllByText('Sign-in')).toHaveLength(20);
    expect(within(pager).getByRole('button', { name: 'Newer' })).toBeDisabled();
    expect(within(pager).getByRole('button', { name: 'Older' })).toBeEnabled();
    expect(link.requests('ProfilePage')).toHaveLength(3);
    unmount();
  });

  it('signs out everywhere after asking, and the sign-in page says how many other sessions were ended', async () => {
    const { link, store, user, unmount } = setup(profile());
    await user.click(await screen.findByRole('button', { name: 'Sign out everywhere' }));
    const question = screen.getByRole('group', { name: 'Sign out on every device, this one included?' });
    await user.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: 'Sign out everywhere' })).toHaveFocus();
    expect(link.requests('LogoutEverywhere')).toHaveLength(0);

    // The answer counts every session it ended, this one included.
    link.answer('LogoutEverywhere', { logoutEverywhere: 3 });
    await user.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    await user.click(screen.getByRole('button', { name: 'Yes, sign out everywhere' }));
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    expect(screen.getByRole('status')).toHaveTextContent('You signed out everywhere: 2 other sessions were ended.');
    expect(store.current).toBeNull();
    expect(window.localStorage.getItem(SESSION_KEY)).toBeNull();
    expect(link.sent.map((request) => request.operationName)).toEqual(['ProfilePage', 'LogoutEverywhere']);
    unmount();
  });
});
