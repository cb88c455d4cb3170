import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { CustomerQuery } from '@/api/types';
import { env } from '@/config/env';

export type CustomerFilters = {
  q?: string;
  kind?: string;
  type?: string;
  lifecycleStage?: string;
  ownerId?: string;
  tag?: string;
  sort?: string;
  archived?: boolean;
};

// The total is asked for with the first page only: the list shows that page's, and counting every match again took
// longer than the page itself (on 2.1 million customers: 0.7 s for all of them, 0.6-1.9 s for the 420,000 with "+48").
function toQuery(filters: CustomerFilters, cursor: string | null): CustomerQuery {
  const query: Record<string, string | number | boolean> = { limit: env.pageSize, ...(cursor ? {} : { includeTotal: true }) };
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '' && value !== null) query[key] = value;
  }
  if (cursor) query.cursor = cursor;
  return query as CustomerQuery;
}

export const customersQueryOptions = (filters: CustomerFilters) =>
  infiniteQueryOptions({
    queryKey: ['customers', 'list', filters],
    queryFn: async ({ pageParam }) =>
      (await unwrap(api.GET('/api/v1/customers', { params: { query: toQuery(filters, pageParam) } }))).data,
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export const useCustomers = (filters: CustomerFilters) =>
  useInfiniteQuery({ ...customersQueryOptions(filters), placeholderData: (previous) => previous });
