import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { makeCustomer } from '@/testing/data';
import { renderWithProviders } from '@/testing/render';
import { API, server } from '@/testing/server';
import { GlobalSearch } from './global-search';

describe('GlobalSearch', () => {
  it('opens with Ctrl+K and finds customers and contacts', async () => {
    const customer = makeCustomer({ name: 'Zakład Łódzki Żółć' });
    const queries: string[] = [];
    server.use(
      http.get(`${API}/customers`, ({ request }) => {
        queries.push(new URL(request.url).searchParams.get('q') ?? '');
        return HttpResponse.json({ items: [customer], nextCursor: null });
      }),
      http.get(`${API}/contacts`, () =>
        HttpResponse.json({
          items: [
            {
              id: '0190a000-0000-7000-8000-00000000c0c0',
              customerId: customer.id,
              firstName: 'Γιώργος',
              lastName: 'Παπαδόπουλος',
              email: 'g@example.gr',
              phone: null,
              jobTitle: 'CFO',
              emailConsent: true,
              archivedAt: null,
              createdAt: '2026-01-01T00:00:00Z',
              updatedAt: '2026-01-01T00:00:00Z',
            },
          ],
          nextCursor: null,
        }),
      ),
    );
    const { user, router } = renderWithProviders(<GlobalSearch />, {
      extraRoutes: [{ path: '/customers/:id', element: <p>customer page</p> }],
    });

    fireEvent.keyDown(document.documentElement, { key: 'k', code: 'KeyK', ctrlKey: true });
    const input = await screen.findByRole('textbox', { name: 'Search customers and contacts' });
    // No pause between keystrokes (see customers-list.test.tsx): one query for the word, however loaded the machine.
    await userEvent.setup({ delay: null }).type(input, 'zaklad');
    expect(await screen.findByText('Zakład Łódzki Żółć')).toBeInTheDocument();
    expect(screen.getByText('Γιώργος Παπαδόπουλος')).toBeInTheDocument();
    expect(queries).toEqual(['zaklad']);

    await user.click(screen.getByText('Zakład Łódzki Żółć'));
    expect(router.state.location.pathname).toBe(`/customers/${customer.id}`);
  });

  it('opens from the search icon shown on phones, where the wide button is hidden', async () => {
    const { user } = renderWithProviders(<GlobalSearch />);
    expect(screen.getByTestId('global-search')).toHaveClass('mantine-visible-from-sm');
    const icon = screen.getByTestId('global-search-icon');
    expect(icon).toHaveClass('mantine-hidden-from-sm');
    expect(icon).toHaveAccessibleName('Search customers and contacts');
    await user.click(icon);
    expect(await screen.findByRole('textbox', { name: 'Search customers and contacts' })).toBeInTheDocument();
  });

  it('opens the first result on Enter, and the next one after ↓', async () => {
    const first = makeCustomer({ name: 'Łukasiewicz SA' });
    const second = makeCustomer({ id: '0190a000-0000-7000-8000-0000000000c2', name: 'Łukowski i Syn' });
    server.use(
      http.get(`${API}/customers`, () => HttpResponse.json({ items: [first, second], nextCursor: null })),
      http.get(`${API}/contacts`, () => HttpResponse.json({ items: [], nextCursor: null })),
    );
    const { user, router } = renderWithProviders(<GlobalSearch />, {
      extraRoutes: [{ path: '/customers/:id', element: <p>customer page</p> }],
    });

    await user.click(screen.getByTestId('global-search'));
    const input = await screen.findByRole('textbox', { name: 'Search customers and contacts' });
    await user.type(input, 'łuk');
    expect(await screen.findByText('Łukowski i Syn')).toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(router.state.location.pathname).toBe(`/customers/${first.id}`);

    await act(() => router.navigate('/'));
    await user.click(screen.getByTestId('global-search'));
    await user.type(await screen.findByRole('textbox', { name: 'Search customers and contacts' }), 'łuk');
    expect(await screen.findByText('Łukowski i Syn')).toBeInTheDocument();
    await user.keyboard('{ArrowDown}{Enter}');
    expect(router.state.location.pathname).toBe(`/customers/${second.id}`);
  });
});
