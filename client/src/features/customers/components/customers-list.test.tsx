import { act, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminMe, makeCustomer, problem } from '@/testing/data';
import { renderWithProviders } from '@/testing/render';
import { API, server } from '@/testing/server';
import { CustomersList } from './customers-list';

const firstPage = Array.from({ length: 3 }, (_, i) => makeCustomer({ name: `Alpha ${i + 1}` }));
const secondPage = [makeCustomer({ name: 'Beta 1' })];

function serveCustomers(seen: URL[]) {
  server.use(
    http.get(`${API}/customers`, ({ request }) => {
      const url = new URL(request.url);
      seen.push(url);
      const q = url.searchParams.get('q');
      // As the API: a total only when asked for.
      const total = (n: number) => (url.searchParams.get('includeTotal') === 'true' ? { total: n } : {});
      if (q) {
        const hit = makeCustomer({ name: 'Zakład Łódzki Żółć', tags: ['vip'] });
        return HttpResponse.json({ items: [hit], nextCursor: null, ...total(1) });
      }
      if (url.searchParams.get('cursor') === 'page-2') return HttpResponse.json({ items: secondPage, nextCursor: null, ...total(4) });
      return HttpResponse.json({ items: firstPage, nextCursor: 'page-2', ...total(4) });
    }),
  );
}

describe('CustomersList', () => {
  it('pages with the cursor the API returns', async () => {
    const seen: URL[] = [];
    serveCustomers(seen);
    const { user } = renderWithProviders(<CustomersList />, { route: '/customers' });

    expect(await screen.findByRole('link', { name: 'Alpha 1' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('customers-count')).toHaveTextContent('Showing 3 of 4'));
    // The total comes from a request of its own, beside the pages, which do not ask for it.
    const counts = seen.filter((url) => url.searchParams.get('includeTotal') === 'true');
    expect(counts.map((url) => url.searchParams.get('limit'))).toEqual(['1']);
    const pages = seen.filter((url) => !url.searchParams.has('includeTotal'));
    expect(pages[0].searchParams.get('sort')).toBe('name');

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('link', { name: 'Beta 1' })).toBeInTheDocument();
    expect(seen.at(-1)?.searchParams.get('cursor')).toBe('page-2');
    expect(seen.filter((url) => url.searchParams.has('includeTotal'))).toHaveLength(1); // the total stands while paging
    expect(screen.getByTestId('customers-count')).toHaveTextContent('Showing 4 of 4');
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('searches on the server after the user stops typing', async () => {
    const seen: URL[] = [];
    serveCustomers(seen);
    const { user, router } = renderWithProviders(<CustomersList />, { route: '/customers' });
    await screen.findByRole('link', { name: 'Alpha 1' });

    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'zaklad lodzki');
    expect(await screen.findByRole('link', { name: 'Zakład Łódzki Żółć' })).toBeInTheDocument();
    const searches = seen.filter((url) => url.searchParams.has('q') && !url.searchParams.has('includeTotal'));
    // Debounced: one request for the whole phrase, not one per keystroke.
    expect(searches.map((url) => url.searchParams.get('q'))).toEqual(['zaklad lodzki']);
    expect(router.state.location.search).toContain('q=zaklad+lodzki');
  });

  it('keeps the search box in step with the address when it changes under it', async () => {
    const seen: URL[] = [];
    serveCustomers(seen);
    const { user, router } = renderWithProviders(<CustomersList />, { route: '/customers' });
    await screen.findByRole('link', { name: 'Alpha 1' });
    const box = screen.getByRole('searchbox', { name: 'Search' });
    await user.type(box, 'lodz');
    await waitFor(() => expect(router.state.location.search).toContain('q=lodz'));

    // The sidebar's link to the bare list, then Back.
    await act(() => router.navigate('/customers'));
    await waitFor(() => expect(box).toHaveValue(''));
    await act(() => router.navigate(-1));
    await waitFor(() => expect(box).toHaveValue('lodz'));
    expect(router.state.location.search).toContain('q=lodz');
  });

  it('sorts on the server when a column header is pressed', async () => {
    const seen: URL[] = [];
    serveCustomers(seen);
    const { user } = renderWithProviders(<CustomersList />, { route: '/customers' });
    await screen.findByRole('link', { name: 'Alpha 1' });
    const table = screen.getByRole('table', { name: 'Customers' });
    await user.click(within(table).getByRole('button', { name: /Name/ }));
    await waitFor(() => expect(seen.at(-1)?.searchParams.get('sort')).toBe('-name'));
    expect(within(table).getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'descending');
    expect(seen.filter((url) => url.searchParams.has('includeTotal'))).toHaveLength(1); // sorting does not count again
  });

  it('filters by relationship type from the URL', async () => {
    const seen: URL[] = [];
    serveCustomers(seen);
    renderWithProviders(<CustomersList />, { route: '/customers?type=supplier&tag=vip&kind=person' });
    await screen.findByRole('link', { name: 'Alpha 1' });
    await waitFor(() => expect(seen).toHaveLength(2));
    expect(seen.filter((url) => url.searchParams.get('includeTotal') === 'true' && url.searchParams.get('limit') === '1')).toHaveLength(1);
    // The page and the total ask with the same filters.
    for (const url of seen) {
      expect(url.searchParams.get('type')).toBe('supplier');
      expect(url.searchParams.get('kind')).toBe('person');
      expect(url.searchParams.get('tag')).toBe('vip');
    }
  });
});

describe('CustomersList export', () => {
  afterEach(() => vi.restoreAllMocks());

  /** The browser's part of a download: the file handed to an <a download>. */
  function captureDownloads() {
    const files: { name: string; blob: Blob }[] = [];
    let last: Blob | null = null;
    URL.createObjectURL = vi.fn((blob: Blob) => {
      last = blob;
      return 'blob:export';
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      files.push({ name: this.download, blob: last! });
    });
    return files;
  }

  // jsdom's Blob has no text().
  const read = (blob: Blob) =>
    new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(blob);
    });

  const csv = 'id,name\r\n1,Alpha 1\r\n2,"Alpha\r\n2"\r\n';

  it("downloads the CSV of the list's filters, busy while it streams, then says how many", async () => {
    serveCustomers([]);
    const files = captureDownloads();
    const asked: URL[] = [];
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    server.use(
      http.get(`${API}/exports/customers`, ({ request }) => {
        asked.push(new URL(request.url));
        const encoder = new TextEncoder();
        const body = new ReadableStream<Uint8Array>({
          async start(controller) {
            controller.enqueue(encoder.encode('id,name\r\n1,Alpha 1\r\n'));
            await released;
            controller.enqueue(encoder.encode('2,"Alpha\r\n2"\r\n'));
            controller.close();
          },
        });
        return new HttpResponse(body, {
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="customers-20261207-133000.csv"' },
        });
      }),
    );
    const { user } = renderWithProviders(<CustomersList />, { route: '/customers?q=alpha&type=lead&archived=true&sort=-createdAt' });
    await screen.findByRole('link', { name: 'Zakład Łódzki Żółć' });
    await waitFor(() => expect(screen.getByTestId('customers-count')).toHaveTextContent('Showing 1 of 1'));

    const button = screen.getByRole('button', { name: 'Export' });
    await user.click(button);
    await waitFor(() => expect(screen.getByTestId('export-status')).toHaveTextContent('Exporting… 1 of 1'));
    expect(button).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByRole('progressbar', { name: 'Export progress' })).toBeInTheDocument();
    // The list's filters, not its sort (the file is in id order).
    expect(Object.fromEntries(asked[0].searchParams)).toEqual({ format: 'csv', q: 'alpha', type: 'lead', archived: 'true' });

    release();
    expect(await screen.findByText('Customers exported: 2 (customers-20261207-133000.csv)')).toBeInTheDocument();
    expect(screen.queryByTestId('export-status')).not.toBeInTheDocument();
    expect(button).not.toHaveAttribute('aria-busy');
    expect(files.map((file) => file.name)).toEqual(['customers-20261207-133000.csv']);
    expect(await read(files[0].blob)).toBe(csv);
  });

  it('stops on Cancel without a file, and says what the API refused', async () => {
    serveCustomers([]);
    const files = captureDownloads();
    let answer: 'hang' | 'busy' = 'hang';
    server.use(
      http.get(`${API}/exports/customers`, () =>
        answer === 'hang'
          ? new HttpResponse(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('id,name\r\n')) }), {
              headers: { 'Content-Type': 'text/csv' },
            })
          : HttpResponse.json(problem(503, 'Service Unavailable', { detail: 'Exports are busy; try again in a moment.' }), {
              status: 503,
              headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '5' },
            }),
      ),
    );
    const { user } = renderWithProviders(<CustomersList />, { route: '/customers' });
    await screen.findByRole('link', { name: 'Alpha 1' });
    await user.click(screen.getByRole('button', { name: 'Export' }));
    const status = await screen.findByTestId('export-status');
    await user.click(within(status).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByTestId('export-status')).not.toBeInTheDocument());
    expect(files).toEqual([]);

    answer = 'busy';
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(await screen.findByText('Exports are busy; try again in a moment.')).toBeInTheDocument();
    expect(files).toEqual([]);
  });

  it.each([
    ['ReadOnly', true],
    ['Employee', false],
  ])('is offered to %s: %s', async (role, offered) => {
    serveCustomers([]);
    server.use(http.get(`${API}/me`, () => HttpResponse.json({ ...adminMe, roles: [role] })));
    renderWithProviders(<CustomersList />, { route: '/customers' });
    await screen.findByRole('link', { name: 'Alpha 1' });
    await screen.findByRole('button', { name: 'Columns' });
    if (offered) expect(await screen.findByRole('button', { name: 'Export' })).toBeInTheDocument();
    else {
      await act(() => new Promise((resolve) => setTimeout(resolve, 100)));
      expect(screen.queryByRole('button', { name: 'Export' })).not.toBeInTheDocument();
    }
  });
});

