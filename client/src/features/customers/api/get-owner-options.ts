import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

/** People who can own customers. Listing users is for Admins; others only see themselves. */
export const ownerOptionsQueryOptions = () =>
  queryOptions({
    queryKey: ['customers', 'owners'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/users', { params: { query: { limit: 200 } } }))).data.items,
    staleTime: 5 * 60 * 1000,
  });

export const useOwnerOptions = (enabled: boolean) => useQuery({ ...ownerOptionsQueryOptions(), enabled });
