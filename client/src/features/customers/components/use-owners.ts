import { useMemo } from 'react';
import { hasRole, useMe } from '@/lib/auth';
import { useOwnerOptions } from '../api/get-owner-options';

/** Owner choices for selects, and a way to show an owner's name. */
export function useOwners() {
  const { data: me } = useMe();
  const { data: users } = useOwnerOptions(hasRole(me, 'Admin'));
  return useMemo(() => {
    const byId = new Map<string, string>();
    if (me?.id) byId.set(me.id, me.name ?? me.email ?? '');
    for (const user of users ?? []) if (user.id) byId.set(user.id, user.name ?? user.email ?? '');
    return {
      options: [...byId].map(([value, label]) => ({ value, label })),
      nameOf: (id: string | null | undefined) => (id ? (byId.get(id) ?? '') : ''),
    };
  }, [me, users]);
}
