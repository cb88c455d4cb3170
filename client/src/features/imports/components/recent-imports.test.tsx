import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { ImportJob } from '@/api/types';
import { makeImportJob } from '@/testing/data';
import { renderWithProviders } from '@/testing/render';
import { API, server } from '@/testing/server';
import { importsQueryOptions, LIST_POLL_MS } from '../api/get-imports';
import { RecentImports } from './recent-imports';

const job = (n: number, overrides: Partial<ImportJob>) =>
  makeImportJob({ id: `0190a000-0000-7000-8000-00000000e00${n}`, dryRun: false, fileName: `file-${n}.csv`, ...overrides });

const receiving = job(1, { status: 'running', phase: 'receiving', total: 5000, processed: 1200, rejected: 3 });
const staged = job(2, { status: 'queued', phase: 'staged', total: 5000, processed: 5000, rejected: 4 });
const merging = job(3, { status: 'running', phase: 'merging', step: 'writing', total: 5000, processed: 5000, rejected: 4 });
const merged = job(3, { status: 'succeeded', phase: 'done', total: 5000, processed: 5000, inserted: 4990, updated: 6, rejected: 4 });
const polish = job(4, { status: 'succeeded', phase: 'done', fileName: 'klienci.csv', charset: 'windows-1250', total: 2, processed: 2, inserted: 2 });

const row = (file: string) => screen.getByRole('row', { name: new RegExp(file) });
const cells = (file: string) => within(row(file)).getAllByRole('cell').map((cell) => cell.textContent);

describe('RecentImports', () => {
  it('says what an unfinished job is doing in the wizard’s words, and leaves its counts blank until it finishes', async () => {
    server.use(http.get(`${API}/imports`, () => HttpResponse.json({ items: [receiving, staged, merging], nextCursor: null })));
    renderWithProviders(<RecentImports />);

    await screen.findByRole('table', { name: 'Recent imports' });
    expect(within(row('file-1.csv')).getByText('Receiving the file')).toBeInTheDocument();
    expect(within(row('file-1.csv')).getByText('1,200 of 5,000 rows')).toBeInTheDocument();
    expect(within(row('file-2.csv')).getByText('Queued')).toBeInTheDocument();
    expect(within(row('file-3.csv')).getByText('Saving the records')).toBeInTheDocument();
    expect(within(row('file-3.csv')).getByText('Step 2 of 4: inserting and updating them')).toBeInTheDocument();
    for (const file of ['file-1.csv', 'file-2.csv', 'file-3.csv']) {
      expect(cells(file).slice(4, 9)).toEqual(['—', '—', '—', '—', '—']);
      // The rejected rows so far are not the job's: no download yet.
      expect(within(row(file)).queryByRole('button')).not.toBeInTheDocument();
    }
    expect(screen.queryByText('Succeeded')).not.toBeInTheDocument();
  });

  it('names the character set a file was read in when it was not UTF-8', async () => {
    server.use(http.get(`${API}/imports`, () => HttpResponse.json({ items: [polish, merged], nextCursor: null })));
    renderWithProviders(<RecentImports />);

    await screen.findByRole('table', { name: 'Recent imports' });
    expect(cells('klienci.csv')[1]).toBe('klienci.csvwindows-1250');
    expect(within(row('klienci.csv')).getByTitle('Character set')).toHaveTextContent('windows-1250');
    expect(cells('file-3.csv')[1]).toBe('file-3.csv');
  });

  it('refreshes while a job is unfinished and shows its counts once it has committed', async () => {
    let requests = 0;
    server.use(
      http.get(`${API}/imports`, () => {
        requests += 1;
        return HttpResponse.json({ items: [requests === 1 ? merging : merged], nextCursor: null });
      }),
    );
    renderWithProviders(<RecentImports />);

    expect(await screen.findByText('Saving the records')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('Succeeded')).toBeInTheDocument(), { timeout: LIST_POLL_MS * 3 });
    expect(cells('file-3.csv').slice(4, 9)).toEqual(['4,990', '6', '0', '0', '4']);
    expect(within(row('file-3.csv')).getByRole('button')).toBeInTheDocument();
    expect(requests).toBe(2);
  });

  it('polls gently while any listed job is unfinished, and not at all once all are done or the list failed', () => {
    // Only the query's state is read.
    type State = { state: { data: ImportJob[] | undefined; error: Error | null } };
    const interval = importsQueryOptions().refetchInterval as unknown as (query: State) => number | false;
    const at = (data: ImportJob[] | undefined, error: Error | null = null) => interval({ state: { data, error } });
    expect(at([merged, staged])).toBe(LIST_POLL_MS);
    expect(at([receiving])).toBe(LIST_POLL_MS);
    expect(LIST_POLL_MS).toBeGreaterThanOrEqual(2000);
    expect(at([merged, job(4, { status: 'failed', phase: 'done' })])).toBe(false);
    expect(at([])).toBe(false);
    expect(at(undefined)).toBe(false);
    expect(at([merging], new Error('offline'))).toBe(false);
  });
});
