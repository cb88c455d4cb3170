import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { refreshAccessToken, SESSION_HINT_KEY, tokenStore } from '@/api/client';
import { API, server } from '@/testing/server';
import { AuthProvider, useAuth } from './auth';

function Status() {
  return <p data-testid="status">{useAuth().status}</p>;
}

const renderAuth = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <AuthProvider>
        <Status />
      </AuthProvider>
    </QueryClientProvider>,
  );

const countRefreshes = (answer: () => Response) => {
  const calls = { count: 0 };
  server.use(
    http.post(`${API}/auth/refresh`, () => {
      calls.count += 1;
      return answer();
    }),
  );
  return calls;
};

const token = { accessToken: 'fresh', refreshToken: null, expiresIn: 900, tokenType: 'Bearer' };

describe('AuthProvider on load', () => {
  it('is signed out at once where this browser noted no session, without a refresh the browser would log as a 401', async () => {
    const refreshes = countRefreshes(() => new HttpResponse(null, { status: 401 }));
    renderAuth();
    expect(screen.getByTestId('status')).toHaveTextContent('anonymous');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(refreshes.count).toBe(0);
  });

  it('restores a noted session from the refresh cookie', async () => {
    localStorage.setItem(SESSION_HINT_KEY, '1');
    const refreshes = countRefreshes(() => HttpResponse.json(token));
    renderAuth();
    expect(screen.getByTestId('status')).toHaveTextContent('loading');
    expect(await screen.findByText('authenticated')).toBeInTheDocument();
    expect(refreshes.count).toBe(1);
  });

  it('notes the session with every token (never the token itself) and forgets it when a refresh is refused', async () => {
    tokenStore.set(token);
    expect(localStorage.getItem(SESSION_HINT_KEY)).toBe('1');
    expect(JSON.stringify({ ...localStorage })).not.toContain('fresh');
    countRefreshes(() => new HttpResponse(null, { status: 401 }));
    expect(await refreshAccessToken()).toBeNull();
    expect(localStorage.getItem(SESSION_HINT_KEY)).toBeNull();
  });
});
