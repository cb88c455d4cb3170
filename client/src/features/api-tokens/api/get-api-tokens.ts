import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

/** The signed-in user's tokens (Admins get everyone's). Secrets are never listed. */
export const apiTokensQueryOptions = () =>
  queryOptions({
    queryKey: ['api-tokens', 'list'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/api-tokens'))).data.items,
  });

export const useApiTokens = () => useQuery(apiTokensQueryOptions());
