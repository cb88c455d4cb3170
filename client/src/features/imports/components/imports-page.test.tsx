import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '@/api/client';
import type { CustomField, ImportJob } from '@/api/types';
import { makeImportJob as job, problem } from '@/testing/data';
import { renderWithProviders } from '@/testing/render';
import { API, server } from '@/testing/server';
import { ImportsPage } from './imports-page';

const sector: CustomField = {
  id: '0190a000-0000-7000-8000-0000000cf001',
  entity: 'customers',
  key: 'sector',
  label: 'Sector',
  description: null,
  type: 'choice',
  options: ['technology', 'retail'],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};


const detected = [
  { column: 'Company', field: 'name' },
  { column: 'E-mail', field: 'email' },
  { column: 'Sector', field: null },
];

type Upload = { query: Record<string, string>; parts: string[]; mapping: unknown; content: string };

/**
 * An API that answers each upload with a new job and walks every job through the states
 * `script` gives it, one per GET.
 */
function serveImports(script: (upload: Upload, index: number) => ImportJob[]) {
  const state = { uploads: [] as Upload[], jobs: new Map<string, ImportJob[]>(), errorsAuth: [] as (string | null)[] };
  server.use(
    http.get(`${API}/custom-fields`, ({ request }) =>
      HttpResponse.json({ items: new URL(request.url).searchParams.get('entity') === 'customers' ? [sector] : [], nextCursor: null }),
    ),
    http.get(`${API}/imports`, () =>
      HttpResponse.json({
        items: [job({ id: '0190a000-0000-7000-8000-00000000d0ff', dryRun: false, status: 'succeeded', phase: 'done', fileName: 'old.csv', inserted: 7, rejected: 1 })],
        nextCursor: null,
      }),
    ),
    http.post(`${API}/imports`, async ({ request }) => {
      const form = await request.formData();
      const file = form.get('file') as File;
      const upload: Upload = {
        query: Object.fromEntries(new URL(request.url).searchParams),
        parts: [...form.keys()],
        mapping: JSON.parse(String(form.get('mapping'))),
        content: await file.text(),
      };
      state.uploads.push(upload);
      const [first, ...rest] = script(upload, state.uploads.length - 1);
      state.jobs.set(first.id, rest);
      return HttpResponse.json(first, { status: 202 });
    }),
    http.get(`${API}/imports/:id`, ({ params }) => {
      const queue = state.jobs.get(String(params.id)) ?? [];
      const next = queue.length > 1 ? queue.shift()! : queue[0];
      return HttpResponse.json(next);
    }),
    http.get(`${API}/imports/:id/errors`, ({ request }) => {
      state.errorsAuth.push(request.headers.get('Authorization'));
      return new HttpResponse('line,reason,Company,E-mail\n3,"email: not an email",Beta,nope\n', {
        headers: { 'Content-Type': 'text/csv' },
      });
    }),
  );
  return state;
}

const csv = () => new File(['Company,E-mail,Sector\nAcme,acme@example.com,retail\nBeta,nope,\n'], 'customers.csv', { type: 'text/csv' });

async function upload(view: ReturnType<typeof renderWithProviders>) {
  await view.user.upload(screen.getByLabelText('Browse…'), csv());
  expect(screen.getByTestId('chosen-file')).toHaveTextContent('customers.csv');
  await view.user.click(screen.getByRole('button', { name: 'Read the columns' }));
}

const count = (name: string) => screen.getByTestId(`count-${name}`);

describe('ImportsPage', () => {
  const created: Blob[] = [];
  beforeEach(() => {
    created.length = 0;
    URL.createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:rejected-rows';
    });
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => vi.restoreAllMocks());

  it('uploads, shows the detected mapping, re-runs the preview on a change, then imports with progress', async () => {
    const state = serveImports((request, index) => {
      const id = `0190a000-0000-7000-8000-00000000d00${index}`;
      if (request.query.dryRun !== 'true')
        return [
          job({ id, dryRun: false, status: 'queued', phase: 'receiving', columns: detected }),
          job({ id, dryRun: false, status: 'running', phase: 'staged', total: 4, processed: 2 }),
          job({ id, dryRun: false, status: 'running', phase: 'merging', step: 'indexing', total: 4, processed: 4 }),
          job({ id, dryRun: false, status: 'succeeded', phase: 'done', total: 4, processed: 4, inserted: 3, updated: 1 }),
        ];
      const done = index === 0 ? { inserted: 2, rejected: 2 } : { inserted: 3, updated: 1, rejected: 0 };
      return [job({ id, columns: detected }), job({ id, status: 'succeeded', phase: 'done', total: 4, processed: 4, ...done })];
    });
    const view = renderWithProviders(<ImportsPage />);
    const { user } = view;
    expect(await screen.findByRole('cell', { name: 'old.csv' })).toBeInTheDocument();
    await upload(view);

    // Mapping first ({} lets the server detect), then the file.
    expect(state.uploads[0]).toEqual({
      query: { entity: 'customers', mode: 'upsert', matchOn: 'email', dryRun: 'true', defaults: '{"kind":"company"}' },
      parts: ['mapping', 'file'],
      mapping: {},
      content: 'Company,E-mail,Sector\nAcme,acme@example.com,retail\nBeta,nope,\n',
    });

    const columns = await screen.findByRole('table', { name: 'Columns' });
    expect(within(columns).getByRole('textbox', { name: 'Field for Company' })).toHaveValue('Name');
    expect(within(columns).getByRole('textbox', { name: 'Field for E-mail' })).toHaveValue('Email');
    expect(within(columns).getByRole('textbox', { name: 'Field for Sector' })).toHaveValue('Ignore this column');
    await waitFor(() => expect(count('rejected')).toHaveTextContent('2'));
    expect(count('inserted')).toHaveTextContent('2');

    // Map the ignored column to the custom field; the dry run runs again with the new mapping.
    await user.click(within(columns).getByRole('textbox', { name: 'Field for Sector' }));
    await user.click(await screen.findByRole('option', { name: 'Sector' }));
    await waitFor(() => expect(state.uploads).toHaveLength(2));
    expect(state.uploads[1].mapping).toEqual({ Company: 'name', 'E-mail': 'email', Sector: 'customFields.sector' });
    expect(state.uploads[1].parts).toEqual(['mapping', 'file']);
    await waitFor(() => expect(count('inserted')).toHaveTextContent('3'));
    expect(count('updated')).toHaveTextContent('1');
    expect(count('rejected')).toHaveTextContent('0');

    // People, matched on external ID: the options are sent too.
    await user.click(screen.getByRole('textbox', { name: 'Find existing records by' }));
    await user.click(await screen.findByRole('option', { name: 'External ID' }));
    await user.click(screen.getByRole('textbox', { name: /Rows without a kind are/ }));
    await user.click(await screen.findByRole('option', { name: 'People' }));
    await waitFor(() => expect(state.uploads).toHaveLength(4));
    expect(state.uploads[3].query).toMatchObject({ matchOn: 'externalId', defaults: '{"kind":"person"}' });

    const start = screen.getByRole('button', { name: 'Import' });
    await waitFor(() => expect(start).toBeEnabled());
    await user.click(start);
    await waitFor(() => expect(state.uploads).toHaveLength(5));
    expect(state.uploads[4].query).toEqual({ entity: 'customers', mode: 'upsert', matchOn: 'externalId', defaults: '{"kind":"person"}' });
    expect(state.uploads[4].mapping).toEqual({ Company: 'name', 'E-mail': 'email', Sector: 'customFields.sector' });

    const progress = await screen.findByRole('progressbar', { name: 'Import progress' });
    expect(await screen.findByText('Checking the rows')).toBeInTheDocument();
    expect(progress).toHaveAttribute('aria-valuenow', '50');
    expect(screen.getByText('2 of 4 rows')).toBeInTheDocument();
    expect(await screen.findByText('Saving the records')).toBeInTheDocument();
    expect(screen.getByText('Step 3 of 4: indexing them for search')).toBeInTheDocument();
    // Through the merge the bar follows its steps (two of four done), not the rows, which are all read by then.
    expect(screen.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute('aria-valuenow', '50');

    expect(await screen.findByText('Import finished')).toBeInTheDocument();
    expect(count('inserted')).toHaveTextContent('3');
    expect(count('updated')).toHaveTextContent('1');
    expect(screen.getByRole('link', { name: 'Go to the customers' })).toHaveAttribute('href', '/customers');
  });

  it('downloads the rejected rows with the bearer token', async () => {
    tokenStore.set({ accessToken: 'access-123', expiresIn: 900, tokenType: 'Bearer' });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const state = serveImports((_request, index) => {
      const id = `0190a000-0000-7000-8000-00000000e00${index}`;
      return [job({ id, columns: detected }), job({ id, status: 'succeeded', phase: 'done', total: 2, processed: 2, inserted: 1, rejected: 1 })];
    });
    const view = renderWithProviders(<ImportsPage />);
    await upload(view);
    const preview = await screen.findByRole('region', { name: 'Preview' });
    await view.user.click(await within(preview).findByRole('button', { name: 'Download rejected rows' }));

    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(state.errorsAuth).toEqual(['Bearer access-123']);
    expect(await created[0].text()).toContain('3,"email: not an email",Beta,nope');
    const link = click.mock.contexts[0] as HTMLAnchorElement;
    expect(link.download).toBe('import-0190a000-0000-7000-8000-00000000e000-rejected.csv');
    expect(link.href).toBe('blob:rejected-rows');
  });

  it('shows a failed job’s error', async () => {
    serveImports((request, index) => {
      const id = `0190a000-0000-7000-8000-00000000f00${index}`;
      if (request.query.dryRun === 'true')
        return [job({ id, columns: detected }), job({ id, status: 'succeeded', phase: 'done', total: 2, processed: 2, inserted: 2 })];
      return [
        job({ id, dryRun: false, status: 'running', phase: 'merging', total: 2, processed: 2 }),
        job({ id, dryRun: false, status: 'failed', phase: 'merging', total: 2, processed: 2, error: 'The database did not answer in time.' }),
      ];
    });
    const view = renderWithProviders(<ImportsPage />);
    await upload(view);
    const start = await screen.findByRole('button', { name: 'Import' });
    await waitFor(() => expect(start).toBeEnabled());
    await view.user.click(start);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The import failed');
    expect(alert).toHaveTextContent('The database did not answer in time.');
    expect(screen.getByRole('button', { name: 'Back to the columns' })).toBeInTheDocument();
  });

  it('puts the API’s 400 next to the file, and a column’s next to its select', async () => {
    const state = serveImports((_request, index) => {
      const id = `0190a000-0000-7000-8000-00000000a00${index}`;
      return [job({ id, columns: detected }), job({ id, status: 'succeeded', phase: 'done', total: 2, processed: 2, inserted: 2 })];
    });
    server.use(
      http.post(`${API}/imports`, () =>
        HttpResponse.json(problem(400, 'One or more validation errors occurred.', { errors: { file: ['The file has no header row.'] } }), {
          status: 400,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
      { once: true },
      ),
    );
    const view = renderWithProviders(<ImportsPage />);
    await upload(view);
    expect(await screen.findByText('The file has no header row.')).toBeInTheDocument();
    expect(screen.getByLabelText('Browse…')).toHaveAttribute('aria-invalid', 'true');

    // Fixed: the second try detects the columns.
    await view.user.click(screen.getByRole('button', { name: 'Read the columns' }));
    const columns = await screen.findByRole('table', { name: 'Columns' });
    server.use(
      http.post(`${API}/imports`, () =>
        HttpResponse.json(
          problem(400, 'One or more validation errors occurred.', { errors: { 'mapping.E-mail': ['Two columns feed email.'] } }),
          { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    await view.user.click(within(columns).getByRole('textbox', { name: 'Field for Company' }));
    await view.user.click(await screen.findByRole('option', { name: 'Email' }));
    expect(await within(columns).findByText('Two columns feed email.')).toBeInTheDocument();
    expect(within(columns).getByRole('textbox', { name: 'Field for E-mail' })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
    expect(state.uploads).toHaveLength(1);
  });

  it('reads the columns of a file with nothing to match on, and shows the refusal by the match’s select', async () => {
    // As the API answers a file without an email column: refused while upserting on email, an insert's dry run reads it.
    const refusal = 'The import matches on email, but no column feeds it.';
    const accounts = [
      { column: 'account', field: 'name' },
      { column: 'sector', field: null },
    ];
    const state = { uploads: [] as Record<string, string>[] };
    server.use(
      http.get(`${API}/imports`, () => HttpResponse.json({ items: [], nextCursor: null })),
      http.post(`${API}/imports`, ({ request }) => {
        const query = Object.fromEntries(new URL(request.url).searchParams);
        state.uploads.push(query);
        if (query.mode === 'upsert')
          return HttpResponse.json(problem(400, 'The request is not valid.', { errors: { matchOn: [refusal] } }), {
            status: 400,
            headers: { 'Content-Type': 'application/problem+json' },
          });
        const id = `0190a000-0000-7000-8000-00000000b00${state.uploads.length}`;
        return HttpResponse.json(job({ id, mode: 'insert', columns: accounts }), { status: 202 });
      }),
      http.get(`${API}/imports/:id`, ({ params }) =>
        HttpResponse.json(job({ id: String(params.id), mode: 'insert', columns: accounts, status: 'succeeded', phase: 'done', total: 2, processed: 2, inserted: 2 })),
      ),
    );
    const view = renderWithProviders(<ImportsPage />);
    await upload(view);

    // The columns step, with the file's own columns and the refusal where it can be fixed.
    const columns = await screen.findByRole('table', { name: 'Columns' });
    expect(within(columns).getByRole('textbox', { name: 'Field for account' })).toHaveValue('Name');
    const matchOn = screen.getByRole('textbox', { name: 'Find existing records by' });
    expect(matchOn).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(refusal)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
    expect(state.uploads.map((query) => query.mode)).toEqual(['upsert', 'insert']);

    // Every row is new: inserting is checked and can go ahead.
    await view.user.click(screen.getByRole('textbox', { name: 'Mode' }));
    await view.user.click(await screen.findByRole('option', { name: 'Create new only' }));
    await waitFor(() => expect(count('inserted')).toHaveTextContent('2'));
    expect(screen.queryByText(refusal)).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Import' })).toBeEnabled());
  });

  it('reads the columns of a file with no column taken for the name, and lets the user map one', async () => {
    // As the API answers marketing-campaign.csv: no column feeds name, and none the email matched on.
    const unfed = 'No column feeds name. The file’s columns: ID, Education.';
    const campaign = [
      { column: 'ID', field: null },
      { column: 'Education', field: null },
    ];
    const uploads: { query: Record<string, string>; mapping: Record<string, string | null> }[] = [];
    server.use(
      http.get(`${API}/imports`, () => HttpResponse.json({ items: [], nextCursor: null })),
      http.post(`${API}/imports`, async ({ request }) => {
        const query = Object.fromEntries(new URL(request.url).searchParams);
        const mapping = JSON.parse(String((await request.formData()).get('mapping'))) as Record<string, string | null>;
        uploads.push({ query, mapping });
        const defaults = JSON.parse(query.defaults ?? '{}') as Record<string, string>;
        const errors: Record<string, string[]> = {};
        if (!Object.values(mapping).includes('name') && !defaults.name) errors.mapping = [unfed];
        if (query.mode === 'upsert' && !Object.values(mapping).includes('email')) errors.matchOn = ['The import matches on email, but no column feeds it.'];
        if (Object.keys(errors).length)
          return HttpResponse.json(problem(400, 'The request is not valid.', { errors }), {
            status: 400,
            headers: { 'Content-Type': 'application/problem+json' },
          });
        return HttpResponse.json(job({ id: `0190a000-0000-7000-8000-00000000c00${uploads.length}`, mode: 'insert', columns: campaign }), { status: 202 });
      }),
      http.get(`${API}/imports/:id`, ({ params }) =>
        HttpResponse.json(job({ id: String(params.id), mode: 'insert', columns: campaign, status: 'succeeded', phase: 'done', total: 3, processed: 3, inserted: 3 })),
      ),
    );
    const view = renderWithProviders(<ImportsPage />);
    await upload(view);

    const columns = await screen.findByRole('table', { name: 'Columns' });
    expect(within(columns).getByRole('textbox', { name: 'Field for ID' })).toHaveValue('Ignore this column');
    expect(screen.getByText(unfed)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
    // Read by a dry run that inserts, the required name stood in for; nothing of it is shown as the preview.
    expect(uploads[1].query).toMatchObject({ mode: 'insert', dryRun: 'true', defaults: '{"kind":"company","name":"-"}' });

    await view.user.click(screen.getByRole('textbox', { name: 'Mode' }));
    await view.user.click(await screen.findByRole('option', { name: 'Create new only' }));
    await view.user.click(within(columns).getByRole('textbox', { name: 'Field for ID' }));
    await view.user.click(await screen.findByRole('option', { name: 'Name' }));
    await waitFor(() => expect(count('inserted')).toHaveTextContent('3'));
    expect(uploads.at(-1)?.mapping).toEqual({ ID: 'name', Education: null });
    expect(uploads.at(-1)?.query).toMatchObject({ mode: 'insert', defaults: '{"kind":"company"}' });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Import' })).toBeEnabled());
  });

  it('says in words when the server cannot be reached, not the browser’s “Failed to fetch”', async () => {
    serveImports(() => [job({})]);
    server.use(http.post(`${API}/imports`, () => HttpResponse.error()));
    const view = renderWithProviders(<ImportsPage />);
    await upload(view);
    expect(await screen.findByRole('alert')).toHaveTextContent('The server could not be reached. Check your connection and try again.');
    expect(screen.queryByText(/fetch/i)).not.toBeInTheDocument();
  });

  it('asks which character set a file that is not UTF-8 was saved in, shows its lines read in it, and sends it', async () => {
    const state = serveImports((_, index) => {
      const id = `0190a000-0000-7000-8000-00000000e00${index}`;
      return [job({ id, columns: [{ column: 'Nazwa', field: 'name' }] }), job({ id, status: 'succeeded', phase: 'done', total: 1, processed: 1, inserted: 1 })];
    });
    const view = renderWithProviders(<ImportsPage />);
    // "Nazwa\nŁódź" as Excel in Poland saves it: windows-1250.
    const polish = new File([new Uint8Array([0x4e, 0x61, 0x7a, 0x77, 0x61, 0x0a, 0xa3, 0xf3, 0x64, 0x9f, 0x0a])], 'klienci.csv', { type: 'text/csv' });
    await view.user.upload(screen.getByLabelText('Browse…'), polish);

    // English: the likeliest set is Windows-1252, where the Polish letters come out wrong, and the sample shows it.
    expect(await screen.findByText('This file is not UTF-8 text')).toBeInTheDocument();
    const select = screen.getByRole('textbox', { name: 'Character set' });
    expect(select).toHaveValue('Windows-1252 (Western European: Portuguese, Catalan, English)');
    await waitFor(() => expect(screen.getByTestId('charset-sample')).toHaveTextContent('£ódŸ'));

    await view.user.click(select);
    await view.user.click(await screen.findByRole('option', { name: 'Windows-1250 (Central European: Polish)' }));
    await waitFor(() => expect(screen.getByTestId('charset-sample')).toHaveTextContent('Nazwa Łódź'));

    await view.user.click(screen.getByRole('button', { name: 'Read the columns' }));
    await waitFor(() => expect(state.uploads).toHaveLength(1));
    expect(state.uploads[0].query).toMatchObject({ charset: 'windows-1250', dryRun: 'true' });
    expect(await screen.findByRole('table', { name: 'Columns' })).toBeInTheDocument();
  });

  it('sends a UTF-8 file without a character set and does not ask for one', async () => {
    const state = serveImports((_, index) => [job({ id: `0190a000-0000-7000-8000-00000000f00${index}`, columns: detected })]);
    const view = renderWithProviders(<ImportsPage />);
    await upload(view);
    await waitFor(() => expect(state.uploads).toHaveLength(1));
    expect(state.uploads[0].query.charset).toBeUndefined();
    expect(screen.queryByText('This file is not UTF-8 text')).not.toBeInTheDocument();
  });

  it('refuses a file type the API cannot read', async () => {
    serveImports(() => [job({})]);
    renderWithProviders(<ImportsPage />);
    fireEvent.drop(await screen.findByTestId('file-drop'), {
      dataTransfer: { files: [new File(['x'], 'photo.png', { type: 'image/png' })] },
    });
    expect(await screen.findByText('Choose a .csv, .tsv, .txt or .json file.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Read the columns' })).toBeDisabled();
  });
});
