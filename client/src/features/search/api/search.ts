import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

const LIMIT = 8;

/** One query for the Ctrl+K palette: customers and contacts matching the text. */
export const globalSearchQueryOptions = (q: string) =>
  queryOptions({
    queryKey: ['search', q],
    queryFn: async () => {
      const [customers, contacts] = await Promise.all([
        unwrap(api.GET('/api/v1/customers', { params: { query: { q, limit: LIMIT } } })),
        unwrap(api.GET('/api/v1/contacts', { params: { query: { q, limit: LIMIT } } })).catch(() => null),
      ]);
      return { customers: customers.data.items, contacts: contacts?.data.items ?? [] };
    },
    staleTime: 10_000,
  });

export const useGlobalSearch = (q: string) =>
  useQuery({ ...globalSearchQueryOptions(q), enabled: q.length >= 2, placeholderData: (previous) => previous });
