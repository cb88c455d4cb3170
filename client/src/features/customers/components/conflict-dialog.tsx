import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Props = {
  opened: boolean;
  busy: boolean;
  onReload: () => void;
  onOverwrite: () => void;
  onCancel: () => void;
};

/** Shown when a save answers 412: someone changed the record since it was loaded. */
export function ConflictDialog({ opened, busy, onReload, onOverwrite, onCancel }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onCancel}
      title={t('customers.conflict.title')}
      centered
    >
      <Text mb="lg">{t('customers.conflict.text')}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="light" onClick={onReload} disabled={busy}>
          {t('customers.conflict.reload')}
        </Button>
        <Button color="red" onClick={onOverwrite} loading={busy}>
          {t('customers.conflict.overwrite')}
        </Button>
      </Group>
    </Modal>
  );
}
