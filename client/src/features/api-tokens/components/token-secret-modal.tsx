import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CreatedApiToken } from '@/api/types';

/**
 * The one time a token's secret is on screen. It lives only in the parent's state, which is
 * cleared when this closes; nothing else (cache, storage) ever holds it.
 */
export function TokenSecretModal({ created, onClose }: { created: CreatedApiToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={created !== null}
      onClose={onClose}
      title={t('apiTokens.secret.title')}
      size="lg"
      closeOnClickOutside={false}
      closeOnEscape={false}
      withCloseButton={false}
    >
      {created ? (
        <Stack>
          <Alert color="orange" icon={<IconAlertTriangle />} title={t('apiTokens.secret.warningTitle')}>
            {t('apiTokens.secret.warning')}
          </Alert>
          <Text size="sm">{t('apiTokens.secret.for', { name: created.token.name })}</Text>
          <Code block data-testid="token-secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {created.secret}
          </Code>
          <Text size="xs" c="dimmed">
            {t('apiTokens.secret.usage')}
          </Text>
          <Group justify="space-between">
            <CopyButton value={created.secret}>
              {({ copied, copy }) => (
                <Button
                  variant="light"
                  color={copied ? 'teal' : undefined}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={copy}
                >
                  {copied ? t('apiTokens.secret.copied') : t('apiTokens.secret.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>{t('apiTokens.secret.done')}</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
