import type { ReactNode } from 'react';
import { NotFound } from '@/components/ui/not-found';
import { PageLoader } from '@/components/ui/page-loader';
import { hasRole, useMe } from '@/lib/auth';

/** Admin screens do not exist for anyone else. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const { data: me, isPending } = useMe();
  if (isPending) return <PageLoader />;
  return hasRole(me, 'Admin') ? children : <NotFound />;
}
