import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BusyButton } from '@/components/ui/busy-button';
import { errorMessage } from '@/lib/error-message';
import { createCustomersExportLink, startDownload } from '../api/export-customers';
import type { CustomerFilters } from '../api/get-customers';

/**
 * The customers export of the list's filters: asks the API for a download link (busy until it answers) and hands it
 * to the browser, which saves the file with its own progress. What the API refuses is said as it words it.
 */
export function useCustomersExport(filters: CustomerFilters) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const asking = useRef(false);

  const start = async () => {
    if (asking.current) return;
    asking.current = true;
    setBusy(true);
    try {
      const { url } = await createCustomersExportLink(filters);
      startDownload(url);
      notifications.show({ color: 'green', message: t('customers.export.started') });
    } catch (error) {
      notifications.show({
        color: 'red',
        message: errorMessage(error, t),
      });
    } finally {
      asking.current = false;
      setBusy(false);
    }
  };
  return { busy, start };
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
