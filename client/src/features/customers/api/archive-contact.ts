import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { contactQueryOptions } from './get-contact';

export async function archiveContact(id: string, etag: string | null): Promise<void> {
  await unwrap(
    api.DELETE('/api/v1/contacts/{id}', { params: { path: { id } }, headers: etag ? { 'If-Match': etag } : {} }),
  );
}

export async function restoreContact(id: string): Promise<void> {
  await unwrap(api.POST('/api/v1/contacts/{id}/restore', { params: { path: { id } } }));
}

/**
 * Archives with If-Match: the ETag of the version this client last read (the list carries
 * none, so the contact is read when nothing fresh is cached). A stale one is a 412.
 */
export function useSetContactArchived(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, archived }: { id: string; archived: boolean }) => {
      if (!archived) return restoreContact(id);
      const { etag } = await queryClient.fetchQuery(contactQueryOptions(id));
      return archiveContact(id, etag);
    },
    onSettled: (_data, _error, { id }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: contactQueryOptions(id).queryKey }),
        queryClient.invalidateQueries({ queryKey: ['customers', 'detail', customerId, 'contacts'] }),
      ]),
  });
}
