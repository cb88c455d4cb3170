import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { problem } from '@/testing/data';
import { renderWithProviders } from '@/testing/render';
import { API, server } from '@/testing/server';
import { ContactCreate } from './contact-create';

const customerId = '0190a000-0000-7000-8000-0000000000aa';

describe('ContactCreate', () => {
  it('creates a contact for the customer', async () => {
    let body: unknown;
    server.use(
      http.post(`${API}/contacts`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ id: 'c1', customerId, firstName: 'Γιώργος' }, { status: 201 });
      }),
    );
    const onDone = vi.fn();
    const { user } = renderWithProviders(<ContactCreate customerId={customerId} onDone={onDone} />);
    await user.type(screen.getByRole('textbox', { name: /First name/ }), 'Γιώργος');
    await user.type(screen.getByRole('textbox', { name: 'Job title' }), 'CFO');
    await user.click(screen.getByRole('checkbox', { name: 'Email consent' }));
    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(body).toEqual({
      customerId,
      firstName: 'Γιώργος',
      lastName: null,
      email: null,
      phone: null,
      jobTitle: 'CFO',
      emailConsent: true,
      externalId: null,
    });
  });

  it('puts API errors on the fields', async () => {
    server.use(
      http.post(`${API}/contacts`, () =>
        HttpResponse.json(problem(400, 'Validation failed', { errors: { Phone: ['Not a phone number.'] } }), {
          status: 400,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
      ),
    );
    const { user } = renderWithProviders(<ContactCreate customerId={customerId} onDone={() => {}} />);
    await user.type(screen.getByRole('textbox', { name: /First name/ }), 'Ana');
    await user.type(screen.getByRole('textbox', { name: 'Phone' }), '12');
    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    expect(await screen.findByText('Not a phone number.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Phone' })).toHaveAttribute('aria-invalid', 'true');
  });

  it('puts a taken email on its field, focused', async () => {
    server.use(
      http.post(`${API}/contacts`, () =>
        HttpResponse.json(
          problem(409, 'Konflikt.', { detail: 'Kontakt z tym adresem e-mail już istnieje.', field: 'email', existingId: 'c0' }),
          { status: 409, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    const { user } = renderWithProviders(<ContactCreate customerId={customerId} onDone={() => {}} />);
    await user.type(screen.getByRole('textbox', { name: /First name/ }), 'Paweł');
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'pawel@example.pl');
    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    const email = screen.getByRole('textbox', { name: 'Email' });
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(email).toHaveAccessibleDescription('Kontakt z tym adresem e-mail już istnieje.');
    expect(email).toHaveFocus();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
