import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { allPages } from '@/api/pages';
import { unwrap } from '@/api/problem';

/** The signed-in user's tokens (Admins get everyone's). Secrets are never listed. */
export const apiTokensQueryOptions = () =>
  queryOptions({
    queryKey: ['api-tokens', 'list'],
    queryFn: ({ signal }) =>
      allPages(async (cursor) => (await unwrap(api.GET('/api/v1/api-tokens', { params: { query: { limit: 200, cursor } }, signal }))).data),
  });

export const useApiTokens = () => useQuery(apiTokensQueryOptions());
