import { Alert, Badge, Button, Code, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey, IconLock, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/problem';
import type { ApiToken, CreatedApiToken } from '@/api/types';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ListTable, ListView } from '@/components/ui/list-view';
import { PageHeader } from '@/components/ui/page-header';
import { useFormat } from '@/lib/format';
import { errorMessage } from '@/lib/error-message';
import { useApiTokens } from '../api/get-api-tokens';
import { useRevokeApiToken } from '../api/revoke-api-token';
import { CreateApiTokenForm } from './create-api-token-form';
import { TokenSecretModal } from './token-secret-modal';

type Status = 'active' | 'expired' | 'revoked';
const statusColor: Record<Status, string> = { active: 'green', expired: 'gray', revoked: 'red' };

function statusOf(token: ApiToken, now: number): Status {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}

/** A 403 is a permission the user lacks, not a failure: say so in words. */
function ForbiddenAlert() {
  const { t } = useTranslation();
  return (
    <Alert color="orange" icon={<IconLock />} title={t('apiTokens.forbiddenTitle')} role="alert">
      {t('apiTokens.forbidden')}
    </Alert>
  );
}

function RevokeDialog({ token, onClose }: { token: ApiToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeApiToken();
  const confirm = async () => {
    if (!token) return;
    try {
      await revoke.mutateAsync(token.id);
      notifications.show({ color: 'green', message: t('apiTokens.revoked', { name: token.name }) });
    } catch (error) {
      const message = isApiError(error, 403) ? t('apiTokens.forbidden') : errorMessage(error, t);
      notifications.show({ color: 'red', message });
    }
    onClose();
  };
  return (
    <ConfirmDialog
      opened={token !== null}
      title={t('apiTokens.revokeTitle')}
      confirmLabel={t('apiTokens.revoke')}
      busy={revoke.isPending}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      {t('apiTokens.revokeText', { name: token?.name ?? '' })}
    </ConfirmDialog>
  );
}

export function ApiTokensList() {
  const { t } = useTranslation();
  const format = useFormat();
  const tokens = useApiTokens();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [now] = useState(() => Date.now());
  const items = tokens.data ?? [];

  return (
    <Stack>
      <PageHeader
        title={t('apiTokens.title')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('apiTokens.create')}
          </Button>
        }
      />
      <Text c="dimmed">{t('apiTokens.intro')}</Text>
      <ListView
        query={tokens}
        count={tokens.isError ? 0 : items.length}
        empty={t('apiTokens.empty')}
        emptyIcon={IconKey}
        failure={isApiError(tokens.error, 403) ? <ForbiddenAlert /> : undefined}
      >
        <ListTable
          minWidth={760}
          label={t('apiTokens.title')}
          columns={[
            t('apiTokens.fields.name'),
            t('apiTokens.fields.prefix'),
            t('apiTokens.fields.scopes'),
            t('apiTokens.fields.expiresAt'),
            t('apiTokens.fields.lastUsedAt'),
            t('apiTokens.fields.status'),
          ]}
          actions
        >
          {items.map((token) => {
            const status = statusOf(token, now);
            return (
              <Table.Tr key={token.id} opacity={status === 'active' ? 1 : 0.6}>
                <Table.Td>{token.name}</Table.Td>
                <Table.Td>
                  <Code>{token.prefix}…</Code>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {token.scopes.map((scope) => (
                      <Badge key={scope} size="sm" variant="light" tt="none">
                        {scope}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>{token.expiresAt ? format.date(token.expiresAt) : t('apiTokens.never')}</Table.Td>
                <Table.Td>{token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('apiTokens.neverUsed')}</Table.Td>
                <Table.Td>
                  <Badge color={statusColor[status]} variant="dot">
                    {t(`apiTokens.status.${status}`)}
                  </Badge>
                  {token.revokedAt ? (
                    <Text size="xs" c="dimmed">
                      {format.dateTime(token.revokedAt)}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  {status === 'revoked' ? null : (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      aria-label={t('apiTokens.revokeNamed', { name: token.name })}
                      onClick={() => setRevoking(token)}
                    >
                      {t('apiTokens.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </ListTable>
      </ListView>
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('apiTokens.create')} size="lg">
        {creating ? (
          <CreateApiTokenForm
            onCancel={() => setCreating(false)}
            onCreated={(result) => {
              setCreating(false);
              setCreated(result);
            }}
          />
        ) : null}
      </Modal>
      <TokenSecretModal created={created} onClose={() => setCreated(null)} />
      <RevokeDialog token={revoking} onClose={() => setRevoking(null)} />
    </Stack>
  );
}
