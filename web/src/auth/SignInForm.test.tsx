import { MockedProvider, type MockedProviderProps } from '@apollo/client/testing/react';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SignInDocument, SignInForm } from './SignInForm';

const session = {
  __typename: 'AuthPayload',
  token: 'header.payload.signature',
  expiresAt: '2030-01-01T00:15:00.000Z',
  refreshToken: 'refresh-1',
  user: { __typename: 'User', id: 'u1', username: 'ada', role: 'CUSTOMER' },
};

function renderForm(mocks: MockedProviderProps['mocks'] = []) {
  const onSignedIn = jest.fn();
  render(
    <MockedProvider mocks={mocks}>
      <SignInForm onSignedIn={onSignedIn} />
    </MockedProvider>,
  );
  return { onSignedIn, user: userEvent.setup() };
}

describe('SignInForm', () => {
  it('says what is missing as the trader types and leaves fields', async () => {
    const { user } = renderForm();
    const username = screen.getByLabelText('Username or email');
    await user.type(username, 'a');
    await user.clear(username);
    expect(screen.getByText('Enter your username or email.')).toBeInTheDocument();
    expect(username).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText('Enter your password.')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
  });

  it('shows the server refusal for wrong credentials', async () => {
    const { user, onSignedIn } = renderForm([
      {
        request: { query: SignInDocument, variables: { input: { username: 'ada', password: 'not-the-password' } } },
        result: { errors: [{ message: 'Wrong username or password', extensions: { code: 'UNAUTHENTICATED' } }] },
      },
    ]);
    await user.type(screen.getByLabelText('Username or email'), 'ada');
    await user.type(screen.getByLabelText('Password'), 'not-the-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password.');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('shows a rate limit in words the trader can act on', async () => {
    const { user } = renderForm([
      {
        request: { query: SignInDocument, variables: { input: { username: 'ada', password: 'correct-horse' } } },
        result: { errors: [{ message: 'Too many sign-in attempts', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 60 } }] },
      },
    ]);
    await user.type(screen.getByLabelText('Username or email'), 'ada');
    await user.type(screen.getByLabelText('Password'), 'correct-horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Wait a minute, then try again.');
  });

  it('signs the trader in with the session the server returned', async () => {
    const { user, onSignedIn } = renderForm([
      {
        request: { query: SignInDocument, variables: { input: { username: 'ada', password: 'correct-horse' } } },
        result: { data: { login: session } },
      },
    ]);
    await user.type(screen.getByLabelText('Username or email'), ' ada ');
    await user.type(screen.getByLabelText('Password'), 'correct-horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(expect.objectContaining({ token: session.token, refreshToken: 'refresh-1' })));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
