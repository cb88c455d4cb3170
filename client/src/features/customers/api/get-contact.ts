import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

/** One contact with the ETag that PUT and DELETE send back as If-Match. */
export const contactQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['contacts', 'detail', id],
    queryFn: async () => {
      const { data, response } = await unwrap(api.GET('/api/v1/contacts/{id}', { params: { path: { id } } }));
      return { contact: data, etag: response.headers.get('ETag') };
    },
  });

export const useContact = (id: string) => useQuery(contactQueryOptions(id));
