import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

type Options<TInput, TSaved> = {
  /** Reads the record again, bypassing the cache; the form shows this after "reload". */
  fetchLatest: () => Promise<{ etag: string | null }>;
  /** Saves with the given If-Match ETag. */
  save: (input: TInput, etag: string | null) => Promise<TSaved>;
  onSaved: (saved: TSaved) => void;
};

/**
 * The 412 flow every edit form shares: keep the user's input, then either reload the other
 * person's version (remounting the form with `formKey`) or save again with the current ETag.
 */
export function useConflictResolution<TInput, TSaved>({ fetchLatest, save, onSaved }: Options<TInput, TSaved>) {
  const { t } = useTranslation();
  const [conflict, setConflict] = useState<{ input: TInput } | null>(null);
  const [resolving, setResolving] = useState(false);
  const [formKey, setFormKey] = useState(0);

  const reload = async () => {
    setResolving(true);
    try {
      await fetchLatest();
      setConflict(null);
      setFormKey((key) => key + 1);
    } catch (error) {
      notifications.show({ color: 'red', message: error instanceof Error ? error.message : t('errors.unexpected') });
    } finally {
      setResolving(false);
    }
  };

  const overwrite = async () => {
    if (!conflict) return;
    setResolving(true);
    try {
      const latest = await fetchLatest();
      const saved = await save(conflict.input, latest.etag);
      setConflict(null);
      onSaved(saved);
    } catch (error) {
      setConflict(null);
      notifications.show({ color: 'red', message: error instanceof Error ? error.message : t('errors.unexpected') });
    } finally {
      setResolving(false);
    }
  };

  return {
    /** Key for the form: changes after a reload so it picks up the server's values. */
    formKey,
    onPreconditionFailed: (input: TInput) => setConflict({ input }),
    /** Props for <ConflictDialog>. */
    dialog: {
      opened: conflict !== null,
      busy: resolving,
      onReload: () => void reload(),
      onOverwrite: () => void overwrite(),
      onCancel: () => setConflict(null),
    },
  };
}
