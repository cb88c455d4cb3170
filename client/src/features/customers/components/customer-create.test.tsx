import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { adminMe, makeCustomer, problem } from '@/testing/data';
import { renderWithProviders } from '@/testing/render';
import { API, server } from '@/testing/server';
import { CustomerCreate } from './customer-create';

const problemResponse = (status: number, body: object) =>
  HttpResponse.json(body, { status, headers: { 'Content-Type': 'application/problem+json' } });

async function renderCreate(options?: Parameters<typeof renderWithProviders>[1]) {
  const view = renderWithProviders(<CustomerCreate />, options);
  // The form waits for the signed-in user, who becomes the default owner.
  await screen.findByRole('button', { name: 'Create customer' });
  return view;
}

describe('CustomerCreate', () => {
  it('puts the API validation errors onto the right fields', async () => {
    server.use(
      http.post(`${API}/customers`, () =>
        problemResponse(
          400,
          problem(400, 'One or more validation errors occurred.', {
            errors: {
              email: ['Email is already in an invalid domain.'],
              'Address.City': ['City is too long for this country.'],
              somethingElse: ['The server did not like it.'],
            },
          }),
        ),
      ),
    );
    const { user } = await renderCreate();
    await user.type(screen.getByRole('textbox', { name: /Name/ }), 'Acme');
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'x@example.com');
    await user.type(screen.getByRole('textbox', { name: 'City' }), 'Lisboa');
    await user.click(screen.getByRole('button', { name: 'Create customer' }));

    expect(await screen.findByText('Email is already in an invalid domain.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Email' })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('textbox', { name: 'City' })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('City is too long for this country.')).toBeInTheDocument();
    // Errors for fields the form does not show are not lost.
    expect(screen.getByText(/somethingElse: The server did not like it\./)).toBeInTheDocument();
  });

  it('links to the existing record on a 409 duplicate', async () => {
    const existing = '0190a000-0000-7000-8000-00000000beef';
    server.use(
      http.post(`${API}/customers`, () =>
        problemResponse(
          409,
          problem(409, 'Duplicate customer', {
            detail: 'A customer with this email already exists.',
            existingId: existing,
            existingUrl: `/api/v1/customers/${existing}`,
          }),
        ),
      ),
    );
    const { user } = await renderCreate();
    await user.type(screen.getByRole('textbox', { name: /Name/ }), 'Acme');
    await user.click(screen.getByRole('button', { name: 'Create customer' }));

    const link = await screen.findByRole('link', { name: 'Open the existing customer' });
    expect(link).toHaveAttribute('href', `/customers/${existing}`);
    expect(screen.getByText(/A customer with this email already exists\./)).toBeInTheDocument();
  });

  it('puts a taken email on its field, focused, with the link to the customer who has it', async () => {
    const existing = '0190a000-0000-7000-8000-00000000beef';
    server.use(
      http.post(`${API}/customers`, () =>
        problemResponse(
          409,
          problem(409, 'Σύγκρουση.', {
            detail: 'Υπάρχει ήδη πελάτης με αυτό το email.',
            field: 'email',
            existingId: existing,
            existingUrl: `/api/v1/customers/${existing}`,
          }),
        ),
      ),
    );
    const { user } = await renderCreate();
    await user.type(screen.getByRole('textbox', { name: /Name/ }), 'Αθηναϊκή');
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'info@athinaiki.gr');
    await user.click(screen.getByRole('button', { name: 'Create customer' }));

    const email = screen.getByRole('textbox', { name: 'Email' });
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(email).toHaveFocus();
    expect(email).toHaveAccessibleDescription(/Υπάρχει ήδη πελάτης με αυτό το email\./);
    expect(screen.getByRole('link', { name: 'Open the existing customer' })).toHaveAttribute('href', `/customers/${existing}`);
    // Said once, by the field: no alert at the top of the form, out of sight.
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('creates with an idempotency key and opens the new customer', async () => {
    const created = makeCustomer({ name: 'Zakład Łódzki Żółć' });
    let key: string | null = null;
    let body: Record<string, unknown> = {};
    server.use(
      http.post(`${API}/customers`, async ({ request }) => {
        key = request.headers.get('Idempotency-Key');
        body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json(created, { status: 201, headers: { ETag: '"1"' } });
      }),
    );
    const { user, router } = await renderCreate({
      extraRoutes: [{ path: '/customers/:id', element: <p>customer page</p> }],
    });
    await user.type(screen.getByRole('textbox', { name: /Name/ }), 'Zakład Łódzki Żółć');
    await user.click(screen.getByRole('button', { name: 'Create customer' }));

    expect(await screen.findByText('customer page')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/customers/${created.id}`);
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(body).toMatchObject({ name: 'Zakład Łódzki Żółć', kind: 'company', type: 'customer', email: null, ownerId: adminMe.id });
    expect(body).not.toHaveProperty('address');
  });

  it('checks the form before sending it', async () => {
    const { user } = await renderCreate();
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'not-an-email');
    await user.type(screen.getByRole('textbox', { name: /Country/ }), 'POL');
    await user.click(screen.getByRole('button', { name: 'Create customer' }));
    expect(await screen.findByText('This field is required.')).toBeInTheDocument();
    expect(screen.getByText('Enter a valid email address.')).toBeInTheDocument();
  });
});
