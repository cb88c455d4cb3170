import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { ApiToken } from '@/api/types';
import { adminMe, problem } from '@/testing/data';
import { renderWithProviders } from '@/testing/render';
import { API, server } from '@/testing/server';
import { ApiTokensList } from './api-tokens-list';

const SECRET = 'crm_pat_Xk3fQ9vL2mN8pR4sT6uW1yZ3aB5cD7eF';

const token = (overrides: Partial<ApiToken>): ApiToken => ({
  id: '0190a000-0000-7000-8000-0000000000f1',
  name: 'ERP nightly sync',
  prefix: 'crm_pat_Ab12',
  scopes: ['customers:read'],
  ownerId: adminMe.id!,
  expiresAt: '2099-01-01T00:00:00Z',
  lastUsedAt: null,
  revokedAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  ...overrides,
});

const problemJson = (status: number, title: string, extra: Record<string, unknown> = {}) =>
  HttpResponse.json(problem(status, title, extra), { status, headers: { 'Content-Type': 'application/problem+json' } });

/** An API with one token that records creates and revokes. */
function serveTokens() {
  const state = {
    tokens: [token({})],
    creates: [] as { body: Record<string, unknown>; idempotencyKey: string | null }[],
    revoked: [] as string[],
  };
  server.use(
    http.get(`${API}/api-tokens`, () => HttpResponse.json({ items: state.tokens, nextCursor: null })),
    http.post(`${API}/api-tokens`, async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      state.creates.push({ body, idempotencyKey: request.headers.get('Idempotency-Key') });
      const created = token({
        id: `0190a000-0000-7000-8000-${String(state.creates.length).padStart(12, '0')}`,
        name: String(body.name),
        prefix: SECRET.slice(0, 12),
        scopes: body.scopes as string[],
        expiresAt: (body.expiresAt as string | null) ?? null,
      });
      state.tokens = [...state.tokens, created];
      return HttpResponse.json({ token: created, secret: SECRET }, { status: 201 });
    }),
    http.delete(`${API}/api-tokens/:id`, ({ params }) => {
      state.revoked.push(String(params.id));
      state.tokens = state.tokens.map((t) => (t.id === params.id ? { ...t, revokedAt: '2026-03-01T10:00:00Z' } : t));
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return state;
}

async function openCreateForm() {
  const view = renderWithProviders(<ApiTokensList />);
  await screen.findByRole('cell', { name: 'ERP nightly sync' });
  await view.user.click(screen.getByRole('button', { name: 'Create token' }));
  const form = await screen.findByRole('form', { name: 'Create token' });
  return { ...view, form };
}

describe('ApiTokensList', () => {
  it('lists tokens with prefix, scopes, expiry, last use and state', async () => {
    const state = serveTokens();
    state.tokens = [
      token({ lastUsedAt: '2026-02-01T09:30:00Z' }),
      token({ id: '0190a000-0000-7000-8000-0000000000f3', name: 'Old script', revokedAt: '2026-02-02T00:00:00Z', expiresAt: null }),
    ];
    renderWithProviders(<ApiTokensList />);
    const table = await screen.findByRole('table', { name: 'API tokens' });
    const rows = within(table).getAllByRole('row');
    expect(within(rows[1]).getByText('crm_pat_Ab12…')).toBeInTheDocument();
    expect(within(rows[1]).getByText('customers:read')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Active')).toBeInTheDocument();
    expect(within(rows[1]).getByRole('button', { name: 'Revoke ERP nightly sync' })).toBeInTheDocument();
    expect(within(rows[2]).getByText('Revoked')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Never')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Not used yet')).toBeInTheDocument();
    expect(within(rows[2]).queryByRole('button', { name: /Revoke/ })).not.toBeInTheDocument();
  });

  it('creates a token and shows its secret once, with a copy button', async () => {
    const state = serveTokens();
    const { user, form } = await openCreateForm();
    await user.type(within(form).getByRole('textbox', { name: /Name/ }), 'Partner feed');
    const customers = within(form).getByRole('group', { name: 'Customers' });
    await user.click(within(customers).getByRole('checkbox', { name: 'Read' }));
    await user.click(within(customers).getByRole('checkbox', { name: 'Write' }));
    await user.click(within(within(form).getByRole('group', { name: 'Webhooks' })).getByRole('checkbox', { name: 'Manage' }));
    await user.click(within(form).getByRole('radio', { name: '30 days' }));
    const before = Date.now();
    await user.click(within(form).getByRole('button', { name: 'Create token' }));

    const dialog = await screen.findByRole('dialog', { name: 'Your new API token' });
    expect(within(dialog).getByTestId('token-secret')).toHaveTextContent(SECRET);
    expect(within(dialog).getByText(/only time the token is shown/)).toBeInTheDocument();

    expect(state.creates).toHaveLength(1);
    const { body, idempotencyKey } = state.creates[0];
    expect(idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(body).toMatchObject({ name: 'Partner feed', scopes: ['customers:read', 'customers:write', 'webhooks:manage'] });
    const days = (new Date(String(body.expiresAt)).getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);

    await user.click(within(dialog).getByRole('button', { name: 'Copy token' }));
    expect(await within(dialog).findByRole('button', { name: 'Copied' })).toBeInTheDocument();
    await expect(navigator.clipboard.readText()).resolves.toBe(SECRET);

    await user.click(within(dialog).getByRole('button', { name: 'I have stored it' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // Gone for good: the list shows only the prefix of the new token.
    expect(await screen.findByRole('cell', { name: 'Partner feed' })).toBeInTheDocument();
    expect(screen.queryByText(SECRET)).not.toBeInTheDocument();
  });

  it('sends no expiry for "No expiry" and the end of the chosen day for a date', async () => {
    const state = serveTokens();
    const { user, form } = await openCreateForm();
    await user.type(within(form).getByRole('textbox', { name: /Name/ }), 'Forever');
    await user.click(within(within(form).getByRole('group', { name: 'Reports' })).getByRole('checkbox', { name: 'Read' }));
    await user.click(within(form).getByRole('radio', { name: 'No expiry' }));
    await user.click(within(form).getByRole('button', { name: 'Create token' }));
    await screen.findByRole('dialog', { name: 'Your new API token' });
    expect(state.creates[0].body).toEqual({ name: 'Forever', scopes: ['reports:read'], expiresAt: null });
    await user.click(screen.getByRole('button', { name: 'I have stored it' }));

    await user.click(screen.getByRole('button', { name: 'Create token' }));
    const next = await screen.findByRole('form', { name: 'Create token' });
    await user.type(within(next).getByRole('textbox', { name: /Name/ }), 'Until new year');
    await user.click(within(within(next).getByRole('group', { name: 'Deals' })).getByRole('checkbox', { name: 'Write' }));
    await user.click(within(next).getByRole('radio', { name: 'Pick a date' }));
    fireEvent.change(within(next).getByLabelText(/Expiry date/), { target: { value: '2099-12-31' } });
    await user.click(within(next).getByRole('button', { name: 'Create token' }));
    await screen.findByRole('dialog', { name: 'Your new API token' });
    expect(state.creates[1].body).toEqual({
      name: 'Until new year',
      scopes: ['deals:write'],
      expiresAt: new Date('2099-12-31T23:59:59').toISOString(),
    });
  });

  it('checks the form before sending it', async () => {
    const state = serveTokens();
    const { user, form } = await openCreateForm();
    await user.click(within(form).getByRole('radio', { name: 'Pick a date' }));
    await user.click(within(form).getByRole('button', { name: 'Create token' }));
    expect(await within(form).findByText('This field is required.')).toBeInTheDocument();
    expect(within(form).getByText('Choose at least one scope.')).toBeInTheDocument();
    expect(within(form).getByText('Choose a date in the future.')).toBeInTheDocument();
    expect(state.creates).toHaveLength(0);
  });

  it('takes the focus to the scopes when none is chosen, and says why on their group', async () => {
    const state = serveTokens();
    const { user, form } = await openCreateForm();
    await user.type(within(form).getByRole('textbox', { name: /Name/ }), 'ERP nightly sync');
    await user.click(within(form).getByRole('button', { name: 'Create token' }));
    const scopes = await within(form).findByRole('group', { name: 'Scopes', description: 'Choose at least one scope.' });
    expect(within(within(scopes).getByRole('group', { name: 'Customers' })).getByRole('checkbox', { name: 'Read' })).toHaveFocus();
    expect(state.creates).toHaveLength(0);
  });

  it('puts the API’s field errors on the fields, and retries with a new idempotency key', async () => {
    const state = serveTokens();
    let calls = 0;
    server.use(
      http.post(`${API}/api-tokens`, async ({ request }) => {
        calls += 1;
        state.creates.push({ body: (await request.json()) as Record<string, unknown>, idempotencyKey: request.headers.get('Idempotency-Key') });
        if (calls > 1) return HttpResponse.json({ token: token({ name: 'ERP 2' }), secret: SECRET }, { status: 201 });
        return problemJson(400, 'One or more validation errors occurred.', {
          errors: { Name: ['You already have a token with this name.'], ExpiresAt: ['At most two years ahead.'] },
        });
      }),
    );
    const { user, form } = await openCreateForm();
    const name = within(form).getByRole('textbox', { name: /Name/ });
    await user.type(name, 'ERP nightly sync');
    await user.click(within(within(form).getByRole('group', { name: 'Customers' })).getByRole('checkbox', { name: 'Read' }));
    await user.click(within(form).getByRole('button', { name: 'Create token' }));

    expect(await within(form).findByText('You already have a token with this name.')).toBeInTheDocument();
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByText('At most two years ahead.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog', { name: 'Your new API token' })).not.toBeInTheDocument();

    await user.clear(name);
    await user.type(name, 'ERP 2');
    await user.click(within(form).getByRole('button', { name: 'Create token' }));
    expect(await screen.findByRole('dialog', { name: 'Your new API token' })).toBeInTheDocument();
    expect(state.creates[1].idempotencyKey).not.toBe(state.creates[0].idempotencyKey);
  });

  it('explains a 403 in words', async () => {
    serveTokens();
    server.use(http.post(`${API}/api-tokens`, () => problemJson(403, 'Forbidden')));
    const { user, form } = await openCreateForm();
    await user.type(within(form).getByRole('textbox', { name: /Name/ }), 'Too much');
    await user.click(within(within(form).getByRole('group', { name: 'Imports' })).getByRole('checkbox', { name: 'Write' }));
    await user.click(within(form).getByRole('button', { name: 'Create token' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('You do not have permission to do this.');
  });

  it('shows a friendly message when the list is forbidden', async () => {
    server.use(http.get(`${API}/api-tokens`, () => problemJson(403, 'Forbidden')));
    renderWithProviders(<ApiTokensList />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Not allowed');
  });

  it('revokes a token after confirmation', async () => {
    const state = serveTokens();
    const { user } = renderWithProviders(<ApiTokensList />);
    await user.click(await screen.findByRole('button', { name: 'Revoke ERP nightly sync' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke this token?' });
    expect(dialog).toHaveTextContent('“ERP nightly sync” stops working at once');

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(state.revoked).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Revoke ERP nightly sync' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Revoke this token?' })).getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText('ERP nightly sync was revoked.')).toBeInTheDocument();
    expect(state.revoked).toEqual([state.tokens[0].id]);
    expect(await screen.findByText('Revoked')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Revoke ERP nightly sync' })).not.toBeInTheDocument();
  });
});
