import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { allPages } from '@/api/pages';
import { unwrap } from '@/api/problem';
import type { CreateUserInput, UserPatch } from '@/api/types';

export const roles = ['Admin', 'Manager', 'Sales', 'Support', 'Marketing', 'Employee', 'ReadOnly'] as const;

export const usersQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: ['users', 'list'],
    queryFn: async ({ pageParam }) =>
      (await unwrap(api.GET('/api/v1/users', { params: { query: { limit: 100, ...(pageParam ? { cursor: pageParam } : {}) } } }))).data,
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export const useUsers = () => useInfiniteQuery(usersQueryOptions());

/** Departments to pick from when inviting or editing a user. */
export const departmentOptionsQueryOptions = () =>
  queryOptions({
    queryKey: ['users', 'department-options'],
    queryFn: ({ signal }) =>
      allPages(async (cursor) => (await unwrap(api.GET('/api/v1/departments', { params: { query: { limit: 200, cursor } }, signal }))).data),
    staleTime: 60_000,
  });

export const useDepartmentOptions = () => useQuery(departmentOptionsQueryOptions());

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: CreateUserInput) => (await unwrap(api.POST('/api/v1/users', { body: input }))).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, patch }: { id: string; patch: UserPatch }) =>
      (
        await unwrap(
          api.PATCH('/api/v1/users/{id}', {
            params: { path: { id } },
            body: patch,
            headers: { 'Content-Type': 'application/merge-patch+json' },
          }),
        )
      ).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
