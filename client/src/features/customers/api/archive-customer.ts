import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

export async function archiveCustomer(id: string): Promise<void> {
  await unwrap(api.DELETE('/api/v1/customers/{id}', { params: { path: { id } } }));
}

export async function restoreCustomer(id: string): Promise<void> {
  await unwrap(api.POST('/api/v1/customers/{id}/restore', { params: { path: { id } } }));
}

export function useSetCustomerArchived() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, archived }: { id: string; archived: boolean }) =>
      archived ? archiveCustomer(id) : restoreCustomer(id),
    onSettled: (_data, _error, { id }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['customers', 'detail', id] }),
        queryClient.invalidateQueries({ queryKey: ['customers', 'list'] }),
      ]),
  });
}
