import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { adminMe, problem } from '@/testing/data';
import { renderWithProviders } from '@/testing/render';
import { API, server } from '@/testing/server';
import { UsersList } from './users-list';

const sam = {
  id: '0190a000-0000-7000-8000-0000000000b2',
  email: 'sam@example.com',
  name: 'Sam Sales',
  roles: ['Sales'],
  departmentId: null,
  active: true,
  lastSignInAt: null,
  createdAt: '2026-01-05T00:00:00Z',
};

function serveUsers() {
  const state = { users: [{ ...adminMe, active: true, lastSignInAt: null, createdAt: '2026-01-01T00:00:00Z' }, sam], posts: [] as unknown[], patches: [] as unknown[] };
  server.use(
    http.get(`${API}/users`, () => HttpResponse.json({ items: state.users, nextCursor: null })),
    http.get(`${API}/departments`, () =>
      HttpResponse.json({ items: [{ id: '0190a000-0000-7000-8000-0000000000d1', name: 'Finance', createdAt: '2026-01-01T00:00:00Z' }], nextCursor: null }),
    ),
    http.post(`${API}/users`, async ({ request }) => {
      const body = (await request.json()) as { email: string };
      state.posts.push(body);
      if (body.email === sam.email)
        return HttpResponse.json(problem(409, 'Conflict', { detail: 'A user with this email already exists.' }), {
          status: 409,
          headers: { 'Content-Type': 'application/problem+json' },
        });
      return HttpResponse.json({ ...sam, ...body, id: 'new' }, { status: 201 });
    }),
    http.patch(`${API}/users/${sam.id}`, async ({ request }) => {
      expect(request.headers.get('Content-Type')).toBe('application/merge-patch+json');
      const body = await request.json();
      state.patches.push(body);
      state.users = state.users.map((u) => (u.id === sam.id ? { ...u, ...(body as object) } : u));
      return HttpResponse.json(state.users[1]);
    }),
  );
  return state;
}

describe('UsersList', () => {
  it('invites a user with roles', async () => {
    const state = serveUsers();
    const { user } = renderWithProviders(<UsersList />);
    expect(await screen.findByRole('cell', { name: 'Sam Sales' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Invite user' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite user' });
    await user.type(within(dialog).getByRole('textbox', { name: /Email/ }), 'sam@example.com');
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Sam Again');
    await user.type(within(dialog).getByLabelText(/Password/), 'a-long-first-password');
    await user.click(within(dialog).getByRole('button', { name: 'Invite user' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('A user with this email already exists.');
    expect(state.posts[0]).toEqual({
      email: 'sam@example.com',
      name: 'Sam Again',
      password: 'a-long-first-password',
      roles: ['Sales'],
      departmentId: null,
    });
  });

  // A disabled button loses focus to <body>, from where Tab reaches the page behind the dialog.
  it('keeps the focus on the invite button while sending and after a refusal, and sends once', async () => {
    const state = serveUsers();
    let answer = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    server.use(
      http.post(`${API}/users`, async ({ request }) => {
        state.posts.push(await request.json());
        await answered;
        return HttpResponse.json(problem(409, 'Conflict', { detail: 'A user with this email already exists.' }), {
          status: 409,
          headers: { 'Content-Type': 'application/problem+json' },
        });
      }),
    );
    const { user } = renderWithProviders(<UsersList />);
    await user.click(await screen.findByRole('button', { name: 'Invite user' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite user' });
    await user.type(within(dialog).getByRole('textbox', { name: /Email/ }), 'sam@example.com');
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Sam Again');
    await user.type(within(dialog).getByLabelText(/Password/), 'a-long-first-password');
    const invite = within(dialog).getByRole('button', { name: 'Invite user' });
    await user.click(invite);

    await waitFor(() => expect(invite).toHaveAttribute('aria-busy', 'true'));
    expect(invite).toBeEnabled();
    expect(invite).toHaveFocus();
    await user.click(invite);
    await user.keyboard('{Enter}');
    answer();

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('A user with this email already exists.');
    expect(invite).not.toHaveAttribute('aria-busy');
    expect(invite).toHaveFocus();
    await user.tab();
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    expect(state.posts).toHaveLength(1);
  });

  it('deactivates a user', async () => {
    const state = serveUsers();
    const { user } = renderWithProviders(<UsersList />);
    await user.click(await screen.findByRole('button', { name: 'Actions for Sam Sales' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Deactivate' }));
    await waitFor(() => expect(state.patches).toEqual([{ active: false }]));
    expect(await screen.findByText('Sam Sales was deactivated.')).toBeInTheDocument();
  });

  it('keeps the focus in the edit dialog opened from a row’s menu, and gives it back to the row’s button', async () => {
    serveUsers();
    const { user } = renderWithProviders(<UsersList />);
    const actions = await screen.findByRole('button', { name: 'Actions for Sam Sales' });
    await user.click(actions);
    await user.click(await screen.findByRole('menuitem', { name: 'Edit roles' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit roles' });
    await waitFor(() => expect(dialog).toContainElement(document.activeElement as HTMLElement));
    // Past the menu's own hand-back (10 ms after it closes).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(actions).toHaveFocus());
  });

  it('puts a taken email on the email field, focused', async () => {
    serveUsers();
    server.use(
      http.post(`${API}/users`, () =>
        HttpResponse.json(problem(409, 'Σύγκρουση.', { detail: 'Υπάρχει ήδη χρήστης με αυτό το email.', field: 'email', existingId: sam.id }), {
          status: 409,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
      ),
    );
    const { user } = renderWithProviders(<UsersList />);
    await user.click(await screen.findByRole('button', { name: 'Invite user' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite user' });
    const email = within(dialog).getByRole('textbox', { name: /Email/ });
    await user.type(email, 'sam@example.com');
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Σάμης');
    await user.type(within(dialog).getByLabelText(/Password/), 'a-long-first-password');
    await user.click(within(dialog).getByRole('button', { name: 'Invite user' }));

    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(email).toHaveAccessibleDescription('Υπάρχει ήδη χρήστης με αυτό το email.');
    expect(email).toHaveFocus();
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
  });
});
