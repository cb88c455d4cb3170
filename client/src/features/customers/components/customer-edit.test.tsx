import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { makeCustomer, problem } from '@/testing/data';
import { renderWithProviders } from '@/testing/render';
import { API, server } from '@/testing/server';
import { CustomerEdit } from './customer-edit';

const original = { ...makeCustomer({ name: 'Original name' }), id: '0190a000-0000-7000-8000-0000000000ed' };

/** A server whose record someone else changes after the page loaded it. */
function serveConflict(theirs: Partial<typeof original> = { name: 'Changed by someone else' }) {
  const state = { etag: '"1"', customer: original, gets: 0, puts: [] as { ifMatch: string | null; body: unknown }[] };
  server.use(
    http.get(`${API}/customers/${original.id}`, () => {
      state.gets += 1;
      const response = HttpResponse.json(state.customer, { headers: { ETag: state.etag } });
      // The first read is the page's; then another user saves.
      if (state.gets === 1) {
        state.etag = '"2"';
        state.customer = { ...original, ...theirs };
      }
      return response;
    }),
    http.put(`${API}/customers/${original.id}`, async ({ request }) => {
      const ifMatch = request.headers.get('If-Match');
      const body = await request.json();
      state.puts.push({ ifMatch, body });
      if (ifMatch !== state.etag)
        return HttpResponse.json(problem(412, 'Precondition failed'), {
          status: 412,
          headers: { 'Content-Type': 'application/problem+json' },
        });
      state.etag = '"3"';
      state.customer = { ...state.customer, ...(body as object) };
      return HttpResponse.json(state.customer, { headers: { ETag: state.etag } });
    }),
  );
  return state;
}

async function saveStale() {
  const view = renderWithProviders(<CustomerEdit id={original.id} />, {
    route: `/customers/${original.id}/edit`,
    extraRoutes: [{ path: '/customers/:id', element: <p>customer page</p> }],
  });
  const name = await screen.findByRole('textbox', { name: /Name/ });
  await view.user.clear(name);
  await view.user.type(name, 'My name');
  await view.user.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByRole('dialog', { name: 'This customer was changed' })).toBeInTheDocument();
  return view;
}

describe('CustomerEdit on 412', () => {
  it('overwrites: fetches the current ETag, then saves again with it', async () => {
    const state = serveConflict();
    const { user, router } = await saveStale();
    await user.click(screen.getByRole('button', { name: 'Overwrite with my changes' }));

    expect(await screen.findByText('customer page')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/customers/${original.id}`);
    expect(state.puts.map((p) => p.ifMatch)).toEqual(['"1"', '"2"']);
    expect(state.puts[1].body).toMatchObject({ name: 'My name' });
    expect(state.customer.name).toBe('My name');
  });

  it('overwrites only what this user changed: the other person’s changes to other fields stay', async () => {
    const state = serveConflict({ name: 'Changed by someone else', phone: '+351912345678' });
    const view = renderWithProviders(<CustomerEdit id={original.id} />, {
      route: `/customers/${original.id}/edit`,
      extraRoutes: [{ path: '/customers/:id', element: <p>customer page</p> }],
    });
    const website = await screen.findByRole('textbox', { name: /Website/ });
    await view.user.clear(website);
    await view.user.type(website, 'example.pt');
    await view.user.click(screen.getByRole('button', { name: 'Save' }));
    await view.user.click(await screen.findByRole('button', { name: 'Overwrite with my changes' }));

    expect(await screen.findByText('customer page')).toBeInTheDocument();
    expect(state.puts[1].body).toMatchObject({ name: 'Changed by someone else', phone: '+351912345678', website: 'example.pt' });
  });

  it('reloads: shows the other person’s version and drops the edit', async () => {
    const state = serveConflict();
    const { user } = await saveStale();
    await user.click(screen.getByRole('button', { name: 'Reload their version' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByDisplayValue('Changed by someone else')).toBeInTheDocument();
    expect(state.puts).toHaveLength(1);
  });

  it('lets the user close the dialog with a labelled button', async () => {
    serveConflict();
    const { user } = await saveStale();
    const dialog = screen.getByRole('dialog', { name: 'This customer was changed' });
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });
});

describe('CustomerEdit when the save fails', () => {
  it('says so by the Save button, where the user is, and keeps what they typed', async () => {
    server.use(
      http.get(`${API}/customers/${original.id}`, () => HttpResponse.json(original, { headers: { ETag: '"1"' } })),
      http.put(`${API}/customers/${original.id}`, () =>
        HttpResponse.json(
          problem(503, 'Usługa chwilowo niedostępna.', { detail: 'Serwer jest przeciążony; spróbuj ponownie za chwilę.' }),
          { status: 503, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '5' } },
        ),
      ),
    );
    const { user } = renderWithProviders(<CustomerEdit id={original.id} />, { route: `/customers/${original.id}/edit` });
    const line1 = await screen.findByRole('textbox', { name: 'Address line 1' });
    await user.type(line1, 'Οδός Ερμού 10');
    const save = screen.getByRole('button', { name: 'Save' });
    await user.click(save);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Serwer jest przeciążony; spróbuj ponownie za chwilę.');
    // After the last field and just before the buttons, not at the top of a form taller than the screen.
    expect(line1.compareDocumentPosition(alert) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(alert.compareDocumentPosition(save) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(line1).toHaveValue('Οδός Ερμού 10');
  });
});
