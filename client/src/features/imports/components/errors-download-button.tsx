import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { BusyButton } from '@/components/ui/busy-button';
import { errorMessage } from '@/lib/error-message';
import { useDownloadImportErrors } from '../api/download-import-errors';

/**
 * Saves the job's rejected rows (line, reason, the row as sent) as a CSV file. `compact`: the icon alone, named by its
 * label and a title, for the recent imports' table, where the words ("Baixa les files rebutjades") ran past the card.
 */
export function ErrorsDownloadButton({ jobId, compact = false }: { jobId: string; compact?: boolean }) {
  const { t } = useTranslation();
  const download = useDownloadImportErrors();
  const run = async () => {
    try {
      await download.mutateAsync(jobId);
    } catch (error) {
      notifications.show({
        color: 'red',
        message: errorMessage(error, t),
      });
    }
  };
  const label = t('imports.downloadErrors');
  if (compact)
    return (
      // A title, not Mantine's Tooltip: that would put 4.5 KB into every page's first load (check:size).
      <BusyButton
        variant="light"
        color="red"
        size="compact-sm"
        aria-label={label}
        title={label}
        loading={download.isPending}
        onClick={() => void run()}
      >
        <IconDownload size={16} aria-hidden />
      </BusyButton>
    );
  return (
    <BusyButton
      variant="light"
      color="red"
      leftSection={<IconDownload size={16} />}
      loading={download.isPending}
      onClick={() => void run()}
    >
      {label}
    </BusyButton>
  );
}
