import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { allPages } from '@/api/pages';
import { unwrap } from '@/api/problem';
import type { UserDirectoryEntry } from '@/api/types';

/**
 * Everyone who can own a customer (id, name, active), in name order: the user directory, which every role that
 * reads customers may read (the users list is for Admins). All pages, so every owner has a name.
 */
export const ownerOptionsQueryOptions = () =>
  queryOptions({
    queryKey: ['customers', 'owners'],
    queryFn: ({ signal }): Promise<UserDirectoryEntry[]> =>
      allPages(async (cursor) => (await unwrap(api.GET('/api/v1/users/directory', { params: { query: { limit: 200, cursor } }, signal }))).data),
    staleTime: 5 * 60 * 1000,
  });

export const useOwnerOptions = () => useQuery(ownerOptionsQueryOptions());
