import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import type { Contact } from '@/api/types';
import { problem } from '@/testing/data';
import { renderWithProviders } from '@/testing/render';
import { API, server } from '@/testing/server';
import { ContactEdit } from './contact-edit';

const original: Contact = {
  id: '0190a000-0000-7000-8000-0000000000c1',
  customerId: '0190a000-0000-7000-8000-0000000000aa',
  firstName: 'Ana',
  lastName: 'Silva',
  email: 'ana@example.pt',
  phone: null,
  jobTitle: 'CFO',
  emailConsent: true,
  externalId: 'ERP-C-0042',
  // A field with no definition loaded: the form does not show it, and must not wipe it.
  customFields: { legacyScore: 7 },
  archivedAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

const problemJson = (status: number, title: string, extra: Record<string, unknown> = {}) =>
  HttpResponse.json(problem(status, title, extra), { status, headers: { 'Content-Type': 'application/problem+json' } });

/** A contact that someone else changes right after the form has read it, when `stale`. */
function serveContact({ stale = false } = {}) {
  const state = { etag: '"1"', contact: original, gets: 0, puts: [] as { ifMatch: string | null; body: Record<string, unknown> }[] };
  server.use(
    http.get(`${API}/contacts/${original.id}`, () => {
      state.gets += 1;
      const response = HttpResponse.json(state.contact, { headers: { ETag: state.etag } });
      if (stale && state.gets === 1) {
        state.etag = '"2"';
        state.contact = { ...original, jobTitle: 'CEO' };
      }
      return response;
    }),
    http.put(`${API}/contacts/${original.id}`, async ({ request }) => {
      const ifMatch = request.headers.get('If-Match');
      const body = (await request.json()) as Record<string, unknown>;
      state.puts.push({ ifMatch, body });
      if (ifMatch !== state.etag) return problemJson(412, 'Precondition failed');
      state.etag = `"${Number(state.etag.replaceAll('"', '')) + 1}"`;
      state.contact = { ...state.contact, ...(body as Partial<Contact>) };
      return HttpResponse.json(state.contact, { headers: { ETag: state.etag } });
    }),
  );
  return state;
}

async function editJobTitle(title: string) {
  const onDone = vi.fn();
  const view = renderWithProviders(<ContactEdit id={original.id} onDone={onDone} />);
  const jobTitle = await screen.findByRole('textbox', { name: 'Job title' });
  expect(jobTitle).toHaveValue('CFO');
  await view.user.clear(jobTitle);
  await view.user.type(jobTitle, title);
  await view.user.click(screen.getByRole('button', { name: 'Save' }));
  return { ...view, onDone };
}

describe('ContactEdit', () => {
  it('replaces the contact with If-Match from the ETag it read', async () => {
    const state = serveContact();
    const { onDone } = await editJobTitle('Finance director');
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(state.puts).toEqual([
      {
        ifMatch: '"1"',
        body: {
          customerId: original.customerId,
          firstName: 'Ana',
          lastName: 'Silva',
          email: 'ana@example.pt',
          phone: null,
          jobTitle: 'Finance director',
          emailConsent: true,
          externalId: 'ERP-C-0042',
          customFields: { legacyScore: 7 },
        },
      },
    ]);
    expect(await screen.findByText('Ana Silva was saved.')).toBeInTheDocument();
  });

  it('puts API errors on the fields', async () => {
    serveContact();
    server.use(
      http.put(`${API}/contacts/${original.id}`, () =>
        problemJson(400, 'Validation failed', { errors: { JobTitle: ['Use at most 100 characters.'] } }),
      ),
    );
    await editJobTitle('x');
    expect(await screen.findByText('Use at most 100 characters.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Job title' })).toHaveAttribute('aria-invalid', 'true');
  });

  describe('on 412', () => {
    it('overwrites: reads the current ETag, then saves again with it', async () => {
      const state = serveContact({ stale: true });
      const { user, onDone } = await editJobTitle('Finance director');
      expect(await screen.findByRole('dialog', { name: 'This contact was changed' })).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Overwrite with my changes' }));

      await waitFor(() => expect(onDone).toHaveBeenCalled());
      expect(state.puts.map((p) => p.ifMatch)).toEqual(['"1"', '"2"']);
      expect(state.contact.jobTitle).toBe('Finance director');
    });

    it('reloads: shows the other person’s version and drops the edit', async () => {
      const state = serveContact({ stale: true });
      const { user, onDone } = await editJobTitle('Finance director');
      await user.click(await screen.findByRole('button', { name: 'Reload their version' }));

      await waitFor(() => expect(screen.queryByRole('dialog', { name: 'This contact was changed' })).not.toBeInTheDocument());
      expect(await screen.findByDisplayValue('CEO')).toBeInTheDocument();
      expect(state.puts).toHaveLength(1);
      expect(onDone).not.toHaveBeenCalled();
    });
  });
});
