import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { CustomField, CustomerInput } from '@/api/types';
import { i18n } from '@/lib/i18n';
import { makeCustomer, problem } from '@/testing/data';
import { renderWithProviders } from '@/testing/render';
import { API, server } from '@/testing/server';
import { CustomerCreate } from './customer-create';
import { CustomerDetails } from './customer-details';
import { CustomerEdit } from './customer-edit';
import { CustomersList } from './customers-list';

let n = 0;
const field = (key: string, label: string, type: CustomField['type'], options: string[] = []): CustomField => ({
  id: `0190a000-0000-7000-8000-0000000cf${String((n += 1)).padStart(3, '0')}`,
  entity: 'customers',
  key,
  label,
  description: null,
  type,
  options,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

const definitions = [
  field('sector', 'Sector', 'choice', ['technology', 'retail']),
  field('employees', 'Employees', 'number'),
  field('founded', 'Founded', 'date'),
  field('vip', 'VIP', 'boolean'),
  field('regions', 'Regions', 'multiChoice', ['north', 'south']),
  field('notes', 'Notes', 'text'),
];

const serveDefinitions = () =>
  server.use(
    http.get(`${API}/custom-fields`, ({ request }) =>
      HttpResponse.json({
        items: new URL(request.url).searchParams.get('entity') === 'customers' ? definitions : [],
        nextCursor: null,
      }),
    ),
  );

async function choose(user: ReturnType<typeof renderWithProviders>['user'], input: HTMLElement, option: string) {
  await user.click(input);
  await user.click(await screen.findByRole('option', { name: option }));
}

describe('Customer custom fields', () => {
  it('renders an input per field by type and sends the values by key', async () => {
    serveDefinitions();
    const sent: CustomerInput[] = [];
    server.use(
      http.post(`${API}/customers`, async ({ request }) => {
        sent.push((await request.json()) as CustomerInput);
        return HttpResponse.json(makeCustomer({ name: 'Acme' }), { status: 201, headers: { ETag: '"1"' } });
      }),
    );
    const { user } = renderWithProviders(<CustomerCreate />, { extraRoutes: [{ path: '/customers/:id', element: <p>page</p> }] });
    const group = await screen.findByRole('group', { name: 'More fields' });
    await user.type(screen.getByRole('textbox', { name: /Name/ }), 'Acme');
    await choose(user, within(group).getByRole('textbox', { name: 'Sector' }), 'retail');
    await user.type(within(group).getByRole('textbox', { name: 'Employees' }), '2822');
    fireEvent.change(within(group).getByLabelText('Founded'), { target: { value: '1999-04-01' } });
    await user.click(within(group).getByLabelText('VIP'));
    await choose(user, within(group).getByRole('textbox', { name: 'Regions' }), 'north');
    await choose(user, within(group).getByRole('textbox', { name: 'Regions' }), 'south');
    await user.click(screen.getByRole('button', { name: 'Create customer' }));

    expect(await screen.findByText('page')).toBeInTheDocument();
    // Empty fields are left out; the rest are typed.
    expect(sent[0].customFields).toEqual({
      sector: 'retail',
      employees: 2822,
      founded: '1999-04-01',
      vip: true,
      regions: ['north', 'south'],
    });
  });

  it('edits without wiping what the form does not show, and puts customFields errors on their input', async () => {
    serveDefinitions();
    const otherOwner = '0190a000-0000-7000-8000-00000000aaaa';
    const original = makeCustomer({
      name: 'Zakład Łódzki',
      externalId: 'ERP-000123',
      ownerId: otherOwner,
      lifecycleStage: 'opportunity',
      tags: ['vip', 'north'],
      address: { line1: 'ul. Piotrkowska 1', line2: null, city: 'Łódź', region: null, postalCode: '90-001', country: 'PL' },
      // "legacyCode" has no definition any more: the form cannot show it, and must send it back.
      customFields: { sector: 'technology', employees: 40, notes: 'Call after 5', legacyCode: 'Z-9' },
    });
    const puts: CustomerInput[] = [];
    server.use(
      http.get(`${API}/customers/${original.id}`, () => HttpResponse.json(original, { headers: { ETag: '"1"' } })),
      http.put(`${API}/customers/${original.id}`, async ({ request }) => {
        const body = (await request.json()) as CustomerInput;
        puts.push(body);
        if (puts.length === 1)
          return HttpResponse.json(
            problem(400, 'One or more validation errors occurred.', { errors: { 'customFields.employees': ['Must be a whole number.'] } }),
            { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
          );
        return HttpResponse.json({ ...original, ...body }, { headers: { ETag: '"2"' } });
      }),
    );
    const { user } = renderWithProviders(<CustomerEdit id={original.id} />, {
      extraRoutes: [{ path: '/customers/:id', element: <p>customer page</p> }],
    });
    const employees = await screen.findByRole('textbox', { name: 'Employees' });
    expect(employees).toHaveValue('40');
    await user.clear(employees);
    await user.type(employees, '41.5');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Must be a whole number.')).toBeInTheDocument();
    expect(employees).toHaveAttribute('aria-invalid', 'true');

    await user.clear(employees);
    await user.type(employees, '41');
    // Clearing a value the record had sends null.
    await user.clear(screen.getByRole('textbox', { name: 'Notes' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('customer page')).toBeInTheDocument();

    expect(puts[1]).toMatchObject({
      name: 'Zakład Łódzki',
      externalId: 'ERP-000123',
      ownerId: otherOwner,
      lifecycleStage: 'opportunity',
      tags: ['vip', 'north'],
      address: { line1: 'ul. Piotrkowska 1', city: 'Łódź', postalCode: '90-001', country: 'PL' },
    });
    expect(puts[1].customFields).toEqual({ sector: 'technology', employees: 41, notes: null, legacyCode: 'Z-9' });
  });

  it("reads and shows a number with the language's decimal separator, and names text that is no number", async () => {
    serveDefinitions();
    const original = makeCustomer({ name: 'Zakład', customFields: { employees: 40.5 } });
    const puts: CustomerInput[] = [];
    server.use(
      http.get(`${API}/customers/${original.id}`, () => HttpResponse.json(original, { headers: { ETag: '"1"' } })),
      http.put(`${API}/customers/${original.id}`, async ({ request }) => {
        const body = (await request.json()) as CustomerInput;
        puts.push(body);
        return HttpResponse.json({ ...original, ...body }, { headers: { ETag: '"2"' } });
      }),
    );
    await act(() => i18n.changeLanguage('pl'));
    try {
      const { user } = renderWithProviders(<CustomerEdit id={original.id} />, {
        extraRoutes: [{ path: '/customers/:id', element: <p>customer page</p> }],
      });
      const employees = await screen.findByRole('textbox', { name: 'Employees' });
      expect(employees).toHaveValue('40,5');
      expect(employees).toHaveAttribute('inputmode', 'decimal');

      // The English separator is refused, with a message in Polish, and nothing is sent.
      await user.clear(employees);
      await user.type(employees, '1.5');
      await user.click(screen.getByRole('button', { name: 'Zapisz' }));
      expect(await screen.findByText('Podaj liczbę, np. 1234,5.')).toBeInTheDocument();
      expect(employees).toHaveAttribute('aria-invalid', 'true');
      expect(puts).toHaveLength(0);

      // The comma (and a half-typed "1 234,") stays as typed; the API gets a JSON number.
      await user.clear(employees);
      await user.type(employees, '1 234,');
      expect(employees).toHaveValue('1 234,');
      await user.type(employees, '75');
      await waitFor(() => expect(screen.queryByText('Podaj liczbę, np. 1234,5.')).not.toBeInTheDocument());
      await user.click(screen.getByRole('button', { name: 'Zapisz' }));
      expect(await screen.findByText('customer page')).toBeInTheDocument();
      expect(puts[0].customFields).toEqual({ employees: 1234.75 });
    } finally {
      await act(() => i18n.changeLanguage('en'));
    }
  });

  it('shows the values on the detail page and as optional list columns', async () => {
    serveDefinitions();
    const customer = makeCustomer({
      name: 'Acme',
      customFields: { sector: 'retail', employees: 2822, founded: '1999-04-01', vip: true, regions: ['north', 'south'] },
    });
    server.use(
      http.get(`${API}/customers/${customer.id}`, () => HttpResponse.json(customer, { headers: { ETag: '"1"' } })),
      http.get(`${API}/customers/${customer.id}/contacts`, () => HttpResponse.json({ items: [], nextCursor: null })),
      http.get(`${API}/customers`, () => HttpResponse.json({ items: [customer], nextCursor: null, total: 1 })),
    );
    const details = renderWithProviders(<CustomerDetails id={customer.id} />);
    const card = (await screen.findByRole('heading', { name: 'More fields' })).closest('div')!;
    expect(within(card).getByText('2,822')).toBeInTheDocument();
    expect(within(card).getByText('Apr 1, 1999')).toBeInTheDocument();
    expect(within(card).getByText('Yes')).toBeInTheDocument();
    expect(within(card).getByText('north, south')).toBeInTheDocument();
    // An Admin's label as typed: CSS capitals keep Greek accents outside a Greek page.
    expect(within(card).getByText('Employees')).not.toHaveStyle({ textTransform: 'uppercase' });
    details.unmount();

    const { user } = renderWithProviders(<CustomersList />);
    const table = await screen.findByRole('table', { name: 'Customers' });
    await within(table).findByRole('link', { name: 'Acme' });
    expect(within(table).queryByRole('columnheader', { name: 'Employees' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Columns' }));
    await user.click(await screen.findByRole('menuitemcheckbox', { name: 'Employees' }));
    expect(await within(table).findByRole('columnheader', { name: 'Employees' })).toBeInTheDocument();
    expect(within(table).getByRole('cell', { name: '2,822' })).toBeInTheDocument();
    await waitFor(() => expect(JSON.parse(localStorage.getItem('crm.customers.columns') ?? '{}')).toMatchObject({ 'customFields.employees': true }));
  });
});
