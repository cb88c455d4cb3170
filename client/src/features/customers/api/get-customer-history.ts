import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

/** How many changes a page of the history shows before "Show more". */
export const historyPageSize = 10;

/** A customer's changes from the audit log, newest first (Admins and Managers may read it). */
export const customerHistoryQueryOptions = (customerId: string) =>
  infiniteQueryOptions({
    // Under the customer's detail key, so that saving, archiving or restoring it reloads its history too.
    queryKey: ['customers', 'detail', customerId, 'history'],
    queryFn: async ({ pageParam }) =>
      (
        await unwrap(
          api.GET('/api/v1/audit', {
            params: {
              query: {
                entityType: 'customer',
                entityId: customerId,
                limit: historyPageSize,
                ...(pageParam ? { cursor: pageParam } : {}),
              },
            },
          }),
        )
      ).data,
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export const useCustomerHistory = (customerId: string, enabled: boolean) =>
  useInfiniteQuery({ ...customerHistoryQueryOptions(customerId), enabled });
