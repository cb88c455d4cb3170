import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { allPages } from '@/api/pages';
import { unwrap } from '@/api/problem';
import type { CreateDepartmentInput } from '@/api/types';

export const departmentsQueryOptions = () =>
  queryOptions({
    queryKey: ['departments', 'list'],
    queryFn: ({ signal }) =>
      allPages(async (cursor) => (await unwrap(api.GET('/api/v1/departments', { params: { query: { limit: 200, cursor } }, signal }))).data),
  });

export const useDepartments = () => useQuery(departmentsQueryOptions());

export function useCreateDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: CreateDepartmentInput) => (await unwrap(api.POST('/api/v1/departments', { body: input }))).data,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['departments'] }),
        queryClient.invalidateQueries({ queryKey: ['users', 'department-options'] }),
      ]),
  });
}
