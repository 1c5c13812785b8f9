import { MockedProvider, type MockedProviderProps } from '@apollo/client/testing/react';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RegisterDocument, RegisterForm } from './RegisterForm';

const input = { username: 'ada_l', email: 'ada@example.com', password: 'correct-horse', firstName: 'Ada', lastName: 'Lovelace' };

function renderForm(mocks: MockedProviderProps['mocks'] = []) {
  const onRegistered = jest.fn();
  render(
    <MockedProvider mocks={mocks}>
      <RegisterForm onRegistered={onRegistered} />
    </MockedProvider>,
  );
  return { onRegistered, user: userEvent.setup() };
}

async function fillIn(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('First name'), input.firstName);
  await user.type(screen.getByLabelText('Last name'), input.lastName);
  await user.type(screen.getByLabelText('Username'), input.username);
  await user.type(screen.getByLabelText('Email'), input.email);
  await user.type(screen.getByLabelText('Password'), input.password);
  await user.type(screen.getByLabelText('Repeat password'), input.password);
}

describe('RegisterForm', () => {
  it('checks each field as the trader types, with the platform rules', async () => {
    const { user } = renderForm();
    await user.type(screen.getByLabelText('Username'), 'ab');
    expect(screen.getByText('Use 3 to 30 letters, digits, underscores, dots or hyphens.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Username'), 'c');
    expect(screen.queryByText('Use 3 to 30 letters, digits, underscores, dots or hyphens.')).not.toBeInTheDocument();

    await user.type(screen.getByLabelText('Email'), 'ada@');
    expect(screen.getByText('Enter an email address such as ada@example.com.')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Password'), 'short');
    expect(screen.getByText('Use at least 8 characters.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Repeat password'), 'shorter');
    expect(screen.getByText('The passwords differ.')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Phone (optional)'), '12');
    expect(screen.getByText('Use 6 to 15 digits, e.g. +44 20 7946 0958.')).toBeInTheDocument();
  });

  it('sends nothing while a field is wrong, and shows every problem', async () => {
    const { user, onRegistered } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByText('Choose a username.')).toBeInTheDocument();
    expect(screen.getByText('Enter your first name.')).toBeInTheDocument();
    expect(onRegistered).not.toHaveBeenCalled();
  });

  it('shows a taken username next to the field the server named', async () => {
    const { user, onRegistered } = renderForm([
      {
        request: { query: RegisterDocument, variables: { input } },
        result: { errors: [{ message: 'The username "ada_l" is taken', extensions: { code: 'CONFLICT', field: 'username' } }] },
      },
    ]);
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('The username "ada_l" is taken')).toBeInTheDocument();
    expect(screen.getByLabelText('Username')).toHaveAttribute('aria-invalid', 'true');
    expect(onRegistered).not.toHaveBeenCalled();
  });

  it('signs the new trader in with the session register returned', async () => {
    const payload = {
      __typename: 'AuthPayload',
      token: 'a.b.c',
      expiresAt: '2030-01-01T00:15:00.000Z',
      refreshToken: 'refresh-1',
      user: { __typename: 'User', id: 'u1', username: 'ada_l', role: 'CUSTOMER' },
    };
    const { user, onRegistered } = renderForm([
      { request: { query: RegisterDocument, variables: { input } }, result: { data: { register: payload } } },
    ]);
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() =>
      expect(onRegistered).toHaveBeenCalledWith(expect.objectContaining({ token: 'a.b.c', user: expect.objectContaining({ username: 'ada_l' }) })),
    );
  });
});
