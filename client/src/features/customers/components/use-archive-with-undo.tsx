import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/problem';
import { errorMessage } from '@/lib/error-message';

type SetArchived = {
  mutateAsync: (variables: { id: string; archived: boolean }) => Promise<unknown>;
  isPending: boolean;
};

/**
 * Archive or restore, then offer Undo (the opposite action) in a notification. Customers and
 * contacts share it; `entity` picks the wording ("customers.archive.archived"), which some
 * languages inflect by what was archived.
 */
export function useArchiveWithUndo(mutation: SetArchived, entity: 'customers' | 'contacts') {
  const { t } = useTranslation();

  const run = async (id: string, name: string, archived: boolean, offerUndo = true): Promise<void> => {
    const notificationId = `archive-${id}`;
    notifications.hide(notificationId);
    try {
      await mutation.mutateAsync({ id, archived });
    } catch (error) {
      // 412: someone changed it since it was read; the mutation has refreshed what is shown.
      const message = isApiError(error, 412) ? t('errors.stale') : errorMessage(error, t);
      notifications.show({ color: 'red', message });
      return;
    }
    if (!offerUndo) {
      notifications.show({ id: notificationId, autoClose: 4000, message: t('archive.undone') });
      return;
    }
    notifications.show({
      id: notificationId,
      autoClose: 10_000,
      message: (
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Text size="sm">
            {archived ? t(`${entity}.archive.archived`, { name }) : t(`${entity}.archive.restored`, { name })}
          </Text>
          <Button size="compact-sm" variant="light" onClick={() => void run(id, name, !archived, false)}>
            {t('archive.undo')}
          </Button>
        </Group>
      ),
    });
  };

  return { run, isPending: mutation.isPending };
}
