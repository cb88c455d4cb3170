import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';

type Labels = {
  title: string;
  warningTitle: string;
  warning: string;
  /** What the secret belongs to, above it. */
  owner: string;
  usage: string;
  copy: string;
  copied: string;
  done: string;
};

/**
 * The one time a secret (an API token, a webhook's signing key) is on screen. The secret lives only in the parent's
 * state, which is cleared when this closes; nothing else (cache, storage) ever holds it. It closes only by its button,
 * so a stray click or Escape cannot lose it before it is copied.
 */
export function SecretModal({
  secret,
  labels,
  testId,
  onClose,
}: {
  secret: string | null;
  labels: Labels;
  testId: string;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={secret !== null}
      onClose={onClose}
      title={labels.title}
      size="lg"
      closeOnClickOutside={false}
      closeOnEscape={false}
      withCloseButton={false}
    >
      {secret !== null ? (
        <Stack>
          <Alert color="orange" icon={<IconAlertTriangle />} title={labels.warningTitle}>
            {labels.warning}
          </Alert>
          <Text size="sm">{labels.owner}</Text>
          <Code block data-testid={testId} style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {secret}
          </Code>
          <Text size="xs" c="dimmed">
            {labels.usage}
          </Text>
          <Group justify="space-between">
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button
                  variant="light"
                  color={copied ? 'teal' : undefined}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={copy}
                >
                  {copied ? labels.copied : labels.copy}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>{labels.done}</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
