import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { env } from '@/config/env';

/** The record types the audit log names (GET /audit's `entityType`). */
export const auditEntityTypes = [
  'customer',
  'contact',
  'user',
  'department',
  'apiToken',
  'customFieldDefinition',
  'webhookSubscription',
  'export',
] as const;
export type AuditEntityType = (typeof auditEntityTypes)[number];

/** Every change the audit log holds, newest first, optionally of one record type (Admins and Managers). */
export const auditQueryOptions = (entityType: AuditEntityType | null) =>
  infiniteQueryOptions({
    queryKey: ['audit', { entityType }],
    queryFn: async ({ pageParam }) =>
      (
        await unwrap(
          api.GET('/api/v1/audit', {
            params: {
              query: {
                limit: env.pageSize,
                ...(entityType ? { entityType } : {}),
                ...(pageParam ? { cursor: pageParam } : {}),
              },
            },
          }),
        )
      ).data,
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export const useAudit = (entityType: AuditEntityType | null) => useInfiniteQuery(auditQueryOptions(entityType));
