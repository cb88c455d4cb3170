import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@/api/types';
import { Component as AuditPage } from './audit';
import { adminMe } from '@/testing/data';
import { renderWithProviders } from '@/testing/render';
import { API, server } from '@/testing/server';

let seq = 0;
const entry = (entityType: string, action: string, changes: Record<string, unknown>, actorName: string | null = 'Ada Admin'): AuditEntry => ({
  id: `0190a000-0000-7000-8000-0000000002${String(++seq).padStart(2, '0')}`,
  occurredAt: '2026-03-10T09:30:00Z',
  actorId: actorName ? adminMe.id : null,
  actorName,
  action,
  entityType,
  entityId: `0190a000-0000-7000-8000-0000000003${String(seq).padStart(2, '0')}`,
  changes,
  traceId: null,
});

const renamed = entry('customer', 'updated', {
  name: { before: 'Cellers Pujol', after: 'Cel·lers Pujol' },
  lifecycleStage: { before: null, after: 'customer' },
  customFields: { before: '{}', after: '{"sector":"retail"}' },
});
const contact = entry('contact', 'created', { firstName: { before: null, after: 'Ana' }, lastName: { before: null, after: 'Sousa' } }, null);
const token = entry('apiToken', 'deleted', {});
// An archive carries no name: the record is named from its rename further down the page.
const archived = { ...entry('customer', 'archived', { archivedAt: { before: null, after: '2026-03-11T09:30:00Z' } }), entityId: renamed.entityId };

function serve(pages: Record<string, AuditEntry[][]>) {
  const asked: URLSearchParams[] = [];
  server.use(
    http.get(`${API}/audit`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      asked.push(query);
      const list = pages[query.get('entityType') ?? 'all'] ?? [[]];
      const page = Number(query.get('cursor') ?? 0);
      return HttpResponse.json({ items: list[page], nextCursor: page + 1 < list.length ? String(page + 1) : null });
    }),
  );
  return asked;
}

describe('Audit log page', () => {
  it('lists who changed which record, links customers, filters by record type and pages on', async () => {
    const asked = serve({ all: [[archived, renamed, contact], [token]], customer: [[renamed]] });
    // A changed custom field is listed by its label.
    server.use(
      http.get(`${API}/custom-fields`, () =>
        HttpResponse.json({
          items: [
            {
              id: 'f1',
              entity: 'customers',
              key: 'sector',
              label: 'Sector',
              type: 'text',
              description: null,
              options: null,
              createdAt: '2026-01-01T00:00:00Z',
              updatedAt: '2026-01-01T00:00:00Z',
            },
          ],
          nextCursor: null,
        }),
      ),
    );
    const { user } = renderWithProviders(<AuditPage />);
    const table = await screen.findByRole('table', { name: 'Audit log' });
    await within(table).findAllByText('Cel·lers Pujol');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4); // the header and three entries
    expect(within(rows[1]).getByRole('link', { name: 'Cel·lers Pujol' })).toHaveAttribute('href', `/customers/${renamed.entityId}`);
    expect(within(rows[1]).getByText('Archived')).toBeInTheDocument();
    const first = within(rows[2]);
    expect(first.getByText('Ada Admin')).toBeInTheDocument();
    expect(first.getByText('Updated')).toBeInTheDocument();
    expect(first.getByRole('link', { name: 'Cel·lers Pujol' })).toHaveAttribute('href', `/customers/${renamed.entityId}`);
    expect(await first.findByText('Name, Lifecycle stage, Sector')).toBeInTheDocument();
    const second = within(rows[3]);
    expect(second.getByText('System')).toBeInTheDocument(); // no actor: an import or the seed
    expect(second.getByText('Contact')).toBeInTheDocument();
    expect(second.getByText('Ana Sousa')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Show more' }));
    expect(await within(table).findByText('API token')).toBeInTheDocument();
    expect(within(table).getByText('Deleted')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('textbox', { name: 'Record type' }));
    await user.click(await screen.findByRole('option', { name: 'Customer' }));
    await within(table).findAllByText('Cel·lers Pujol');
    expect(asked.at(-1)?.get('entityType')).toBe('customer');
    expect(within(table).queryByText('Ana Sousa')).not.toBeInTheDocument();
  });

  it('shows an export: what was exported, in which format, how, and its filters one a line', async () => {
    const direct = entry('export', 'exported', {
      entity: { after: 'customers' },
      format: { after: 'csv' },
      channel: { after: 'direct' },
      q: { after: 'lodz' },
      type: { after: 'lead' },
      archived: { after: true },
    });
    const link = entry('export', 'exported', { entity: { after: 'contacts' }, format: { after: 'json' }, channel: { after: 'link' } }, 'Sam Sales');
    const asked = serve({ all: [[link, direct]], export: [[direct]] });
    const { user } = renderWithProviders(<AuditPage />);
    const table = await screen.findByRole('table', { name: 'Audit log' });
    await within(table).findByText('Contacts as JSON');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const byLink = within(rows[1]);
    expect(byLink.getByText('Sam Sales')).toBeInTheDocument();
    expect(byLink.getByText('Exported')).toBeInTheDocument();
    expect(byLink.getByText('Export')).toBeInTheDocument();
    expect(byLink.getByText('Contacts as JSON')).toBeInTheDocument();
    expect(byLink.getByText('Download link')).toBeInTheDocument();
    expect(byLink.getByText('No filters')).toBeInTheDocument();
    const byHand = within(rows[2]);
    expect(byHand.getByText('Customers as CSV')).toBeInTheDocument();
    expect(byHand.getByText('Direct download')).toBeInTheDocument();
    const filters = byHand.getAllByRole('listitem').map((item) => item.textContent);
    expect(filters).toEqual(['Search: lodz', 'Relationship: Lead', 'Archived: Yes']);

    await user.click(screen.getByRole('textbox', { name: 'Record type' }));
    await user.click(await screen.findByRole('option', { name: 'Export' }));
    await within(table).findByText('Customers as CSV');
    expect(asked.at(-1)?.get('entityType')).toBe('export');
    expect(within(table).queryByText('Contacts as JSON')).not.toBeInTheDocument();
  });

  it("shows a download of an import's rejected rows as an export, naming the import and its records", async () => {
    const download = entry('export', 'exported', {
      entity: { after: 'importRejectedRows' },
      format: { after: 'csv' },
      channel: { after: 'direct' },
      importId: { after: '0190aaaa-0000-7000-8000-000000000001' },
      of: { after: 'contacts' },
    });
    serve({ all: [[download]] });
    renderWithProviders(<AuditPage />);
    const table = await screen.findByRole('table', { name: 'Audit log' });
    await within(table).findByText('Rejected rows of an import as CSV');
    const row = within(table).getAllByRole('row')[1];
    const filters = within(row).getAllByRole('listitem').map((item) => item.textContent);
    expect(filters).toEqual(['Import: 0190aaaa-0000-7000-8000-000000000001', 'Records: Contacts']);
  });

  it("names an export's owner and customer filters, links the customer, and keeps the id of one that is gone", async () => {
    const customerId = '0190bbbb-0000-7000-8000-000000000001';
    const erasedId = '0190bbbb-0000-7000-8000-000000000002';
    const inactiveId = '0190cccc-0000-7000-8000-000000000001';
    const byOwner = entry('export', 'exported', {
      entity: { after: 'customers' },
      format: { after: 'csv' },
      channel: { after: 'direct' },
      ownerId: { after: inactiveId },
    });
    const ofCustomer = entry('export', 'exported', {
      entity: { after: 'contacts' },
      format: { after: 'csv' },
      channel: { after: 'direct' },
      customerId: { after: customerId },
    });
    const ofErased = entry('export', 'exported', {
      entity: { after: 'contacts' },
      format: { after: 'json' },
      channel: { after: 'direct' },
      customerId: { after: erasedId },
    });
    serve({ all: [[byOwner, ofCustomer, ofErased]] });
    server.use(
      http.get(`${API}/users/directory`, () =>
        HttpResponse.json({
          items: [
            { id: adminMe.id, name: adminMe.name, active: true },
            { id: inactiveId, name: 'Zofia Łukasiewicz', active: false },
          ],
          nextCursor: null,
        }),
      ),
      http.get(`${API}/customers/:id`, ({ params }) =>
        params.id === customerId
          ? HttpResponse.json({ id: customerId, name: 'Cel·lers Pujol' })
          : HttpResponse.json(
              { type: 'about:blank', title: 'Not found', status: 404 },
              { status: 404, headers: { 'Content-Type': 'application/problem+json' } },
            ),
      ),
    );
    renderWithProviders(<AuditPage />);
    const table = await screen.findByRole('table', { name: 'Audit log' });
    await within(table).findByText('Customers as CSV');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    await waitFor(() => expect(within(rows[1]).getByRole('listitem').textContent).toBe('Owner: Zofia Łukasiewicz (inactive)'));
    const link = await within(rows[2]).findByRole('link', { name: 'Cel·lers Pujol' });
    expect(link).toHaveAttribute('href', `/customers/${customerId}`);
    expect(within(rows[2]).getByRole('listitem').textContent).toBe('Customer: Cel·lers Pujol');
    await waitFor(() => expect(within(rows[3]).getByRole('listitem').textContent).toBe(`Customer: ${erasedId}`));
    expect(within(rows[3]).queryByRole('link')).not.toBeInTheDocument();
  });

  it("names a customer whose entries on the page carry no name by reading it, and says Open when it is gone", async () => {
    const phone = entry('customer', 'updated', { phone: { before: null, after: '+302101234567' } });
    const erased = entry('customer', 'archived', { archivedAt: { before: null, after: '2026-03-11T09:30:00Z' } });
    serve({ all: [[phone, erased]] });
    const asked: string[] = [];
    server.use(
      http.get(`${API}/customers/:id`, ({ params }) => {
        asked.push(String(params.id));
        return params.id === phone.entityId
          ? HttpResponse.json({ id: phone.entityId, name: 'Αθηναϊκή Εμπορική' })
          : HttpResponse.json(
              { type: 'about:blank', title: 'Not found', status: 404 },
              { status: 404, headers: { 'Content-Type': 'application/problem+json' } },
            );
      }),
    );
    renderWithProviders(<AuditPage />);
    const table = await screen.findByRole('table', { name: 'Audit log' });
    const link = await within(table).findByRole('link', { name: 'Αθηναϊκή Εμπορική' });
    expect(link).toHaveAttribute('href', `/customers/${phone.entityId}`);
    await waitFor(() => expect(asked).toContain(erased.entityId));
    expect(within(within(table).getAllByRole('row')[2]).getByRole('link', { name: 'Open' })).toHaveAttribute('href', `/customers/${erased.entityId}`);
  });

  it('does not exist for roles that may not read the audit log', async () => {
    const asked = serve({ all: [[renamed]] });
    server.use(http.get(`${API}/me`, () => HttpResponse.json({ ...adminMe, name: 'Sam Sales', roles: ['Sales'] })));
    renderWithProviders(<AuditPage />);
    expect(await screen.findByRole('heading', { name: /not found/i })).toBeInTheDocument();
    expect(asked).toHaveLength(0);
  });
});
