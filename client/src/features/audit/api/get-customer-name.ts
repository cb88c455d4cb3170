import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';

/**
 * A customer's name for a line of the audit log, or null when there is none to show: an export's filter keeps the id
 * it was given, and that customer may since have been erased, or never have existed. Nothing is thrown for a 404.
 */
export const customerNameQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['audit', 'customerName', id],
    queryFn: async ({ signal }) => {
      const { data } = await api.GET('/api/v1/customers/{id}', { params: { path: { id } }, signal });
      return data?.name ?? null;
    },
    staleTime: 5 * 60 * 1000,
    retry: false,
  });

export const useCustomerName = (id: string) => useQuery(customerNameQueryOptions(id));
