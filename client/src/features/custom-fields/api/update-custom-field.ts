import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { UpdateCustomFieldInput } from '@/api/types';
import { customFieldsQueryKey } from '@/lib/custom-fields';

/** Replaces label, help text and options with If-Match; a stale ETag is a 412. */
export function useUpdateCustomField(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ input, etag }: { input: UpdateCustomFieldInput; etag: string | null }) =>
      (
        await unwrap(
          api.PUT('/api/v1/custom-fields/{id}', {
            params: { path: { id } },
            headers: etag ? { 'If-Match': etag } : {},
            body: input,
          }),
        )
      ).data,
    onSettled: () => queryClient.invalidateQueries({ queryKey: customFieldsQueryKey }),
  });
}
