import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Webhook, WebhookDelivery } from '@/api/types';
import { problem } from '@/testing/data';
import { renderWithProviders } from '@/testing/render';
import { API, server } from '@/testing/server';
import { WebhooksList } from './webhooks-list';

const SECRET = 'whsec_3q2n8Zb0Kd7Lm4Pq9Rs2Tu6Vw1Xy5Za';

const webhook = (overrides: Partial<Webhook>): Webhook => ({
  id: '0190a000-0000-7000-8000-0000000000a1',
  url: 'https://erp.example.com/crm/webhooks',
  events: ['customer.created', 'customer.updated'],
  description: 'ERP customer sync',
  active: true,
  createdAt: '2026-01-01T09:00:00Z',
  updatedAt: '2026-01-01T09:00:00Z',
  ...overrides,
});

const delivery = (overrides: Partial<WebhookDelivery>): WebhookDelivery => ({
  id: '0190a000-0000-7000-8000-0000000000d1',
  eventId: '0190a000-0000-7000-8000-0000000000e1',
  eventType: 'customer.created',
  subscriptionId: '0190a000-0000-7000-8000-0000000000a1',
  status: 'succeeded',
  attemptCount: 1,
  nextAttemptAt: null,
  completedAt: '2026-03-01T10:00:01Z',
  createdAt: '2026-03-01T10:00:00Z',
  attempts: [{ number: 1, attemptedAt: '2026-03-01T10:00:00Z', statusCode: 200, durationMs: 84, error: null, responseExcerpt: 'ok' }],
  ...overrides,
});

const problemJson = (status: number, title: string, extra: Record<string, unknown> = {}) =>
  HttpResponse.json(problem(status, title, extra), { status, headers: { 'Content-Type': 'application/problem+json' } });

/** An API with one subscription that records what the page asks of it. */
function serveWebhooks() {
  const state = {
    webhooks: [webhook({})],
    creates: [] as { body: Record<string, unknown>; idempotencyKey: string | null }[],
    patches: [] as { id: string; body: unknown; contentType: string | null }[],
    deleted: [] as string[],
    pings: [] as string[],
    replays: [] as string[],
    deliveryQueries: [] as URLSearchParams[],
    deliveries: [] as WebhookDelivery[][],
  };
  server.use(
    http.get(`${API}/webhooks`, () => HttpResponse.json({ items: state.webhooks, nextCursor: null })),
    http.post(`${API}/webhooks`, async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      state.creates.push({ body, idempotencyKey: request.headers.get('Idempotency-Key') });
      const created = webhook({
        id: '0190a000-0000-7000-8000-0000000000a2',
        url: String(body.url),
        events: body.events as string[],
        description: (body.description as string | null) ?? null,
      });
      state.webhooks = [...state.webhooks, created];
      return HttpResponse.json({ webhook: created, secret: SECRET }, { status: 201 });
    }),
    http.patch(`${API}/webhooks/:id`, async ({ request, params }) => {
      const body = (await request.json()) as { active: boolean };
      state.patches.push({ id: String(params.id), body, contentType: request.headers.get('Content-Type') });
      state.webhooks = state.webhooks.map((w) => (w.id === params.id ? { ...w, ...body } : w));
      return HttpResponse.json(state.webhooks.find((w) => w.id === params.id));
    }),
    http.delete(`${API}/webhooks/:id`, ({ params }) => {
      state.deleted.push(String(params.id));
      state.webhooks = state.webhooks.filter((w) => w.id !== params.id);
      return new HttpResponse(null, { status: 204 });
    }),
    http.post(`${API}/webhooks/:id/ping`, ({ params }) => {
      state.pings.push(String(params.id));
      return HttpResponse.json({ deliveryId: '0190a000-0000-7000-8000-0000000000d9', eventId: '0190a000-0000-7000-8000-0000000000e9' }, { status: 202 });
    }),
    http.get(`${API}/webhooks/:id/deliveries`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      state.deliveryQueries.push(query);
      const status = query.get('status');
      const pages = state.deliveries.map((page) => page.filter((d) => !status || d.status === status));
      const page = Number(query.get('cursor') ?? 0);
      return HttpResponse.json({ items: pages[page] ?? [], nextCursor: page + 1 < pages.length ? String(page + 1) : null });
    }),
    http.post(`${API}/webhooks/:id/deliveries/:deliveryId/replay`, ({ params }) => {
      state.replays.push(String(params.deliveryId));
      return HttpResponse.json({ deliveryId: '0190a000-0000-7000-8000-0000000000da', eventId: '0190a000-0000-7000-8000-0000000000e1' }, { status: 202 });
    }),
  );
  return state;
}

async function openCreateForm() {
  const view = renderWithProviders(<WebhooksList />);
  await screen.findByText('https://erp.example.com/crm/webhooks');
  await view.user.click(screen.getByRole('button', { name: 'Add webhook' }));
  const form = await screen.findByRole('form', { name: 'Add webhook' });
  return { ...view, form };
}

describe('WebhooksList', () => {
  it('lists subscriptions with their address, description, events and state', async () => {
    const state = serveWebhooks();
    state.webhooks = [webhook({}), webhook({ id: '0190a000-0000-7000-8000-0000000000a3', url: 'https://hooks.example.org/all', events: ['*'], description: null, active: false })];
    renderWithProviders(<WebhooksList />);
    const table = await screen.findByRole('table', { name: 'Webhooks' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]).getByText('ERP customer sync')).toBeInTheDocument();
    expect(within(rows[1]).getByText('customer.updated')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Active')).toBeInTheDocument();
    expect(within(rows[2]).getByText('All events')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Paused')).toBeInTheDocument();
  });

  it('says when there are none', async () => {
    serveWebhooks().webhooks = [];
    renderWithProviders(<WebhooksList />);
    expect(await screen.findByText('No webhooks yet.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('subscribes and shows the generated signing secret once', async () => {
    const state = serveWebhooks();
    const { user, form } = await openCreateForm();
    await user.type(within(form).getByRole('textbox', { name: /Address/ }), 'https://partner.example.com/in');
    await user.type(within(form).getByRole('textbox', { name: /Description/ }), 'Partner feed');
    const contacts = within(form).getByRole('group', { name: 'Contacts' });
    await user.click(within(contacts).getByRole('checkbox', { name: 'Created' }));
    await user.click(within(contacts).getByRole('checkbox', { name: 'Archived' }));
    await user.click(within(form).getByRole('button', { name: 'Add webhook' }));

    const dialog = await screen.findByRole('dialog', { name: "Your webhook's signing secret" });
    expect(within(dialog).getByTestId('webhook-secret')).toHaveTextContent(SECRET);
    expect(state.creates).toHaveLength(1);
    expect(state.creates[0].idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    // No secret sent: the API generates one.
    expect(state.creates[0].body).toEqual({
      url: 'https://partner.example.com/in',
      events: ['contact.created', 'contact.archived'],
      description: 'Partner feed',
    });
    await user.click(within(dialog).getByRole('button', { name: 'I have stored it' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('https://partner.example.com/in')).toBeInTheDocument();
    expect(screen.queryByText(SECRET)).not.toBeInTheDocument();
  });

  it('sends "*" for all events, checks the form before sending, and puts the API\'s refusals on their fields', async () => {
    const state = serveWebhooks();
    const { user, form } = await openCreateForm();
    await user.type(within(form).getByRole('textbox', { name: /Signing secret/ }), 'short');
    await user.click(within(form).getByRole('button', { name: 'Add webhook' }));
    expect(await within(form).findByText('This field is required.')).toBeInTheDocument();
    expect(within(form).getByText('Choose at least one event.')).toBeInTheDocument();
    // The address is first to fix, so it has the focus; the events' group is described by its message.
    expect(within(form).getByRole('textbox', { name: /Address/ })).toHaveFocus();
    expect(within(form).getByRole('group', { name: 'Events' })).toHaveAccessibleDescription('Choose at least one event.');
    expect(within(form).getByText(/Use at least 24 characters/)).toBeInTheDocument();
    expect(state.creates).toHaveLength(0);

    await user.type(within(form).getByRole('textbox', { name: /Address/ }), 'https://erp.internal/hook');
    await user.clear(within(form).getByRole('textbox', { name: /Signing secret/ }));
    await user.click(within(form).getByRole('checkbox', { name: /All events/ }));
    expect(within(within(form).getByRole('group', { name: 'Customers' })).getByRole('checkbox', { name: 'Created' })).toBeDisabled();
    let sent: unknown;
    server.use(
      http.post(`${API}/webhooks`, async ({ request }) => {
        sent = await request.json();
        return problemJson(400, 'One or more validation errors occurred.', {
          errors: { url: ['The address must be on the public internet: erp.internal is a private address.'] },
        });
      }),
    );
    await user.click(within(form).getByRole('button', { name: 'Add webhook' }));
    expect(await within(form).findByText(/erp.internal is a private address/)).toBeInTheDocument();
    expect(sent).toMatchObject({ url: 'https://erp.internal/hook', events: ['*'] });
    expect(within(form).getByRole('textbox', { name: /Address/ })).toHaveAttribute('aria-invalid', 'true');
  });

  it('takes the focus to the events when none is chosen', async () => {
    const state = serveWebhooks();
    const { user, form } = await openCreateForm();
    await user.type(within(form).getByRole('textbox', { name: /Address/ }), 'https://partner.example.com/in');
    await user.click(within(form).getByRole('button', { name: 'Add webhook' }));
    expect(await within(form).findByRole('checkbox', { name: /All events/ })).toHaveFocus();
    expect(state.creates).toHaveLength(0);
  });

  it('sends a test event, pauses and resumes, and deletes after asking', async () => {
    const state = serveWebhooks();
    const { user } = renderWithProviders(<WebhooksList />);
    const url = 'https://erp.example.com/crm/webhooks';
    await screen.findByText(url);

    await user.click(screen.getByRole('button', { name: `More actions for ${url}` }));
    await user.click(await screen.findByRole('menuitem', { name: 'Send a test event' }));
    expect(await screen.findByText(/A test event is on its way/)).toBeInTheDocument();
    expect(state.pings).toEqual([webhook({}).id]);

    await user.click(screen.getByRole('button', { name: `More actions for ${url}` }));
    await user.click(await screen.findByRole('menuitem', { name: 'Pause' }));
    expect(await screen.findByText('Paused')).toBeInTheDocument();
    expect(state.patches).toEqual([{ id: webhook({}).id, body: { active: false }, contentType: 'application/merge-patch+json' }]);

    // A paused subscription sends nothing, not even a test.
    await user.click(screen.getByRole('button', { name: `More actions for ${url}` }));
    expect(await screen.findByRole('menuitem', { name: 'Send a test event' })).toBeDisabled();
    await user.click(screen.getByRole('menuitem', { name: 'Resume' }));
    expect(await screen.findByText('Active')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: `More actions for ${url}` }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this webhook?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('No webhooks yet.')).toBeInTheDocument();
    expect(state.deleted).toEqual([webhook({}).id]);
  });

  it('shows the delivery log with each attempt, filters it by status, pages on and sends an event again', async () => {
    const state = serveWebhooks();
    state.deliveries = [
      [
        delivery({
          id: '0190a000-0000-7000-8000-0000000000d2',
          eventType: 'customer.updated',
          status: 'failed',
          attemptCount: 5,
          completedAt: '2026-03-02T10:00:00Z',
          attempts: [
            // Logged before kinds were kept: its status, as it came.
            { number: 1, attemptedAt: '2026-03-01T10:59:00Z', statusCode: 500, durationMs: 40, error: 'HTTP 500', responseExcerpt: null },
            { number: 2, attemptedAt: '2026-03-01T11:00:00Z', statusCode: 503, durationMs: 1200, error: 'HTTP 503', failure: 'status', responseExcerpt: null },
            { number: 3, attemptedAt: '2026-03-01T11:05:00Z', statusCode: null, durationMs: 10000, error: 'No answer within 10 s.', failure: 'timeout', responseExcerpt: null },
            {
              number: 4,
              attemptedAt: '2026-03-01T11:35:00Z',
              statusCode: null,
              durationMs: 3,
              error: 'Connection refused (erp.example.com:443)',
              failure: 'connectionFailed',
              responseExcerpt: null,
            },
            { number: 5, attemptedAt: '2026-03-01T12:35:00Z', statusCode: null, durationMs: 7, error: 'The response ended prematurely.', failure: 'other', responseExcerpt: null },
          ],
        }),
        delivery({ id: '0190a000-0000-7000-8000-0000000000d3', status: 'pending', attempts: [], attemptCount: 0, nextAttemptAt: '2026-03-01T10:01:00Z' }),
      ],
      [delivery({})],
    ];
    const { user } = renderWithProviders(<WebhooksList />);
    await screen.findByText('https://erp.example.com/crm/webhooks');
    await user.click(screen.getByRole('button', { name: 'Deliveries' }));
    const dialog = await screen.findByRole('dialog', { name: 'Deliveries' });
    const table = await within(dialog).findByRole('table', { name: 'Deliveries' });
    let rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]).getByText('Failed')).toBeInTheDocument();
    // The latest two attempts, the earlier ones on request; each outcome in words, the system's own as the line's title.
    let attempts = within(rows[1]).getAllByRole('listitem');
    expect(attempts.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/Could not connect, or the connection was cut · 3 ms$/),
      expect.stringMatching(/Failed: The response ended prematurely\. · 7 ms$/),
    ]);
    expect(attempts[0]).toHaveAttribute('title', 'Connection refused (erp.example.com:443)');
    await user.click(within(rows[1]).getByRole('button', { name: 'Earlier attempts: 3' }));
    attempts = within(rows[1]).getAllByRole('listitem');
    expect(attempts.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/Answered 500 · 40 ms$/),
      expect.stringMatching(/Answered 503 · 1,200 ms$/),
      expect.stringMatching(/No answer in time · 10,000 ms$/),
      expect.anything(),
      expect.anything(),
    ]);
    expect(attempts[2]).toHaveAttribute('title', 'No answer within 10 s.');
    expect(attempts[1]).not.toHaveAttribute('title');
    expect(within(rows[2]).getByText('Pending')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Not tried yet')).toBeInTheDocument();
    expect(within(rows[2]).queryByRole('button', { name: /Send .* again/ })).not.toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    expect(within(dialog).queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();

    rows = within(table).getAllByRole('row');
    await user.click(within(rows[1]).getByRole('button', { name: 'Send customer.updated again' }));
    expect(await screen.findByText('customer.updated will be sent again.')).toBeInTheDocument();
    expect(state.replays).toEqual(['0190a000-0000-7000-8000-0000000000d2']);

    await user.click(within(dialog).getByRole('textbox', { name: 'Status' }));
    await user.click(await screen.findByRole('option', { name: 'Failed' }));
    await waitFor(() => expect(state.deliveryQueries.at(-1)?.get('status')).toBe('failed'));
    await waitFor(() => expect(within(within(dialog).getByRole('table', { name: 'Deliveries' })).getAllByRole('row')).toHaveLength(2));
  });

  it("says in words that only Admins may manage webhooks when the API refuses", async () => {
    server.use(http.get(`${API}/webhooks`, () => problemJson(403, 'Forbidden')));
    renderWithProviders(<WebhooksList />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Only Admins may manage webhooks.');
  });
});
