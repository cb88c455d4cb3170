import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { ImportJob } from '@/api/types';
import { makeImportJob } from '@/testing/data';
import { API, server } from '@/testing/server';
import { useImportJob } from './get-import';

const id = '0190a000-0000-7000-8000-00000000d001';

const job = (overrides: Partial<ImportJob>): ImportJob =>
  makeImportJob({ id, mode: 'insert', dryRun: false, status: 'running', phase: 'merging', total: 2, processed: 2, ...overrides });

// What the app may hold in its cache when the job finishes: everything showing customers or contacts, and the rest.
const cached = [
  ['customers', 'list', { q: '' }],
  ['customers', 'list', 'total', {}],
  ['customers', 'detail', 'c1'],
  ['contacts', 'detail', 'k1'],
  ['search', 'acme'],
  ['imports', 'list'],
  ['users'],
] as const;

/** Renders the hook for a job the API answers with `served`, over a cache holding every key of `cached`. */
function watch(served: ImportJob) {
  server.use(http.get(`${API}/imports/:id`, () => HttpResponse.json(served)));
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  for (const key of cached) queryClient.setQueryData(key, {});
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
  const hook = renderHook(() => useImportJob(id), { wrapper });
  const invalidated = () => cached.filter((key) => queryClient.getQueryState(key)?.isInvalidated).map((key) => key[0]);
  return { hook, invalidated };
}

describe('useImportJob', () => {
  it('refreshes the imports list and whatever shows customers or contacts once an import has written', async () => {
    const { hook, invalidated } = watch(job({ status: 'succeeded', phase: 'done', inserted: 2, finishedAt: '2026-03-01T10:01:00Z' }));
    await waitFor(() => expect(hook.result.current.data?.status).toBe('succeeded'));
    await waitFor(() => expect(invalidated()).toEqual(['customers', 'customers', 'customers', 'contacts', 'search', 'imports']));
  });

  it('refreshes only the imports list after a dry run or a failure, which wrote nothing', async () => {
    for (const served of [
      job({ dryRun: true, status: 'succeeded', phase: 'done', finishedAt: '2026-03-01T10:01:00Z' }),
      job({ status: 'failed', phase: 'done', error: 'The database went away.', finishedAt: '2026-03-01T10:01:00Z' }),
    ]) {
      const { hook, invalidated } = watch(served);
      await waitFor(() => expect(hook.result.current.data?.status).toBe(served.status));
      await waitFor(() => expect(invalidated()).toEqual(['imports']));
      hook.unmount();
    }
  });

  it('refreshes nothing while the job runs', async () => {
    const { hook, invalidated } = watch(job({}));
    await waitFor(() => expect(hook.result.current.data?.status).toBe('running'));
    expect(invalidated()).toEqual([]);
    hook.unmount();
  });
});
