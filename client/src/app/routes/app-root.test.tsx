import { act, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { SESSION_HINT_KEY, tokenStore } from '@/api/client';
import { renderWithProviders } from '@/testing/render';
import { API, server } from '@/testing/server';
import { Component as AppRoot } from './app-root';

const signInPage = [{ path: '/sign-in', element: <p>sign-in page</p> }];

describe('AppRoot', () => {
  it('signs out to the bare sign-in page, not back to the last search', async () => {
    server.use(http.post(`${API}/auth/logout`, () => new HttpResponse(null, { status: 204 })));
    tokenStore.set({ accessToken: 'token', refreshToken: null, expiresIn: 900, tokenType: 'Bearer' });
    const { user, router } = renderWithProviders(<AppRoot />, { route: '/customers?q=zeta', path: '/customers', extraRoutes: signInPage });
    await user.click(await screen.findByTestId('user-menu'));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    expect(await screen.findByText('sign-in page')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.search).toBe('');
  });

  it('comes back to the page after a session that ended by itself', async () => {
    tokenStore.set({ accessToken: 'token', refreshToken: null, expiresIn: 900, tokenType: 'Bearer' });
    const { router } = renderWithProviders(<AppRoot />, { route: '/customers?q=zeta', path: '/customers', extraRoutes: signInPage });
    expect(await screen.findByTestId('user-menu')).toBeInTheDocument();
    act(() => tokenStore.set(null));
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    expect(new URLSearchParams(router.state.location.search).get('redirectTo')).toBe('/customers?q=zeta');
  });

  it('follows a sign-out in another tab of the browser to the sign-in page', async () => {
    tokenStore.set({ accessToken: 'token', refreshToken: null, expiresIn: 900, tokenType: 'Bearer' });
    const { router } = renderWithProviders(<AppRoot />, { route: '/customers', path: '/customers', extraRoutes: signInPage });
    expect(await screen.findByTestId('user-menu')).toBeInTheDocument();
    const fromOtherTab = (key: string, newValue: string | null) =>
      act(() => {
        if (newValue === null) localStorage.removeItem(key);
        else localStorage.setItem(key, newValue);
        window.dispatchEvent(new StorageEvent('storage', { key, newValue, storageArea: localStorage }));
      });

    // Another tab's settings change nothing here.
    fromOtherTab('crm.language', 'pl');
    expect(screen.getByTestId('user-menu')).toBeInTheDocument();
    expect(tokenStore.get()).toBe('token');

    // The other tab signed out: it removed the session note.
    fromOtherTab(SESSION_HINT_KEY, null);
    expect(await screen.findByText('sign-in page')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(tokenStore.get()).toBeNull();
  });
});
