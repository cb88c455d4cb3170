import { queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@/api/client';
import { allPages } from '@/api/pages';
import { unwrap } from '@/api/problem';
import type { UserDirectoryEntry } from '@/api/types';

/**
 * Everyone who can own a customer (id, name, active), in name order: the user directory, which every role that
 * reads customers may read (the users list is for Admins). All pages, so every owner has a name.
 */
export const ownerOptionsQueryOptions = () =>
  queryOptions({
    queryKey: ['customers', 'owners'],
    queryFn: ({ signal }): Promise<UserDirectoryEntry[]> =>
      allPages(async (cursor) => (await unwrap(api.GET('/api/v1/users/directory', { params: { query: { limit: 200, cursor } }, signal }))).data),
    staleTime: 5 * 60 * 1000,
  });

export const useOwnerOptions = () => useQuery(ownerOptionsQueryOptions());

export type OwnerOption = { value: string; label: string };

type Labels = {
  /** An inactive user's name, marked as such. */
  inactive: (name: string) => string;
  /** An owner the directory does not hold (yet): while it loads, or a user added since it was read. */
  unknown: string;
};

/** An owner's name as lists and pages show it: inactive users marked; never blank for an id that is set. */
export function ownerName(directory: readonly UserDirectoryEntry[], id: string | null | undefined, labels: Labels) {
  if (!id) return '';
  const owner = directory.find((user) => user.id === id);
  if (!owner) return labels.unknown;
  return owner.active ? owner.name : labels.inactive(owner.name);
}

/**
 * The choices of an owner select, in the directory's order (by name). `assignable` offers only active users, for
 * giving a customer an owner; otherwise every user, for filtering. `current`, the owner the record or filter already
 * has, is always among them, whatever it is: a select whose value is not among its options looks empty, and clearing
 * it would drop an owner the user never saw.
 */
export function ownerOptions(
  directory: readonly UserDirectoryEntry[],
  current: string | null | undefined,
  labels: Labels,
  assignable: boolean,
): OwnerOption[] {
  const options = directory
    .filter((user) => !assignable || user.active || user.id === current)
    .map((user) => ({ value: user.id, label: ownerName(directory, user.id, labels) }));
  if (current && !options.some((option) => option.value === current))
    options.unshift({ value: current, label: labels.unknown });
  return options;
}

/** Owner names and choices from the user directory, the same for every role that reads customers. */
export function useOwners() {
  const { t } = useTranslation();
  const { data, isPending } = useOwnerOptions();
  return useMemo(() => {
    const directory = data ?? [];
    const labels: Labels = {
      inactive: (name) => t('customers.owners.inactive', { name }),
      unknown: isPending ? t('common.loading') : t('customers.owners.unknown'),
    };
    return {
      /** Choices for a customer's owner: active users, and the owner the customer has now. */
      assignable: (current: string | null | undefined) => ownerOptions(directory, current, labels, true),
      /** Choices for filtering by owner: every user, inactive ones marked. */
      all: (current: string | null | undefined) => ownerOptions(directory, current, labels, false),
      nameOf: (id: string | null | undefined) => ownerName(directory, id, labels),
    };
  }, [data, isPending, t]);
}
