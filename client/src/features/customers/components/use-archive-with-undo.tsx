import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useSetCustomerArchived } from '../api/archive-customer';

/** Archive or restore, then offer Undo (the opposite action) in a notification. */
export function useArchiveWithUndo() {
  const { t } = useTranslation();
  const mutation = useSetCustomerArchived();

  const run = async (id: string, name: string, archived: boolean, offerUndo = true): Promise<void> => {
    const notificationId = `customer-archive-${id}`;
    notifications.hide(notificationId);
    try {
      await mutation.mutateAsync({ id, archived });
    } catch (error) {
      notifications.show({ color: 'red', message: error instanceof Error ? error.message : t('errors.unexpected') });
      return;
    }
    if (!offerUndo) {
      notifications.show({ id: notificationId, autoClose: 4000, message: t('customers.archive.undone') });
      return;
    }
    notifications.show({
      id: notificationId,
      autoClose: 10_000,
      message: (
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Text size="sm">
            {archived ? t('customers.archive.archived', { name }) : t('customers.archive.restored', { name })}
          </Text>
          <Button size="compact-sm" variant="light" onClick={() => void run(id, name, !archived, false)}>
            {t('customers.archive.undo')}
          </Button>
        </Group>
      ),
    });
  };

  return { run, isPending: mutation.isPending };
}
