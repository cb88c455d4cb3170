import { Button, Group, Progress, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/problem';
import { BusyButton } from '@/components/ui/busy-button';
import { useFormat } from '@/lib/format';
import { exportCustomers, type ExportProgress } from '../api/export-customers';
import type { CustomerFilters } from '../api/get-customers';

/**
 * The customers export of the list's filters: a button that stays busy while the file streams in, the rows so far
 * (of the list's total when it is known), and a way to stop. Leaving the page stops it too.
 */
export function useCustomersExport(filters: CustomerFilters) {
  const { t } = useTranslation();
  const format = useFormat();
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  const start = async () => {
    if (running.current) return;
    const controller = new AbortController();
    running.current = controller;
    setProgress({ rows: 0, bytes: 0 });
    try {
      const { rows, fileName } = await exportCustomers(filters, setProgress, controller.signal);
      notifications.show({ color: 'green', message: t('customers.export.done', { rows: format.number(rows), file: fileName }) });
    } catch (error) {
      if (!controller.signal.aborted)
        notifications.show({
          color: 'red',
          message: isApiError(error) ? (error.problem.detail ?? error.problem.title ?? t('errors.unexpected')) : t('errors.unexpected'),
        });
    } finally {
      running.current = null;
      setProgress(null);
    }
  };
  return { progress, start, cancel: () => running.current?.abort() };
}

export function ExportButton({ busy, onClick }: { busy: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <BusyButton
      variant="default"
      leftSection={<IconDownload size={16} aria-hidden />}
      loading={busy}
      onClick={onClick}
      title={t('customers.export.hint')}
    >
      {t('customers.export.button')}
    </BusyButton>
  );
}

export function ExportStatus({ progress, total, onCancel }: { progress: ExportProgress; total: number | null | undefined; onCancel: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const done = format.number(progress.rows);
  return (
    <Group gap="sm" wrap="nowrap" data-testid="export-status">
      {total ? (
        <Progress
          value={Math.min(100, (progress.rows / total) * 100)}
          w={120}
          style={{ flexShrink: 0 }}
          aria-label={t('customers.export.progressLabel')}
        />
      ) : null}
      <Text size="sm" c="dimmed" aria-live="polite">
        {total != null ? t('customers.export.progressOf', { done, total: format.number(total) }) : t('customers.export.progress', { done })}
      </Text>
      <Button variant="subtle" size="compact-sm" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
    </Group>
  );
}
