import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

export const customerQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['customers', 'detail', id],
    queryFn: async () => {
      const { data, response } = await unwrap(api.GET('/api/v1/customers/{id}', { params: { path: { id } } }));
      return { customer: data, etag: response.headers.get('ETag') };
    },
  });

export const useCustomer = (id: string) => useQuery(customerQueryOptions(id));
