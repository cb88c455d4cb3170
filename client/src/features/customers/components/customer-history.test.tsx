import { act, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@/api/types';
import { i18n } from '@/lib/i18n';
import { adminMe, makeCustomer } from '@/testing/data';
import { renderWithProviders } from '@/testing/render';
import { API, server } from '@/testing/server';
import { CustomerDetails } from './customer-details';

const customer = makeCustomer({ name: 'Cel·lers Pujol' });
const id = customer.id!;

const field = { entity: 'customers', description: null, options: null, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };

type Changes = Record<string, { before: unknown; after: unknown }>;

const entry = (n: number, action: string, changes: Changes, actorName: string | null = 'Ada Admin'): AuditEntry => ({
  id: `0190a000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`,
  occurredAt: `2026-03-${String(10 + n).padStart(2, '0')}T09:30:00Z`,
  actorId: actorName ? adminMe.id : null,
  actorName,
  action,
  entityType: 'customer',
  entityId: id,
  changes,
  traceId: null,
});

const updated = entry(3, 'updated', {
  name: { before: 'Cellers Pujol', after: 'Cel·lers Pujol' },
  type: { before: 'customer', after: 'partner' },
  ownerId: { before: null, after: adminMe.id },
  tags: { before: [], after: ['vip', 'wine'] },
  addressCity: { before: 'Girona', after: 'Figueres' },
  customFields: { before: '{"sector":"retail"}', after: '{"sector":"wholesale","vip":true}' },
  searchText: { before: 'x', after: 'y' },
});
const archived = entry(2, 'archived', { archivedAt: { before: null, after: '2026-03-12T09:30:00Z' } });
const created = entry(1, 'created', { name: { before: null, after: 'Cellers Pujol' } }, null);

function serve(pages: AuditEntry[][]) {
  const asked: URLSearchParams[] = [];
  server.use(
    http.get(`${API}/customers/${id}`, () => HttpResponse.json(customer, { headers: { ETag: '"1"' } })),
    http.get(`${API}/customers/${id}/contacts`, () => HttpResponse.json({ items: [], nextCursor: null })),
    http.get(`${API}/custom-fields`, () =>
      HttpResponse.json({
        items: [
          { ...field, id: 'f1', key: 'sector', label: 'Sector', type: 'choice', options: ['retail', 'wholesale'] },
          { ...field, id: 'f2', key: 'vip', label: 'VIP', type: 'boolean' },
        ],
        nextCursor: null,
      }),
    ),
    http.get(`${API}/audit`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      asked.push(query);
      const page = query.get('cursor') ? Number(query.get('cursor')) : 0;
      return HttpResponse.json({ items: pages[page], nextCursor: page + 1 < pages.length ? String(page + 1) : null });
    }),
  );
  return asked;
}

describe('CustomerHistory', () => {
  it('shows who changed what, field by field, in the page’s labels, and pages on', async () => {
    const asked = serve([[updated, archived], [created]]);
    const { user } = renderWithProviders(<CustomerDetails id={id} />);
    const history = await screen.findByRole('region', { name: 'History' });
    const entries = await within(history).findAllByTestId('history-entry');
    expect(entries).toHaveLength(2);
    expect(asked[0].get('entityType')).toBe('customer');
    expect(asked[0].get('entityId')).toBe(id);

    const first = within(entries[0]);
    expect(first.getByText('Updated by Ada Admin')).toBeInTheDocument();
    const lines = first.getAllByRole('listitem').map((li) => li.textContent);
    // In the page's order of fields, enum values and owners named, custom fields by their labels, last.
    expect(lines).toEqual([
      'Name: Cellers Pujol → Cel·lers Pujol',
      'Relationship: Customer → Partner',
      'Owner: — → Ada Admin',
      'Tags: — → vip, wine',
      'City: Girona → Figueres',
      'Sector: retail → wholesale',
      'VIP: — → Yes',
    ]);
    // An archive says who and when, with no field lines.
    expect(within(entries[1]).getByText('Archived by Ada Admin')).toBeInTheDocument();
    expect(within(entries[1]).queryAllByRole('listitem')).toHaveLength(0);

    await user.click(within(history).getByRole('button', { name: 'Show more' }));
    expect(await within(history).findByText('Created')).toBeInTheDocument(); // no actor: an import or the seed
    expect(within(history).getAllByTestId('history-entry')).toHaveLength(3);
    expect(within(history).queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();
  });

  it('is in the user’s language', async () => {
    serve([[updated]]);
    await act(() => i18n.changeLanguage('el'));
    try {
      renderWithProviders(<CustomerDetails id={id} />);
      const history = await screen.findByRole('region', { name: 'Ιστορικό' });
      expect(await within(history).findByText('Ενημερώθηκε από Ada Admin')).toBeInTheDocument();
    } finally {
      await act(() => i18n.changeLanguage('en'));
    }
  });

  it('is not shown, nor asked for, to roles that may not read the audit log', async () => {
    const asked = serve([[updated]]);
    server.use(http.get(`${API}/me`, () => HttpResponse.json({ ...adminMe, name: 'Sam Sales', roles: ['Sales'] })));
    renderWithProviders(<CustomerDetails id={id} />);
    expect(await screen.findByRole('heading', { name: /Cel·lers Pujol/ })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Timeline' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'History' })).not.toBeInTheDocument();
    expect(asked).toHaveLength(0);
  });

  it('says when nothing is recorded', async () => {
    serve([[]]);
    renderWithProviders(<CustomerDetails id={id} />);
    const history = await screen.findByRole('region', { name: 'History' });
    expect(await within(history).findByText('No changes recorded yet.')).toBeInTheDocument();
  });
});
