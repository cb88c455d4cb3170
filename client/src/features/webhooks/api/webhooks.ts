import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { allPages } from '@/api/pages';
import { unwrap } from '@/api/problem';
import type { WebhookDeliveryStatus, WebhookInput } from '@/api/types';

/**
 * The event types a subscription can ask for (the API's WebhookEvents; "*" is every type, including types added
 * later). The API types them as plain strings, so the catalogue lives here; it refuses any type it does not know.
 */
export const webhookEventGroups = [
  { resource: 'customer', events: ['customer.created', 'customer.updated', 'customer.archived', 'customer.restored'] },
  { resource: 'contact', events: ['contact.created', 'contact.updated', 'contact.archived', 'contact.restored'] },
] as const;

export const allEvents = '*';

/** Every subscription, oldest first (a settings table of a few rows). Secrets are never listed. */
export const webhooksQueryOptions = () =>
  queryOptions({
    queryKey: ['webhooks', 'list'],
    queryFn: ({ signal }) =>
      allPages(async (cursor) => (await unwrap(api.GET('/api/v1/webhooks', { params: { query: { limit: 200, cursor } }, signal }))).data),
  });

export const useWebhooks = () => useQuery(webhooksQueryOptions());

/** A subscription's deliveries, newest first, a page at a time, optionally of one status. */
export const webhookDeliveriesQueryOptions = (id: string, status: WebhookDeliveryStatus | null) =>
  infiniteQueryOptions({
    queryKey: ['webhooks', 'deliveries', id, { status }],
    queryFn: async ({ pageParam, signal }) =>
      (
        await unwrap(
          api.GET('/api/v1/webhooks/{id}/deliveries', {
            params: {
              path: { id },
              query: { limit: 20, ...(status ? { status } : {}), ...(pageParam ? { cursor: pageParam } : {}) },
            },
            signal,
          }),
        )
      ).data,
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export const useWebhookDeliveries = (id: string, status: WebhookDeliveryStatus | null) =>
  useInfiniteQuery(webhookDeliveriesQueryOptions(id, status));

/** Subscribes; the response is the only place a generated secret ever appears. */
export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ input, idempotencyKey }: { input: WebhookInput; idempotencyKey: string }) =>
      (await unwrap(api.POST('/api/v1/webhooks', { body: input, headers: { 'Idempotency-Key': idempotencyKey } }))).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks', 'list'] }),
  });
}

/** Pauses or resumes deliveries (a merge patch of `active`). */
export function useSetWebhookActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, active }: { id: string; active: boolean }) =>
      (
        await unwrap(
          api.PATCH('/api/v1/webhooks/{id}', {
            params: { path: { id } },
            body: { active },
            headers: { 'Content-Type': 'application/merge-patch+json' },
          }),
        )
      ).data,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['webhooks', 'list'] }),
  });
}

/** Deletes the subscription and its delivery log. */
export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await unwrap(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id } } }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}

/** Queues a signed `webhook.ping` for this subscription only. */
export function usePingWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => (await unwrap(api.POST('/api/v1/webhooks/{id}/ping', { params: { path: { id } } }))).data,
    onSuccess: (_, id) => queryClient.invalidateQueries({ queryKey: ['webhooks', 'deliveries', id] }),
  });
}

/** Queues the same event again (same event id, fresh signature). */
export function useReplayDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, deliveryId }: { id: string; deliveryId: string }) =>
      (await unwrap(api.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay', { params: { path: { id, deliveryId } } }))).data,
    onSuccess: (_, { id }) => queryClient.invalidateQueries({ queryKey: ['webhooks', 'deliveries', id] }),
  });
}
