import { Alert, Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock, IconPlayerPause, IconPlayerPlay, IconPlus, IconSend, IconTrash, IconWebhook } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/problem';
import type { CreatedWebhook, Webhook } from '@/api/types';
import { ActionsMenu } from '@/components/ui/actions-menu';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ListTable, ListView } from '@/components/ui/list-view';
import { PageHeader } from '@/components/ui/page-header';
import { errorMessage } from '@/lib/error-message';
import { useFormat } from '@/lib/format';
import { allEvents, useDeleteWebhook, usePingWebhook, useSetWebhookActive, useWebhooks } from '../api/webhooks';
import { CreateWebhookForm } from './create-webhook-form';
import { WebhookDeliveries } from './webhook-deliveries';
import { WebhookSecretModal } from './webhook-secret-modal';

/** A refusal in words: a 403 as what only Admins may do, else the API's own words or the network's (lib/error-message). */
function useProblemText() {
  const { t } = useTranslation();
  return (error: unknown) => (isApiError(error, 403) ? t('webhooks.forbidden') : errorMessage(error, t));
}

function DeleteDialog({ webhook, onClose }: { webhook: Webhook | null; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteWebhook();
  const problemText = useProblemText();
  const confirm = async () => {
    if (!webhook) return;
    try {
      await remove.mutateAsync(webhook.id);
      notifications.show({ color: 'green', message: t('webhooks.deleted', { url: webhook.url }) });
    } catch (error) {
      notifications.show({ color: 'red', message: problemText(error) });
    }
    onClose();
  };
  return (
    <ConfirmDialog
      opened={webhook !== null}
      title={t('webhooks.deleteTitle')}
      confirmLabel={t('webhooks.delete')}
      busy={remove.isPending}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      {t('webhooks.deleteText', { url: webhook?.url ?? '' })}
    </ConfirmDialog>
  );
}

function Events({ events }: { events: string[] }) {
  const { t } = useTranslation();
  if (events.includes(allEvents)) return <Badge variant="light">{t('webhooks.events.all')}</Badge>;
  return (
    <Group gap={4}>
      {events.map((event) => (
        <Badge key={event} size="sm" variant="light" tt="none">
          {event}
        </Badge>
      ))}
    </Group>
  );
}

function RowActions({ webhook, onDeliveries, onDelete }: { webhook: Webhook; onDeliveries: () => void; onDelete: () => void }) {
  const { t } = useTranslation();
  const ping = usePingWebhook();
  const setActive = useSetWebhookActive();
  const problemText = useProblemText();
  const sendTest = async () => {
    try {
      await ping.mutateAsync(webhook.id);
      notifications.show({ color: 'green', message: t('webhooks.pinged') });
    } catch (error) {
      notifications.show({ color: 'red', message: problemText(error) });
    }
  };
  const toggle = async () => {
    try {
      await setActive.mutateAsync({ id: webhook.id, active: !webhook.active });
      notifications.show({ color: 'green', message: t(webhook.active ? 'webhooks.paused' : 'webhooks.resumed', { url: webhook.url }) });
    } catch (error) {
      notifications.show({ color: 'red', message: problemText(error) });
    }
  };
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      <Button size="compact-sm" variant="subtle" onClick={onDeliveries}>
        {t('webhooks.deliveries.open')}
      </Button>
      <ActionsMenu
        label={t('webhooks.more', { url: webhook.url })}
        actions={[
          { label: t('webhooks.ping'), icon: <IconSend size={14} />, disabled: !webhook.active || ping.isPending, onSelect: () => void sendTest() },
          webhook.active
            ? { label: t('webhooks.pause'), icon: <IconPlayerPause size={14} />, disabled: setActive.isPending, onSelect: () => void toggle() }
            : { label: t('webhooks.resume'), icon: <IconPlayerPlay size={14} />, disabled: setActive.isPending, onSelect: () => void toggle() },
          { label: t('webhooks.delete'), icon: <IconTrash size={14} />, color: 'red', onSelect: onDelete },
        ]}
      />
    </Group>
  );
}

/** Webhook subscriptions (Admins): where events go, which, whether they arrive, and the delivery log of each. */
export function WebhooksList() {
  const { t } = useTranslation();
  const format = useFormat();
  const webhooks = useWebhooks();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const [viewing, setViewing] = useState<Webhook | null>(null);
  const items = webhooks.data ?? [];

  return (
    <Stack>
      <PageHeader
        title={t('webhooks.title')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('webhooks.create')}
          </Button>
        }
      />
      <Text c="dimmed">{t('webhooks.intro')}</Text>
      <ListView
        query={webhooks}
        count={webhooks.isError ? 0 : items.length}
        empty={t('webhooks.empty')}
        emptyIcon={IconWebhook}
        failure={
          isApiError(webhooks.error, 403) ? (
            <Alert color="orange" icon={<IconLock />} title={t('webhooks.forbiddenTitle')} role="alert">
              {t('webhooks.forbidden')}
            </Alert>
          ) : undefined
        }
      >
        <ListTable
          minWidth={760}
          label={t('webhooks.title')}
          columns={[t('webhooks.fields.url'), t('webhooks.fields.events'), t('webhooks.fields.status'), t('webhooks.fields.createdAt')]}
          actions
        >
          {items.map((webhook) => (
            <Table.Tr key={webhook.id} opacity={webhook.active ? 1 : 0.6}>
              <Table.Td>
                <Text size="sm" style={{ wordBreak: 'break-all' }}>
                  {webhook.url}
                </Text>
                {webhook.description ? (
                  <Text size="xs" c="dimmed">
                    {webhook.description}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Events events={webhook.events} />
              </Table.Td>
              <Table.Td>
                <Badge color={webhook.active ? 'green' : 'gray'} variant="dot">
                  {webhook.active ? t('webhooks.status.active') : t('webhooks.status.paused')}
                </Badge>
              </Table.Td>
              <Table.Td>{format.dateTime(webhook.createdAt)}</Table.Td>
              <Table.Td>
                <RowActions webhook={webhook} onDeliveries={() => setViewing(webhook)} onDelete={() => setDeleting(webhook)} />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </ListView>
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('webhooks.create')} size="lg">
        {creating ? (
          <CreateWebhookForm
            onCancel={() => setCreating(false)}
            onCreated={(result) => {
              setCreating(false);
              setCreated(result);
            }}
          />
        ) : null}
      </Modal>
      <Modal opened={viewing !== null} onClose={() => setViewing(null)} title={t('webhooks.deliveries.title')} size="xl">
        {viewing ? <WebhookDeliveries webhook={viewing} /> : null}
      </Modal>
      <WebhookSecretModal created={created} onClose={() => setCreated(null)} />
      <DeleteDialog webhook={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}
