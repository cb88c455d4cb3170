import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { CustomerInput, Me, UserDirectoryEntry } from '@/api/types';
import { makeCustomer, problem } from '@/testing/data';
import { renderWithProviders } from '@/testing/render';
import { API, server } from '@/testing/server';
import { CustomerDetails } from './customer-details';
import { CustomerEdit } from './customer-edit';
import { CustomersList } from './customers-list';
import { ownerOptions } from '@/lib/owners';

// A Sales user: GET /users is for Admins, and the directory is all the app may read about people.
const salesMe: Me = { id: '0190a000-0000-7000-8000-0000000005a1', email: 'zofia@example.pl', name: 'Zofia Zielińska', roles: ['Sales'], departmentId: null };
const agata: UserDirectoryEntry = { id: '0190a000-0000-7000-8000-0000000000a1', name: 'Ágata Reis', active: true };
const lukasz: UserDirectoryEntry = { id: '0190a000-0000-7000-8000-0000000000a2', name: 'Łukasz Nowak', active: false };
const mario: UserDirectoryEntry = { id: '0190a000-0000-7000-8000-0000000000a3', name: 'Mário Silva', active: true };
const zofia: UserDirectoryEntry = { id: salesMe.id!, name: salesMe.name!, active: true };
// As the API answers it: by name, the signed-in user where the name puts her.
const directory = [agata, lukasz, mario, zofia];

function serveSalesUser(pages: UserDirectoryEntry[][] = [directory]) {
  const seen = { users: 0, directory: [] as URL[] };
  server.use(
    http.get(`${API}/me`, () => HttpResponse.json(salesMe)),
    http.get(`${API}/users`, () => {
      seen.users += 1;
      return HttpResponse.json(problem(403, 'Forbidden'), { status: 403, headers: { 'Content-Type': 'application/problem+json' } });
    }),
    http.get(`${API}/users/directory`, ({ request }) => {
      const url = new URL(request.url);
      seen.directory.push(url);
      const index = Number(url.searchParams.get('cursor') ?? '0');
      return HttpResponse.json({ items: pages[index], nextCursor: index + 1 < pages.length ? String(index + 1) : null });
    }),
  );
  return seen;
}

function serveCustomer(ownerId: string | null) {
  const customer = makeCustomer({ name: 'Zakład Łódzki', ownerId });
  const puts: CustomerInput[] = [];
  server.use(
    http.get(`${API}/customers/${customer.id}`, () => HttpResponse.json(customer, { headers: { ETag: '"1"' } })),
    http.get(`${API}/customers/${customer.id}/contacts`, () => HttpResponse.json({ items: [], nextCursor: null })),
    http.put(`${API}/customers/${customer.id}`, async ({ request }) => {
      const body = (await request.json()) as CustomerInput;
      puts.push(body);
      return HttpResponse.json({ ...customer, ...body }, { headers: { ETag: '"2"' } });
    }),
  );
  return { customer, puts };
}

const ownerSelect = () => screen.getByRole('textbox', { name: 'Owner' });

function renderEdit(id: string) {
  return renderWithProviders(<CustomerEdit id={id} />, {
    route: `/customers/${id}/edit`,
    path: '/customers/:id/edit',
    extraRoutes: [{ path: '/customers/:id', element: <p>customer page</p> }],
  });
}

describe('owners for a Sales user', () => {
  it('names another user’s customer’s owner on the detail page, from the directory, not the Admins’ user list', async () => {
    const seen = serveSalesUser();
    const { customer } = serveCustomer(mario.id);
    renderWithProviders(<CustomerDetails id={customer.id!} />);

    expect(await screen.findByText('Mário Silva')).toBeInTheDocument();
    expect(seen.users).toBe(0);
    expect(seen.directory.length).toBeGreaterThan(0);
  });

  it('marks an inactive owner, and names an owner the directory does not hold rather than showing nothing', async () => {
    serveSalesUser();
    const { customer } = serveCustomer(lukasz.id);
    const view = renderWithProviders(<CustomerDetails id={customer.id!} />);
    expect(await screen.findByText('Łukasz Nowak (inactive)')).toBeInTheDocument();
    view.unmount();

    const stranger = serveCustomer('0190a000-0000-7000-8000-0000000000ff');
    renderWithProviders(<CustomerDetails id={stranger.customer.id!} />);
    expect(await screen.findByText('Unknown user')).toBeInTheDocument();
  });

  it('reads every page of the directory', async () => {
    const seen = serveSalesUser([[agata, lukasz], [mario, zofia]]);
    const { customer } = serveCustomer(zofia.id);
    renderWithProviders(<CustomerDetails id={customer.id!} />);

    expect(await screen.findByText('Zofia Zielińska')).toBeInTheDocument();
    expect(seen.directory.map((url) => url.searchParams.get('cursor'))).toEqual([null, '1']);
  });

  it('fills the list’s owner column for everyone’s customers and offers every owner in the filter, by name', async () => {
    serveSalesUser();
    localStorage.setItem('crm.customers.columns', JSON.stringify({ owner: true }));
    server.use(
      http.get(`${API}/customers`, () =>
        HttpResponse.json({
          items: [
            makeCustomer({ name: 'Alpha', ownerId: mario.id }),
            makeCustomer({ name: 'Beta', ownerId: lukasz.id }),
            makeCustomer({ name: 'Gamma', ownerId: zofia.id }),
          ],
          nextCursor: null,
        }),
      ),
    );
    const { user } = renderWithProviders(<CustomersList />, { route: '/customers' });

    const alpha = (await screen.findByRole('link', { name: 'Alpha' })).closest('tr')!;
    expect(await within(alpha).findByText('Mário Silva')).toBeInTheDocument();
    expect(within(screen.getByRole('link', { name: 'Beta' }).closest('tr')!).getByText('Łukasz Nowak (inactive)')).toBeInTheDocument();
    expect(within(screen.getByRole('link', { name: 'Gamma' }).closest('tr')!).getByText('Zofia Zielińska')).toBeInTheDocument();

    await user.click(screen.getByRole('textbox', { name: 'Owner' }));
    const options = (await screen.findAllByRole('option')).map((option) => option.textContent);
    // The filter finds inactive users' customers too; the signed-in user stands where her name puts her.
    expect(options).toEqual(['Ágata Reis', 'Łukasz Nowak (inactive)', 'Mário Silva', 'Zofia Zielińska']);
  });

  it('shows an owner the filter names even before, or without, the directory naming them', async () => {
    serveSalesUser();
    server.use(http.get(`${API}/customers`, () => HttpResponse.json({ items: [], nextCursor: null })));
    renderWithProviders(<CustomersList />, { route: '/customers?ownerId=0190a000-0000-7000-8000-0000000000ff' });

    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Owner' })).toHaveValue('Unknown user'));
  });

  it('edits another user’s customer showing its owner, offering only active users by name, and keeps the owner on save', async () => {
    serveSalesUser();
    const { customer, puts } = serveCustomer(mario.id);
    const { user } = renderEdit(customer.id!);

    await waitFor(() => expect(ownerSelect()).toHaveValue('Mário Silva'));
    await user.click(ownerSelect());
    const options = (await screen.findAllByRole('option')).map((option) => option.textContent);
    expect(options).toEqual(['Ágata Reis', 'Mário Silva', 'Zofia Zielińska']);
    await user.keyboard('{Escape}');

    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('customer page')).toBeInTheDocument();
    expect(puts[0].ownerId).toBe(mario.id);
  });

  it('finds an owner typed without accents or capitals in the form', async () => {
    serveSalesUser();
    const { customer, puts } = serveCustomer(null);
    const { user } = renderEdit(customer.id!);
    const owner = await screen.findByRole('textbox', { name: 'Owner' });
    await user.type(owner, 'agata');
    expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual(['Ágata Reis']);
    await user.clear(owner);
    await user.type(owner, 'ZIELINSKA');
    await user.click(await screen.findByRole('option', { name: 'Zofia Zielińska' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(puts[0]?.ownerId).toBe(zofia.id));
  });

  it('filters the list by an owner typed without accents', async () => {
    serveSalesUser();
    server.use(http.get(`${API}/customers`, () => HttpResponse.json({ items: [], nextCursor: null, total: 0 })));
    const { user } = renderWithProviders(<CustomersList />);
    const owner = await screen.findByRole('textbox', { name: 'Owner' });
    await user.type(owner, 'lukasz');
    expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual([expect.stringContaining('Łukasz Nowak')]);
  });

  it('shows an inactive owner the customer has, and keeps it, though nobody can be given it anew', async () => {
    serveSalesUser();
    const { customer, puts } = serveCustomer(lukasz.id);
    const { user } = renderEdit(customer.id!);

    await waitFor(() => expect(ownerSelect()).toHaveValue('Łukasz Nowak (inactive)'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('customer page')).toBeInTheDocument();
    expect(puts[0].ownerId).toBe(lukasz.id);
  });

  it('never shows an empty owner that a clear button would silently remove', async () => {
    serveSalesUser();
    const { customer, puts } = serveCustomer('0190a000-0000-7000-8000-0000000000ff');
    const { user } = renderEdit(customer.id!);

    await waitFor(() => expect(ownerSelect()).toHaveValue('Unknown user'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('customer page')).toBeInTheDocument();
    expect(puts[0].ownerId).toBe('0190a000-0000-7000-8000-0000000000ff');
  });

  it('moves focus to the owner when the API refuses it', async () => {
    serveSalesUser();
    const { customer } = serveCustomer(mario.id);
    server.use(
      http.put(`${API}/customers/${customer.id}`, () =>
        HttpResponse.json(problem(400, 'One or more validation errors occurred.', { errors: { ownerId: ['No user has this id.'] } }), {
          status: 400,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
      ),
    );
    const { user } = renderEdit(customer.id!);
    await waitFor(() => expect(ownerSelect()).toHaveValue('Mário Silva'));

    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('No user has this id.')).toBeInTheDocument();
    expect(ownerSelect()).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(ownerSelect()).toHaveFocus());
  });
});

describe('ownerOptions', () => {
  const labels = { inactive: (name: string) => `${name} (inactive)`, unknown: 'Unknown user' };

  it('keeps the directory’s name order and offers only active users for assignment', () => {
    expect(ownerOptions(directory, null, labels, true).map((o) => o.label)).toEqual(['Ágata Reis', 'Mário Silva', 'Zofia Zielińska']);
    expect(ownerOptions(directory, null, labels, false).map((o) => o.label)).toEqual([
      'Ágata Reis',
      'Łukasz Nowak (inactive)',
      'Mário Silva',
      'Zofia Zielińska',
    ]);
  });

  it('always holds the current owner: an inactive one in its place, an unknown one first', () => {
    expect(ownerOptions(directory, lukasz.id, labels, true).map((o) => o.label)).toEqual([
      'Ágata Reis',
      'Łukasz Nowak (inactive)',
      'Mário Silva',
      'Zofia Zielińska',
    ]);
    expect(ownerOptions(directory, 'x', labels, true)[0]).toEqual({ value: 'x', label: 'Unknown user' });
  });
});
