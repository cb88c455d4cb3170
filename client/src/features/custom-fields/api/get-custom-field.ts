import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { customFieldsQueryKey } from '@/lib/custom-fields';

/** One definition with the ETag that PUT and DELETE send back as If-Match. */
export const customFieldQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...customFieldsQueryKey, 'detail', id],
    queryFn: async () => {
      const { data, response } = await unwrap(api.GET('/api/v1/custom-fields/{id}', { params: { path: { id } } }));
      return { field: data, etag: response.headers.get('ETag') };
    },
    // Always the current version: an edit must start from the ETag the server holds now.
    staleTime: 0,
  });

export const useCustomField = (id: string) => useQuery(customFieldQueryOptions(id));
