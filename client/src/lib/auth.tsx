import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, refreshAccessToken, SESSION_HINT_KEY, sessionHint, tokenStore } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { Me } from '@/api/types';

/** `signedOut`: anonymous because the user signed out here, so the sign-in page is not asked to bring the next person
 * back to their page; `anonymous` also after a session ends by itself (expired, signed out elsewhere). */
export type AuthStatus = 'loading' | 'authenticated' | 'anonymous' | 'signedOut';

type AuthContextValue = {
  status: AuthStatus;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
};

const AuthContext = createContext<AuthContextValue | null>(null);

export const meQueryOptions = () =>
  queryOptions({
    queryKey: ['me'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/me'))).data,
    staleTime: 5 * 60 * 1000,
  });

/** Refresh a minute before the access token expires, so users never see a 401 round-trip. */
const REFRESH_MARGIN_MS = 60_000;

export function AuthProvider({ children, initialStatus }: { children: ReactNode; initialStatus?: AuthStatus }) {
  const queryClient = useQueryClient();
  // No session noted in this browser: anonymous at once, without a refresh that could only answer 401.
  const [status, setStatus] = useState<AuthStatus>(
    initialStatus ?? (tokenStore.get() ? 'authenticated' : sessionHint.present() ? 'loading' : 'anonymous'),
  );

  useEffect(() => {
    if (status !== 'loading') return;
    let cancelled = false;
    void refreshAccessToken().then((token) => {
      if (!cancelled) setStatus(token ? 'authenticated' : 'anonymous');
    });
    return () => {
      cancelled = true;
    };
    // Only on first load: restore a session from the refresh cookie.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(
    () =>
      tokenStore.subscribe((token) => {
        if (token) return setStatus('authenticated');
        setStatus((previous) => (previous === 'loading' ? previous : 'anonymous'));
        queryClient.clear();
      }),
    [queryClient],
  );

  // Signed out in another tab of this browser (or its session ended there): that tab removed the session note, and
  // the refresh cookie it shares with this one is gone, so this tab drops its token too and lands on the sign-in page
  // instead of working on until the token expires. The storage event fires in every other tab, never in the writer.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== SESSION_HINT_KEY && event.key !== null) return; // null: storage cleared there
      if (!sessionHint.present() && tokenStore.get()) tokenStore.set(null);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  useEffect(() => {
    if (status !== 'authenticated') return;
    const delay = tokenStore.expiresAt() - Date.now() - REFRESH_MARGIN_MS;
    if (delay <= 0 || !Number.isFinite(delay)) return;
    const timer = window.setTimeout(() => void refreshAccessToken(), Math.min(delay, 2 ** 31 - 1));
    return () => window.clearTimeout(timer);
  }, [status]);

  const signIn = useCallback(async (email: string, password: string) => {
    const { data } = await unwrap(api.POST('/api/v1/auth/token', { body: { email, password, useCookie: true } }));
    tokenStore.set(data);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.POST('/api/v1/auth/logout', { body: {} });
    } finally {
      tokenStore.set(null);
      setStatus('signedOut');
    }
  }, []);

  const value = useMemo(() => ({ status, signIn, signOut }), [status, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

export function useMe() {
  const { status } = useAuth();
  return useQuery({ ...meQueryOptions(), enabled: status === 'authenticated' });
}

export const hasRole = (me: Me | undefined, role: string) => !!me?.roles?.includes(role);

/** The roles that may bulk-import customers and contacts. */
export const importRoles = ['Admin', 'Manager', 'Sales', 'Support', 'Marketing'] as const;
export const canImport = (me: Me | undefined) => importRoles.some((role) => hasRole(me, role));

/** The roles that may export customers (GET /exports/customers: everyone who reads customers). */
export const exportRoles = ['Admin', 'Manager', 'Sales', 'Support', 'Marketing', 'ReadOnly'] as const;
export const canExport = (me: Me | undefined) => exportRoles.some((role) => hasRole(me, role));

/** The roles that may read the audit log (GET /audit): a customer's history. */
export const auditRoles = ['Admin', 'Manager'] as const;
export const canReadAudit = (me: Me | undefined) => auditRoles.some((role) => hasRole(me, role));
