import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { tokenStore } from '@/api/client';
import { useAuth } from '@/lib/auth';
import { problem } from '@/testing/data';
import { renderWithProviders } from '@/testing/render';
import { API, server } from '@/testing/server';
import { SignInForm } from './sign-in-form';

function WiredSignIn({ onDone }: { onDone?: () => void }) {
  const { signIn, status } = useAuth();
  return (
    <>
      <p data-testid="status">{status}</p>
      <SignInForm
        onSignIn={async (email, password) => {
          await signIn(email, password);
          onDone?.();
        }}
      />
    </>
  );
}

describe('SignInForm', () => {
  it('validates before calling the API', async () => {
    let called = false;
    server.use(
      http.post(`${API}/auth/token`, () => {
        called = true;
        return HttpResponse.json({});
      }),
    );
    const { user } = renderWithProviders(<WiredSignIn />, { auth: 'anonymous' });
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter a valid email address.')).toBeInTheDocument();
    expect(screen.getByText('This field is required.')).toBeInTheDocument();
    expect(called).toBe(false);
  });

  it('signs in with the cookie flow and keeps the token only in memory', async () => {
    let body: unknown;
    server.use(
      http.post(`${API}/auth/token`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ accessToken: 'secret-token', refreshToken: null, expiresIn: 900, tokenType: 'Bearer' });
      }),
    );
    const { user } = renderWithProviders(<WiredSignIn />, { auth: 'anonymous' });
    await user.type(screen.getByLabelText(/Email/), 'ada@example.com');
    await user.type(screen.getByLabelText(/Password/), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('authenticated'));
    expect(body).toEqual({ email: 'ada@example.com', password: 'correct horse', useCookie: true });
    expect(tokenStore.get()).toBe('secret-token');
    expect(JSON.stringify({ ...localStorage })).not.toContain('secret-token');
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('secret-token');
  });

  it('says so when the credentials are wrong', async () => {
    server.use(
      http.post(`${API}/auth/token`, () =>
        HttpResponse.json(problem(401, 'Unauthorized'), {
          status: 401,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
      ),
    );
    const { user } = renderWithProviders(<WiredSignIn />, { auth: 'anonymous' });
    await user.type(screen.getByLabelText(/Email/), 'ada@example.com');
    await user.type(screen.getByLabelText(/Password/), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The email or password is not right.');
    expect(screen.getByTestId('status')).toHaveTextContent('anonymous');
  });

  it('drops the refusal once the user submits again or edits', async () => {
    server.use(
      http.post(`${API}/auth/token`, () =>
        HttpResponse.json(problem(401, 'Unauthorized'), {
          status: 401,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
      ),
    );
    const { user } = renderWithProviders(<WiredSignIn />, { auth: 'anonymous' });
    const email = screen.getByLabelText(/Email/);
    await user.type(email, 'ada@example.com');
    await user.type(screen.getByLabelText(/Password/), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The email or password is not right.');

    await user.type(email, 'x');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The email or password is not right.');

    // A submit that the form's own check stops: only that check's message.
    await user.clear(email);
    await user.type(email, 'ada@example');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter a valid email address.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
