import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '@/lib/error-message';

type Options<TInput, TSaved, TLatest extends { etag: string | null }, TValues> = {
  /** Reads the record again, bypassing the cache; the form shows this after "reload". */
  fetchLatest: () => Promise<TLatest>;
  /** The form's values for a record as read (the same conversion the form's defaults come from). */
  toForm: (latest: TLatest) => TValues;
  /** Saves with the given If-Match ETag. */
  save: (input: TInput, etag: string | null) => Promise<TSaved>;
  onSaved: (saved: TSaved) => void;
};

/** What a form hands over on a 412: what it sent, what it started from, and how it turns values into a body. */
export type Conflicted<TInput, TValues> = { input: TInput; base: TInput; toInput: (values: TValues) => TInput };

/**
 * Only the user's own changes, on top of the latest version: a member the user left as it was loaded
 * takes the latest value, one they changed keeps theirs, and objects (address, custom fields) are
 * compared member by member. Arrays (tags) count as one value.
 */
export function mergeChanges<T>(base: T, mine: T, latest: T): T {
  if (!isPlainObject(base) || !isPlainObject(mine) || !isPlainObject(latest)) {
    return sameValue(mine, base) ? latest : mine;
  }
  const merged: Record<string, unknown> = { ...latest };
  for (const key of new Set([...Object.keys(base), ...Object.keys(mine)])) {
    const [b, m, l] = [base[key], mine[key], latest[key]];
    if (sameValue(m, b)) continue;
    merged[key] = isPlainObject(b) && isPlainObject(m) && isPlainObject(l) ? mergeChanges(b, m, l) : m;
  }
  return merged as T;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The 412 flow every edit form shares: keep the user's input, then either reload the other
 * person's version (remounting the form with `formKey`) or save the user's own changes on top of
 * it with its ETag: what the other person changed and this user did not is kept.
 */
export function useConflictResolution<TInput, TSaved, TLatest extends { etag: string | null }, TValues>({
  fetchLatest,
  toForm,
  save,
  onSaved,
}: Options<TInput, TSaved, TLatest, TValues>) {
  const { t } = useTranslation();
  const [conflict, setConflict] = useState<Conflicted<TInput, TValues> | null>(null);
  const [resolving, setResolving] = useState(false);
  const [formKey, setFormKey] = useState(0);

  const reload = async () => {
    setResolving(true);
    try {
      await fetchLatest();
      setConflict(null);
      setFormKey((key) => key + 1);
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    } finally {
      setResolving(false);
    }
  };

  const overwrite = async () => {
    if (!conflict) return;
    setResolving(true);
    try {
      const latest = await fetchLatest();
      const body = mergeChanges(conflict.base, conflict.input, conflict.toInput(toForm(latest)));
      const saved = await save(body, latest.etag);
      setConflict(null);
      onSaved(saved);
    } catch (error) {
      setConflict(null);
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    } finally {
      setResolving(false);
    }
  };

  return {
    /** Key for the form: changes after a reload so it picks up the server's values. */
    formKey,
    onPreconditionFailed: (conflicted: Conflicted<TInput, TValues>) => setConflict(conflicted),
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
