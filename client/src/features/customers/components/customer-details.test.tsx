import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { makeCustomer, problem } from '@/testing/data';
import { renderWithProviders } from '@/testing/render';
import { API, server } from '@/testing/server';
import { CustomerDetails } from './customer-details';

function serveCustomer() {
  const state = { customer: makeCustomer({ name: 'Zakład Łódzki Żółć', tags: ['vip'] }), calls: [] as string[] };
  const id = state.customer.id;
  server.use(
    http.get(`${API}/customers/${id}`, () => HttpResponse.json(state.customer, { headers: { ETag: '"1"' } })),
    http.get(`${API}/customers/${id}/contacts`, () =>
      HttpResponse.json({
        items: [
          {
            id: 'c1',
            customerId: id,
            firstName: 'Ana',
            lastName: null,
            email: 'ana@example.pt',
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
    http.delete(`${API}/customers/${id}`, () => {
      state.calls.push('archive');
      state.customer = { ...state.customer, archivedAt: '2026-02-01T10:00:00Z' };
      return new HttpResponse(null, { status: 204 });
    }),
    http.post(`${API}/customers/${id}/restore`, () => {
      state.calls.push('restore');
      state.customer = { ...state.customer, archivedAt: null };
      return HttpResponse.json(state.customer);
    }),
  );
  return state;
}

describe('CustomerDetails', () => {
  it('shows the fields, the contacts and the timeline placeholder', async () => {
    const { customer } = serveCustomer();
    renderWithProviders(<CustomerDetails id={customer.id!} />);
    expect(await screen.findByRole('heading', { name: /Zakład Łódzki Żółć/ })).toBeInTheDocument();
    // Tags as typed, not in Badge's capitals: what the tag filter matches.
    expect(screen.getByText('vip').closest('.mantine-Badge-root')).toHaveStyle({ textTransform: 'none' });
    expect(screen.getByText('Relationship')).toHaveStyle({ textTransform: 'uppercase' });
    expect(await screen.findByRole('cell', { name: 'Ana' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Timeline' })).toBeInTheDocument();
  });

  it('archives, and Undo restores', async () => {
    const state = serveCustomer();
    const { user } = renderWithProviders(<CustomerDetails id={state.customer.id!} />);
    await user.click(await screen.findByRole('button', { name: 'Archive' }));
    expect(await screen.findByTestId('archived-badge')).toBeInTheDocument();
    expect(screen.getByText('Zakład Łódzki Żółć was archived.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(screen.queryByTestId('archived-badge')).not.toBeInTheDocument());
    expect(state.calls).toEqual(['archive', 'restore']);
    expect(screen.getByRole('button', { name: 'Archive' })).toBeInTheDocument();
  });

  it('restores an archived customer, and Undo archives it again', async () => {
    const state = serveCustomer();
    state.customer = { ...state.customer, archivedAt: '2026-02-01T10:00:00Z' };
    const { user } = renderWithProviders(<CustomerDetails id={state.customer.id!} />);
    await user.click(await screen.findByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(screen.queryByTestId('archived-badge')).not.toBeInTheDocument());
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    expect(await screen.findByTestId('archived-badge')).toBeInTheDocument();
    expect(state.calls).toEqual(['restore', 'archive']);
  });

  it('shows the not-found page for an unknown id, with nothing in the console', async () => {
    const id = '0190a000-0000-7000-8000-00000000dead';
    server.use(
      http.get(`${API}/customers/${id}`, () =>
        HttpResponse.json(problem(404, 'Not Found'), { status: 404, headers: { 'Content-Type': 'application/problem+json' } }),
      ),
    );
    const logged = vi.spyOn(console, 'error');
    try {
      renderWithProviders(<CustomerDetails id={id} />, { errorElement: <p>route error</p> });
      expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
      expect(screen.queryByText('route error')).not.toBeInTheDocument();
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });
});
