import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/problem';
import { BusyButton } from '@/components/ui/busy-button';
import { useDownloadImportErrors } from '../api/download-import-errors';

/** Saves the job's rejected rows (line, reason, the row as sent) as a CSV file. */
export function ErrorsDownloadButton({ jobId, compact = false }: { jobId: string; compact?: boolean }) {
  const { t } = useTranslation();
  const download = useDownloadImportErrors();
  const run = async () => {
    try {
      await download.mutateAsync(jobId);
    } catch (error) {
      notifications.show({
        color: 'red',
        message: isApiError(error) ? (error.problem.detail ?? error.problem.title ?? t('errors.unexpected')) : t('errors.unexpected'),
      });
    }
  };
  return (
    <BusyButton
      variant="light"
      color="red"
      size={compact ? 'compact-sm' : 'sm'}
      leftSection={<IconDownload size={16} />}
      loading={download.isPending}
      onClick={() => void run()}
    >
      {t('imports.downloadErrors')}
    </BusyButton>
  );
}
