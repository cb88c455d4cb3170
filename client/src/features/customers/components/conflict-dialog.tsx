import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { BusyButton } from '@/components/ui/busy-button';

type Props = {
  opened: boolean;
  busy: boolean;
  /** Names what changed, e.g. "This customer was changed". */
  title: string;
  text: string;
  onReload: () => void;
  onOverwrite: () => void;
  onCancel: () => void;
};

/** Shown when a save answers 412: someone changed the record since it was loaded. */
export function ConflictDialog({ opened, busy, title, text, onReload, onOverwrite, onCancel }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onCancel} title={title} centered>
      <Text mb="lg">{text}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="light" onClick={onReload} disabled={busy}>
          {t('conflict.reload')}
        </Button>
        <BusyButton color="red" onClick={onOverwrite} loading={busy}>
          {t('conflict.overwrite')}
        </BusyButton>
      </Group>
    </Modal>
  );
}
