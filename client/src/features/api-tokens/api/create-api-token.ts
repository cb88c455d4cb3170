import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { CreateApiTokenInput } from '@/api/types';

/** Creates a token; the response is the only place its secret ever appears. */
export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ input, idempotencyKey }: { input: CreateApiTokenInput; idempotencyKey: string }) =>
      (await unwrap(api.POST('/api/v1/api-tokens', { body: input, headers: { 'Idempotency-Key': idempotencyKey } }))).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-tokens'] }),
  });
}
