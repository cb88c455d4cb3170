import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { UserDirectoryEntry } from '@/api/types';

/**
 * Everyone who can own a customer (id, name, active), in name order: the user directory, which every role that
 * reads customers may read (the users list is for Admins). All pages, so every owner has a name.
 */
export const ownerOptionsQueryOptions = () =>
  queryOptions({
    queryKey: ['customers', 'owners'],
    queryFn: async ({ signal }) => {
      const owners: UserDirectoryEntry[] = [];
      let cursor: string | undefined;
      do {
        const page = (await unwrap(api.GET('/api/v1/users/directory', { params: { query: { limit: 200, cursor } }, signal }))).data;
        owners.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return owners;
    },
    staleTime: 5 * 60 * 1000,
  });

export const useOwnerOptions = () => useQuery(ownerOptionsQueryOptions());
