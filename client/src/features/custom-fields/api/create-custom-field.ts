import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { CreateCustomFieldInput } from '@/api/types';
import { customFieldsQueryKey } from '@/lib/custom-fields';

export function useCreateCustomField() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ input, idempotencyKey }: { input: CreateCustomFieldInput; idempotencyKey: string }) =>
      (await unwrap(api.POST('/api/v1/custom-fields', { body: input, headers: { 'Idempotency-Key': idempotencyKey } }))).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customFieldsQueryKey }),
  });
}
