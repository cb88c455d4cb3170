import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { CustomField } from '@/api/types';
import { problem } from '@/testing/data';
import { renderWithProviders } from '@/testing/render';
import { API, server } from '@/testing/server';
import { CustomFieldsList } from './custom-fields-list';

const definition = (overrides: Partial<CustomField>): CustomField => ({
  id: '0190a000-0000-7000-8000-0000000000c1',
  entity: 'customers',
  key: 'sector',
  label: 'Sector',
  description: null,
  type: 'choice',
  options: ['technology', 'retail'],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...overrides,
});

const problemJson = (status: number, title: string, extra: Record<string, unknown> = {}) =>
  HttpResponse.json(problem(status, title, extra), { status, headers: { 'Content-Type': 'application/problem+json' } });

/** Definitions per entity; records creates, updates (with If-Match) and deletes. */
function serveFields() {
  const state = {
    fields: [definition({})],
    creates: [] as Record<string, unknown>[],
    puts: [] as { ifMatch: string | null; body: Record<string, unknown> }[],
    deletes: [] as { id: string; ifMatch: string | null }[],
  };
  server.use(
    http.get(`${API}/custom-fields`, ({ request }) => {
      const entity = new URL(request.url).searchParams.get('entity');
      return HttpResponse.json({ items: state.fields.filter((f) => f.entity === entity), nextCursor: null });
    }),
    http.get(`${API}/custom-fields/:id`, ({ params }) => {
      const field = state.fields.find((f) => f.id === params.id);
      return field ? HttpResponse.json(field, { headers: { ETag: '"5"' } }) : problemJson(404, 'Not found');
    }),
    http.post(`${API}/custom-fields`, async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      state.creates.push(body);
      if (body.key === 'Bad key')
        return problemJson(400, 'One or more validation errors occurred.', {
          errors: { Key: ['Start with a lower-case letter.'] },
        });
      const created = definition({ ...(body as Partial<CustomField>), id: '0190a000-0000-7000-8000-0000000000c9' });
      state.fields = [...state.fields, created];
      return HttpResponse.json(created, { status: 201 });
    }),
    http.put(`${API}/custom-fields/:id`, async ({ request, params }) => {
      const body = (await request.json()) as Record<string, unknown>;
      state.puts.push({ ifMatch: request.headers.get('If-Match'), body });
      const options = body.options as string[];
      if (!options.includes('retail'))
        return problemJson(409, 'Option in use', { detail: '“retail” is still used by 3 customers.' });
      state.fields = state.fields.map((f) => (f.id === params.id ? { ...f, ...(body as Partial<CustomField>) } : f));
      return HttpResponse.json(state.fields.find((f) => f.id === params.id), { headers: { ETag: '"6"' } });
    }),
    http.delete(`${API}/custom-fields/:id`, ({ request, params }) => {
      state.deletes.push({ id: String(params.id), ifMatch: request.headers.get('If-Match') });
      state.fields = state.fields.filter((f) => f.id !== params.id);
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return state;
}

async function choose(user: ReturnType<typeof renderWithProviders>['user'], input: HTMLElement, option: string) {
  await user.click(input);
  await user.click(await screen.findByRole('option', { name: option }));
}

describe('CustomFieldsList', () => {
  it('lists the fields of each record type', async () => {
    const state = serveFields();
    state.fields.push(definition({ id: '0190a000-0000-7000-8000-0000000000c2', entity: 'contacts', key: 'birthday', label: 'Birthday', type: 'date', options: [] }));
    const { user } = renderWithProviders(<CustomFieldsList />);
    const table = await screen.findByRole('table', { name: 'Customers' });
    expect(within(table).getByRole('cell', { name: 'Sector' })).toBeInTheDocument();
    expect(within(table).getByText('technology')).toBeInTheDocument();
    expect(within(table).getByRole('cell', { name: 'Choice' })).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Contacts' }));
    const contacts = await screen.findByRole('table', { name: 'Contacts' });
    expect(within(contacts).getByRole('cell', { name: 'Birthday' })).toBeInTheDocument();
    expect(within(contacts).getByRole('cell', { name: 'Date' })).toBeInTheDocument();
  });

  it('creates a choice field with its options, and puts a 400 on the key', async () => {
    const state = serveFields();
    const { user } = renderWithProviders(<CustomFieldsList />);
    await screen.findByRole('table', { name: 'Customers' });
    await user.click(screen.getByRole('button', { name: 'Add field' }));
    const form = await screen.findByRole('form', { name: 'Add field' });

    await user.type(within(form).getByRole('textbox', { name: /Label/ }), 'Company size');
    const key = within(form).getByRole('textbox', { name: /Key/ });
    await user.type(key, 'Bad key');
    await choose(user, within(form).getByRole('textbox', { name: /Type/ }), 'Multiple choice');
    const draft = within(form).getByRole('textbox', { name: 'New option' });
    await user.type(draft, 'small{Enter}');
    await user.type(draft, 'large');
    await user.click(within(form).getByRole('button', { name: 'Add option' }));
    expect(within(form).getByRole('textbox', { name: 'Option 2' })).toHaveValue('large');

    // The client checks the key's shape first.
    await user.click(within(form).getByRole('button', { name: 'Add field' }));
    expect(await within(form).findByText(/Start with a lower-case letter, then use only/)).toBeInTheDocument();
    expect(state.creates).toHaveLength(0);

    // A key the client accepts but the API refuses: its message lands on the key.
    await user.clear(key);
    await user.type(key, 'size');
    server.use(
      http.post(`${API}/custom-fields`, async ({ request }) => {
        state.creates.push((await request.json()) as Record<string, unknown>);
        if (state.creates.length === 1)
          return problemJson(400, 'One or more validation errors occurred.', { errors: { Key: ['The key “size” is reserved.'] } });
        const created = definition({ id: '0190a000-0000-7000-8000-0000000000c9', key: 'companySize', label: 'Company size', type: 'multiChoice', options: ['small', 'large'] });
        state.fields = [...state.fields, created];
        return HttpResponse.json(created, { status: 201 });
      }),
    );
    await user.click(within(form).getByRole('button', { name: 'Add field' }));
    expect(await within(form).findByText('The key “size” is reserved.')).toBeInTheDocument();
    expect(key).toHaveAttribute('aria-invalid', 'true');
    expect(state.creates[0]).toEqual({
      entity: 'customers',
      key: 'size',
      label: 'Company size',
      description: null,
      type: 'multiChoice',
      options: ['small', 'large'],
    });

    await user.clear(key);
    await user.type(key, 'companySize');
    await user.click(within(form).getByRole('button', { name: 'Add field' }));
    expect(await screen.findByText('Company size was added.')).toBeInTheDocument();
    expect(state.creates[1]).toMatchObject({ key: 'companySize' });
    expect(await screen.findByRole('cell', { name: 'Company size' })).toBeInTheDocument();
  });

  it('saves the option still typed in the new option’s box, not added, with the others', async () => {
    const state = serveFields();
    const { user } = renderWithProviders(<CustomFieldsList />);
    await screen.findByRole('table', { name: 'Customers' });
    await user.click(screen.getByRole('button', { name: 'Add field' }));
    const form = await screen.findByRole('form', { name: 'Add field' });
    await user.type(within(form).getByRole('textbox', { name: /Label/ }), 'Wielkość firmy');
    await user.type(within(form).getByRole('textbox', { name: /Key/ }), 'companySize');
    await choose(user, within(form).getByRole('textbox', { name: /Type/ }), 'Choice');
    const draft = within(form).getByRole('textbox', { name: 'New option' });
    await user.type(draft, 'Mała{Enter}');
    // Typed, then straight to the form's button, as one does with the last one.
    await user.type(draft, ' Średnia ');
    await user.click(within(form).getByRole('button', { name: 'Add field' }));

    await waitFor(() => expect(state.creates).toHaveLength(1));
    expect(state.creates[0]).toMatchObject({ type: 'choice', options: ['Mała', 'Średnia'] });
  });

  it('takes a typed option as the one a choice field needs', async () => {
    const state = serveFields();
    const { user } = renderWithProviders(<CustomFieldsList />);
    await screen.findByRole('table', { name: 'Customers' });
    await user.click(screen.getByRole('button', { name: 'Add field' }));
    const form = await screen.findByRole('form', { name: 'Add field' });
    await user.type(within(form).getByRole('textbox', { name: /Label/ }), 'Region');
    await user.type(within(form).getByRole('textbox', { name: /Key/ }), 'region');
    await choose(user, within(form).getByRole('textbox', { name: /Type/ }), 'Choice');
    await user.type(within(form).getByRole('textbox', { name: 'New option' }), 'Μακεδονία');
    await user.click(within(form).getByRole('button', { name: 'Add field' }));

    await waitFor(() => expect(state.creates).toHaveLength(1));
    expect(state.creates[0]).toMatchObject({ options: ['Μακεδονία'] });
  });

  it('edits with If-Match and shows the server’s message when a removed option is in use', async () => {
    const state = serveFields();
    const { user } = renderWithProviders(<CustomFieldsList />);
    await user.click(await screen.findByRole('button', { name: 'Edit Sector' }));
    const form = await screen.findByRole('form', { name: 'Edit field' });
    expect(within(form).queryByRole('textbox', { name: /Key/ })).not.toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Remove option retail' }));
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    expect(await within(form).findByRole('alert')).toHaveTextContent('“retail” is still used by 3 customers.');
    expect(state.puts[0]).toEqual({ ifMatch: '"5"', body: { label: 'Sector', description: null, options: ['technology'] } });

    await user.clear(within(form).getByRole('textbox', { name: /Label/ }));
    await user.type(within(form).getByRole('textbox', { name: /Label/ }), 'Industry');
    await user.type(within(form).getByRole('textbox', { name: 'New option' }), 'retail{Enter}');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Industry was saved.')).toBeInTheDocument();
    expect(state.puts[1].body).toEqual({ label: 'Industry', description: null, options: ['technology', 'retail'] });
  });

  it('deletes after a confirmation that says the values go too', async () => {
    const state = serveFields();
    const { user } = renderWithProviders(<CustomFieldsList />);
    await user.click(await screen.findByRole('button', { name: 'Delete Sector' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this field?' });
    expect(dialog).toHaveTextContent('its value removed from every record');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Sector was deleted.')).toBeInTheDocument();
    expect(state.deletes).toEqual([{ id: definition({}).id, ifMatch: '"5"' }]);
    await waitFor(() => expect(screen.queryByRole('table', { name: 'Customers' })).not.toBeInTheDocument());
    expect(screen.getByText('No custom fields here yet.')).toBeInTheDocument();
  });
});
