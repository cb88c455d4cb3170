import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '@/lib/auth';
import { i18n } from '@/lib/i18n';
import { ThemedProvider } from './provider';
import { routes } from './router';

// Every page is a lazy chunk, so until the first one has loaded the router has nothing to render
// but the root route's HydrateFallback: the app's loader, not a blank screen and a console warning.
describe('router', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(['/sign-in', '/customers'])('shows the loader while the first page at %s loads', async (route) => {
    const warn = vi.spyOn(console, 'warn');
    const router = createMemoryRouter(routes, { initialEntries: [route] });
    render(
      <I18nextProvider i18n={i18n}>
        <ThemedProvider env="test">
          <QueryClientProvider client={new QueryClient()}>
            <AuthProvider initialStatus="anonymous">
              <RouterProvider router={router} />
            </AuthProvider>
          </QueryClientProvider>
        </ThemedProvider>
      </I18nextProvider>,
    );

    expect(screen.getByLabelText('Loading…')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Loading…')).not.toBeInTheDocument();
    expect(warn).not.toHaveBeenCalledWith(expect.stringContaining('HydrateFallback'));
  });
});
