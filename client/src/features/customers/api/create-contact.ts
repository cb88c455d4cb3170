import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { ContactInput } from '@/api/types';

export function useCreateContact(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ input, idempotencyKey }: { input: ContactInput; idempotencyKey: string }) =>
      (await unwrap(api.POST('/api/v1/contacts', { body: input, headers: { 'Idempotency-Key': idempotencyKey } }))).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', 'detail', customerId, 'contacts'] }),
  });
}
