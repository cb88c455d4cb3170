import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
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
  // The phone column loads its formatter on first render (lib/phone); loaded here once, so that a CI run's load does not
  // put that import inside the first test's waits.
  beforeAll(async () => {
    await import('libphonenumber-js/min');
  });

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
    const { router } = renderWithProviders(<CustomersList />, { route: '/customers' });
    await screen.findByRole('link', { name: 'Alpha 1' });

    // Keystrokes with no pause between them, as from a quick typist: with user-event's default pause, a loaded
    // machine (CI beside the API suites) spaced them past the debounce's 300 ms, and 'zaklad' went out alone.
    await userEvent.setup({ delay: null }).type(screen.getByRole('searchbox', { name: 'Search' }), 'zaklad lodzki');
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
    await waitFor(() => expect(box).toHaveValue(''), { timeout: 5000 });
    await act(() => router.navigate(-1));
    await waitFor(() => expect(box).toHaveValue('lodz'), { timeout: 5000 });
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

  it('shows and hides columns from the keyboard, each a checked or unchecked item of the Columns menu', async () => {
    localStorage.removeItem('crm.customers.columns');
    serveCustomers([]);
    const { user } = renderWithProviders(<CustomersList />);
    const table = await screen.findByRole('table', { name: 'Customers' });
    await within(table).findByRole('link', { name: 'Alpha 1' });
    expect(within(table).queryByRole('columnheader', { name: 'Phone' })).not.toBeInTheDocument();

    screen.getByRole('button', { name: 'Columns' }).focus();
    await user.keyboard('{Enter}');
    const phone = await screen.findByRole('menuitemcheckbox', { name: 'Phone' });
    expect(phone).toHaveAttribute('aria-checked', 'false');
    expect(screen.getByRole('menuitemcheckbox', { name: 'Email' })).toHaveAttribute('aria-checked', 'true');
    // Down to Phone (Relationship, Lifecycle stage, Email, Phone), then Enter; the menu stays open for the next one.
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(phone).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await within(table).findByRole('columnheader', { name: 'Phone' })).toBeInTheDocument();
    expect(phone).toHaveAttribute('aria-checked', 'true');
    await user.keyboard('{ArrowUp}');
    await user.keyboard(' ');
    await waitFor(() => expect(within(table).queryByRole('columnheader', { name: 'Email' })).not.toBeInTheDocument());
    localStorage.removeItem('crm.customers.columns');
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

  /** What the browser is handed: the <a download> clicks, by address. */
  function captureDownloads() {
    const clicked: { href: string; download: string; rel: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, rel: this.rel });
    });
    return clicked;
  }

  /** The file through the API client, which the button no longer reads: any request for it fails the test. */
  function refuseInMemoryExport() {
    const fetched: string[] = [];
    server.use(
      http.get(`${API}/exports/customers`, ({ request }) => {
        fetched.push(request.url);
        return HttpResponse.text('', { status: 500 });
      }),
    );
    return fetched;
  }

  it("asks for a download link with the list's filters, busy until it comes, and hands it to the browser", async () => {
    serveCustomers([]);
    const clicked = captureDownloads();
    const fetched = refuseInMemoryExport();
    const asked: Request[] = [];
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    server.use(
      http.post(`${API}/exports/customers/links`, async ({ request }) => {
        asked.push(request);
        await released;
        return HttpResponse.json(
          { url: '/api/v1/exports/downloads/crm_dl_secret', expiresAt: '2026-12-07T13:31:00Z' },
          { status: 201, headers: { Location: '/api/v1/exports/downloads/crm_dl_secret' } },
        );
      }),
    );
    const { user } = renderWithProviders(<CustomersList />, { route: '/customers?q=alpha&type=lead&archived=true&sort=-createdAt' });
    await screen.findByRole('link', { name: 'Zakład Łódzki Żółć' });

    const button = screen.getByRole('button', { name: 'Export' });
    await user.click(button);
    await waitFor(() => expect(button).toHaveAttribute('aria-busy', 'true'));
    await user.click(button); // a second click while asking asks nothing more
    // The list's filters, not its sort (the file is in id order).
    expect(asked).toHaveLength(1);
    expect(Object.fromEntries(new URL(asked[0].url).searchParams)).toEqual({ format: 'csv', q: 'alpha', type: 'lead', archived: 'true' });

    release();
    expect(await screen.findByText('Download started: your browser saves the file.')).toBeInTheDocument();
    expect(clicked).toEqual([{ href: `${window.location.origin}/api/v1/exports/downloads/crm_dl_secret`, download: '', rel: 'noreferrer' }]);
    expect(document.querySelector('a[download]')).toBeNull(); // the link is gone once clicked
    expect(button).not.toHaveAttribute('aria-busy');
    expect(fetched).toEqual([]);
  });

  it.each([
    [400, { detail: 'One or more fields are not valid.', errors: { type: ['Use customer, prospect, lead, supplier or partner.'] } }, {}],
    [403, { detail: 'Your role may not export customers.' }, {}],
    [503, { detail: 'Exports are busy; try again in a moment.' }, { 'Retry-After': '10' }],
  ])('says what the API refused (%s) as it words it, and downloads nothing', async (status, body, headers) => {
    serveCustomers([]);
    const clicked = captureDownloads();
    server.use(
      http.post(`${API}/exports/customers/links`, () =>
        HttpResponse.json(problem(status, 'Refused', body), { status, headers: { 'Content-Type': 'application/problem+json', ...headers } }),
      ),
    );
    const { user } = renderWithProviders(<CustomersList />, { route: '/customers' });
    await screen.findByRole('link', { name: 'Alpha 1' });
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(await screen.findByText(body.detail)).toBeInTheDocument();
    expect(clicked).toEqual([]);
    expect(screen.getByRole('button', { name: 'Export' })).not.toHaveAttribute('aria-busy');
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

