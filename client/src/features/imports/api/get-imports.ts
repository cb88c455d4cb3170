import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { isFinished } from './get-import';

/** How often the list asks again while a job in it is unfinished: gently, a running job's own page polls faster. */
export const LIST_POLL_MS = 3000;

/** The user's import jobs, newest first (an Admin sees everyone's), refreshed until every job listed has finished. */
export const importsQueryOptions = () =>
  queryOptions({
    queryKey: ['imports', 'list'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/imports', { params: { query: { limit: 20 } } }))).data.items,
    staleTime: 0,
    refetchInterval: (query) =>
      !query.state.error && query.state.data?.some((job) => !isFinished(job)) ? LIST_POLL_MS : false,
  });

export const useImports = () => useQuery(importsQueryOptions());
