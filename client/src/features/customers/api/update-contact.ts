import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { Contact, ContactInput } from '@/api/types';
import { contactQueryOptions } from './get-contact';

export type SavedContact = { contact: Contact; etag: string | null };

export async function updateContact(id: string, input: ContactInput, etag: string | null): Promise<SavedContact> {
  const { data, response } = await unwrap(
    api.PUT('/api/v1/contacts/{id}', {
      params: { path: { id } },
      headers: etag ? { 'If-Match': etag } : {},
      body: input,
    }),
  );
  return { contact: data, etag: response.headers.get('ETag') };
}

export function useUpdateContact(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, etag }: { input: ContactInput; etag: string | null }) => updateContact(id, input, etag),
    onSuccess: (saved) => {
      queryClient.setQueryData(contactQueryOptions(id).queryKey, saved);
      return queryClient.invalidateQueries({ queryKey: ['customers', 'detail', saved.contact.customerId, 'contacts'] });
    },
  });
}
