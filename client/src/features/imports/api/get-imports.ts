import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

/** The user's import jobs, newest first (an Admin sees everyone's). */
export const importsQueryOptions = () =>
  queryOptions({
    queryKey: ['imports', 'list'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/imports', { params: { query: { limit: 20 } } }))).data.items,
    staleTime: 0,
  });

export const useImports = () => useQuery(importsQueryOptions());
