import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { adminMe } from '@/testing/data';
import { renderWithProviders } from '@/testing/render';
import { API, server } from '@/testing/server';
import { i18n } from '@/lib/i18n';
import { AppLayout } from './app-layout';

describe('AppLayout', () => {
  it('shows Admins the admin modules', async () => {
    renderWithProviders(<AppLayout>page</AppLayout>, { route: '/customers' });
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(await within(nav).findByRole('link', { name: 'Users' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Departments' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Customers' })).toHaveAttribute('href', '/customers');
    expect(within(nav).getByRole('link', { name: 'Custom fields' })).toHaveAttribute('href', '/settings/custom-fields');
    expect(within(nav).getByRole('link', { name: 'Import' })).toHaveAttribute('href', '/imports');
    expect(within(nav).getByRole('link', { name: 'Audit log' })).toHaveAttribute('href', '/admin/audit');
    expect(within(nav).getByRole('link', { name: 'Webhooks' })).toHaveAttribute('href', '/settings/webhooks');
  });

  it('shows Managers the audit log but not the admin modules', async () => {
    server.use(http.get(`${API}/me`, () => HttpResponse.json({ ...adminMe, name: 'Mia Manager', roles: ['Manager'] })));
    renderWithProviders(<AppLayout>page</AppLayout>, { route: '/customers' });
    expect(await screen.findByText('Mia Manager')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('link', { name: 'Audit log' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Users' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Webhooks' })).not.toBeInTheDocument();
  });

  it('shows others only the modules they may use', async () => {
    server.use(http.get(`${API}/me`, () => HttpResponse.json({ ...adminMe, name: 'Sam Sales', roles: ['Sales'] })));
    renderWithProviders(<AppLayout>page</AppLayout>, { route: '/customers' });
    expect(await screen.findByText('Sam Sales')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('link', { name: 'Customers' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Users' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Custom fields' })).not.toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Import' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'API tokens' })).toHaveAttribute('href', '/settings/api-tokens');
    expect(within(nav).queryByRole('link', { name: 'Audit log' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Webhooks' })).not.toBeInTheDocument();
  });

  it('hides Import from roles that may not import', async () => {
    server.use(http.get(`${API}/me`, () => HttpResponse.json({ ...adminMe, name: 'Rita Reader', roles: ['ReadOnly'] })));
    renderWithProviders(<AppLayout>page</AppLayout>, { route: '/customers' });
    expect(await screen.findByText('Rita Reader')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).queryByRole('link', { name: 'Import' })).not.toBeInTheDocument();
  });

  it('switches language and theme', async () => {
    const { user } = renderWithProviders(<AppLayout>page</AppLayout>, { route: '/customers' });
    try {
      await user.click(screen.getByRole('button', { name: 'Switch to dark theme' }));
      await waitFor(() => expect(document.documentElement).toHaveAttribute('data-mantine-color-scheme', 'dark'));
      expect(screen.getByRole('button', { name: 'Switch to light theme' })).toBeInTheDocument();

      await user.click(screen.getByTestId('language-select'));
      await user.click(await screen.findByRole('option', { name: 'Polski' }));
      const nav = await screen.findByRole('navigation', { name: 'Nawigacja główna' });
      expect(await within(nav).findByRole('link', { name: 'Klienci' })).toBeInTheDocument();
      expect(document.documentElement).toHaveAttribute('lang', 'pl');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
