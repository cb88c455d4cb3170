import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { Customer, CustomerInput } from '@/api/types';
import { customerQueryOptions } from './get-customer';
import { customerHistoryQueryOptions } from './get-customer-history';

export type SavedCustomer = { customer: Customer; etag: string | null };

function remember(queryClient: QueryClient, saved: SavedCustomer) {
  if (saved.customer.id) {
    queryClient.setQueryData(customerQueryOptions(saved.customer.id).queryKey, saved);
    void queryClient.invalidateQueries({ queryKey: customerHistoryQueryOptions(saved.customer.id).queryKey });
  }
  void queryClient.invalidateQueries({ queryKey: ['customers', 'list'] });
}

export async function createCustomer(input: CustomerInput, idempotencyKey: string): Promise<SavedCustomer> {
  const { data, response } = await unwrap(
    api.POST('/api/v1/customers', { body: input, headers: { 'Idempotency-Key': idempotencyKey } }),
  );
  return { customer: data, etag: response.headers.get('ETag') };
}

export async function updateCustomer(id: string, input: CustomerInput, etag: string | null): Promise<SavedCustomer> {
  const { data, response } = await unwrap(
    api.PUT('/api/v1/customers/{id}', {
      params: { path: { id } },
      headers: etag ? { 'If-Match': etag } : {},
      body: input,
    }),
  );
  return { customer: data, etag: response.headers.get('ETag') };
}

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: CustomerInput; idempotencyKey: string }) =>
      createCustomer(input, idempotencyKey),
    onSuccess: (saved) => remember(queryClient, saved),
  });
}

export function useUpdateCustomer(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, etag }: { input: CustomerInput; etag: string | null }) => updateCustomer(id, input, etag),
    onSuccess: (saved) => remember(queryClient, saved),
  });
}
