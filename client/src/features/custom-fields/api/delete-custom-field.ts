import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { customFieldsQueryKey } from '@/lib/custom-fields';
import { customFieldQueryOptions } from './get-custom-field';

/**
 * Deletes a definition and, server-side, its value on every record. Sent with If-Match: the
 * list carries no ETag, so the definition is read first.
 */
export function useDeleteCustomField() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const { etag } = await queryClient.fetchQuery(customFieldQueryOptions(id));
      await unwrap(
        api.DELETE('/api/v1/custom-fields/{id}', { params: { path: { id } }, headers: etag ? { 'If-Match': etag } : {} }),
      );
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: customFieldsQueryKey }),
        // Records lose the field's values.
        queryClient.invalidateQueries({ queryKey: ['customers'] }),
        queryClient.invalidateQueries({ queryKey: ['contacts'] }),
      ]),
  });
}
