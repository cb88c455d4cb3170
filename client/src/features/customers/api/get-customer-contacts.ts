import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { env } from '@/config/env';

export const customerContactsQueryOptions = (customerId: string) =>
  infiniteQueryOptions({
    queryKey: ['customers', 'detail', customerId, 'contacts'],
    queryFn: async ({ pageParam }) =>
      (
        await unwrap(
          api.GET('/api/v1/customers/{id}/contacts', {
            params: { path: { id: customerId }, query: { limit: env.pageSize, ...(pageParam ? { cursor: pageParam } : {}) } },
          }),
        )
      ).data,
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export const useCustomerContacts = (customerId: string) => useInfiniteQuery(customerContactsQueryOptions(customerId));
