import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { ImportJob } from '@/api/types';

export const POLL_MS = 700;

export const isFinished = (job: Pick<ImportJob, 'status'> | undefined) =>
  job?.status === 'succeeded' || job?.status === 'failed';

export const importQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['imports', 'detail', id],
    queryFn: async () => (await unwrap(api.GET('/api/v1/imports/{id}', { params: { path: { id } } }))).data,
    // Poll until the job is done; a finished job never changes again.
    refetchInterval: (query) => (isFinished(query.state.data) || query.state.error ? false : POLL_MS),
    refetchIntervalInBackground: true,
    staleTime: (query) => (isFinished(query.state.data) ? Infinity : 0),
  });

/**
 * A job, polled while it runs; the recent list refreshes once it finishes, and once a real import has written so does
 * everything that shows customers or contacts: lists, totals, details and the search palette.
 */
export function useImportJob(id: string | null) {
  const queryClient = useQueryClient();
  const query = useQuery({ ...importQueryOptions(id ?? ''), enabled: id !== null });
  const finished = isFinished(query.data);
  const wrote = query.data?.status === 'succeeded' && !query.data.dryRun;
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
  }, [id, finished, queryClient]);
  useEffect(() => {
    if (!wrote) return;
    for (const queryKey of [['customers'], ['contacts'], ['search']]) void queryClient.invalidateQueries({ queryKey });
  }, [id, wrote, queryClient]);
  return query;
}
