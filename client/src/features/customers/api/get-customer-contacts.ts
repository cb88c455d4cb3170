import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { env } from '@/config/env';

/** The active contacts of a customer, or with `archived` its archived ones. */
export const customerContactsQueryOptions = (customerId: string, archived = false) =>
  infiniteQueryOptions({
    queryKey: ['customers', 'detail', customerId, 'contacts', { archived }],
    queryFn: async ({ pageParam }) =>
      (
        await unwrap(
          api.GET('/api/v1/customers/{id}/contacts', {
            params: {
              path: { id: customerId },
              query: { limit: env.pageSize, ...(archived ? { archived } : {}), ...(pageParam ? { cursor: pageParam } : {}) },
            },
          }),
        )
      ).data,
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export const useCustomerContacts = (customerId: string, archived = false) =>
  useInfiniteQuery(customerContactsQueryOptions(customerId, archived));
