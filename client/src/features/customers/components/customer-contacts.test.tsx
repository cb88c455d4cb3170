import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Contact } from '@/api/types';
import { problem } from '@/testing/data';
import { renderWithProviders } from '@/testing/render';
import { API, server } from '@/testing/server';
import { CustomerContacts } from './customer-contacts';

const customerId = '0190a000-0000-7000-8000-0000000000aa';
const ana: Contact = {
  id: '0190a000-0000-7000-8000-0000000000c1',
  customerId,
  firstName: 'Ana',
  lastName: 'Silva',
  email: 'ana@example.pt',
  phone: null,
  jobTitle: 'CFO',
  emailConsent: false,
  customFields: {},
  archivedAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

/** One contact; archive, restore and edit change it the way the API would. */
function serveContacts() {
  const state = { contact: ana, etag: '"7"', calls: [] as string[] };
  const bump = () => {
    state.etag = `"${Number(state.etag.replaceAll('"', '')) + 1}"`;
  };
  server.use(
    http.get(`${API}/customers/${customerId}/contacts`, ({ request }) => {
      const archived = new URL(request.url).searchParams.get('archived') === 'true';
      const items = (state.contact.archivedAt != null) === archived ? [state.contact] : [];
      return HttpResponse.json({ items, nextCursor: null });
    }),
    http.get(`${API}/contacts/${ana.id}`, () => HttpResponse.json(state.contact, { headers: { ETag: state.etag } })),
    http.delete(`${API}/contacts/${ana.id}`, ({ request }) => {
      const ifMatch = request.headers.get('If-Match');
      state.calls.push(`archive ${ifMatch}`);
      if (ifMatch !== state.etag)
        return HttpResponse.json(problem(412, 'Precondition failed'), {
          status: 412,
          headers: { 'Content-Type': 'application/problem+json' },
        });
      state.contact = { ...state.contact, archivedAt: '2026-02-01T10:00:00Z' };
      bump();
      return new HttpResponse(null, { status: 204 });
    }),
    http.post(`${API}/contacts/${ana.id}/restore`, () => {
      state.calls.push('restore');
      state.contact = { ...state.contact, archivedAt: null };
      bump();
      return HttpResponse.json(state.contact, { headers: { ETag: state.etag } });
    }),
    http.put(`${API}/contacts/${ana.id}`, async ({ request }) => {
      state.calls.push(`put ${request.headers.get('If-Match')}`);
      state.contact = { ...state.contact, ...((await request.json()) as Partial<Contact>) };
      bump();
      return HttpResponse.json(state.contact, { headers: { ETag: state.etag } });
    }),
  );
  return state;
}

async function openActions(user: ReturnType<typeof renderWithProviders>['user']) {
  await user.click(await screen.findByRole('button', { name: 'Actions for Ana Silva' }));
}

describe('CustomerContacts', () => {
  // The menu gave the focus back to its button after the dialog had taken it: the dialog was open with the focus
  // behind it, so typing went nowhere and a screen reader read the page under the overlay.
  it('opens the edit dialog from the keyboard with the focus in it, and gives it back to the row’s button', async () => {
    serveContacts();
    const { user } = renderWithProviders(<CustomerContacts customerId={customerId} readOnly={false} />);
    const actions = await screen.findByRole('button', { name: 'Actions for Ana Silva' });
    actions.focus();
    await user.keyboard('{Enter}');
    await user.click(await screen.findByRole('menuitem', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit contact' });
    const firstName = await within(dialog).findByRole('textbox', { name: /First name/ });
    await waitFor(() => expect(firstName).toHaveFocus());
    // Past the menu's own hand-back (10 ms after it closes): the focus stays in the dialog.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(dialog).toContainElement(document.activeElement as HTMLElement);

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit contact' })).not.toBeInTheDocument());
    await waitFor(() => expect(actions).toHaveFocus());
  });

  it('edits a contact from its row', async () => {
    const state = serveContacts();
    const { user } = renderWithProviders(<CustomerContacts customerId={customerId} readOnly={false} />);
    await openActions(user);
    await user.click(await screen.findByRole('menuitem', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit contact' });
    const phone = await within(dialog).findByRole('textbox', { name: 'Phone' });
    await user.type(phone, '+351 912 345 678');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit contact' })).not.toBeInTheDocument());
    expect(state.calls).toEqual(['put "7"']);
    expect(await screen.findByRole('cell', { name: '+351 912 345 678' })).toBeInTheDocument();
  });

  it('archives with If-Match, and Undo restores', async () => {
    const state = serveContacts();
    const { user } = renderWithProviders(<CustomerContacts customerId={customerId} readOnly={false} />);
    await openActions(user);
    await user.click(await screen.findByRole('menuitem', { name: 'Archive' }));

    expect(await screen.findByText('Ana Silva was archived.')).toBeInTheDocument();
    expect(await screen.findByText('No contacts yet.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByRole('cell', { name: 'Ana Silva' })).toBeInTheDocument();
    expect(state.calls).toEqual(['archive "7"', 'restore']);
  });

  it('says in words when the server cannot be reached, not the browser’s “Failed to fetch”', async () => {
    serveContacts();
    server.use(http.delete(`${API}/contacts/${ana.id}`, () => HttpResponse.error()));
    const { user } = renderWithProviders(<CustomerContacts customerId={customerId} readOnly={false} />);
    await openActions(user);
    await user.click(await screen.findByRole('menuitem', { name: 'Archive' }));
    expect(await screen.findByText('The server could not be reached. Check your connection and try again.')).toBeInTheDocument();
    expect(screen.queryByText(/fetch/i)).not.toBeInTheDocument();
  });

  it('lists archived contacts and restores one', async () => {
    const state = serveContacts();
    state.contact = { ...ana, archivedAt: '2026-02-01T10:00:00Z' };
    const { user } = renderWithProviders(<CustomerContacts customerId={customerId} readOnly={false} />);
    expect(await screen.findByText('No contacts yet.')).toBeInTheDocument();
    await user.click(screen.getByRole('switch', { name: 'Show archived' }));
    expect(await screen.findByRole('table', { name: 'Archived contacts' })).toBeInTheDocument();

    await openActions(user);
    expect(screen.queryByRole('menuitem', { name: 'Edit' })).not.toBeInTheDocument();
    await user.click(await screen.findByRole('menuitem', { name: 'Restore' }));
    expect(await screen.findByText('Ana Silva was restored.')).toBeInTheDocument();
    expect(await screen.findByText('No archived contacts.')).toBeInTheDocument();
    expect(state.calls).toEqual(['restore']);
  });

  it('says so when the contact changed since it was read (412)', async () => {
    const state = serveContacts();
    const { user, queryClient } = renderWithProviders(<CustomerContacts customerId={customerId} readOnly={false} />);
    // This client read version "7"; then someone else saved.
    await queryClient.fetchQuery({
      queryKey: ['contacts', 'detail', ana.id],
      queryFn: () => ({ contact: ana, etag: '"6"' }),
    });
    await openActions(user);
    await user.click(await screen.findByRole('menuitem', { name: 'Archive' }));
    expect(await screen.findByText(/Someone changed this record after you loaded it/)).toBeInTheDocument();
    expect(state.calls).toEqual(['archive "6"']);
    expect(screen.getByRole('cell', { name: 'Ana Silva' })).toBeInTheDocument();
  });

  it('offers no changes on an archived customer', async () => {
    serveContacts();
    renderWithProviders(<CustomerContacts customerId={customerId} readOnly />);
    expect(await screen.findByRole('cell', { name: 'Ana Silva' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Actions for Ana Silva' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add contact' })).not.toBeInTheDocument();
  });
});
