import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BusyButton } from './busy-button';
import { FormFailure } from './form-failure';

/**
 * Asks before something that cannot be undone (revoke, delete): what will happen, Cancel, and the red button that does
 * it, busy while it runs. A failure the dialog keeps open for is shown above the text.
 */
export function ConfirmDialog({
  opened,
  title,
  children,
  confirmLabel,
  busy,
  failure,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  failure?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack>
        <FormFailure messages={failure ? [failure] : []} />
        <Text style={{ wordBreak: 'break-word' }}>{children}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <BusyButton color="red" onClick={onConfirm} loading={busy}>
            {confirmLabel}
          </BusyButton>
        </Group>
      </Stack>
    </Modal>
  );
}
