// The signed-in user: read from GET /auth/me at start, set by login, cleared by logout, by a 401
// from any request, or by the idle timer. Keeps the CSRF token the client sends on writes.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api, setCsrfToken, setUnauthenticatedHandler } from '../api/client.ts';
import type { Session } from '../api/types.ts';

export type EndReason = 'timeout' | 'expired' | 'signedOut' | null;

interface SessionState {
  session: Session | null;
  loading: boolean;
  /** Why the last session ended, for the login page. */
  endReason: EndReason;
  login(username: string, password: string): Promise<Session>;
  logout(): Promise<void>;
  end(reason: EndReason): void;
}

const SessionContext = createContext<SessionState | null>(null);
const SESSION_KEY = ['session'] as const;
export const DEFAULT_IDLE_SECONDS = 30 * 60;

async function fetchSession(): Promise<Session | null> {
  try {
    const s = await api.get<Session>('/auth/me');
    setCsrfToken(s.csrfToken);
    return s;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [endReason, setEndReason] = useState<EndReason>(null);
  const query = useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Infinity, retry: false });

  const end = useCallback((reason: EndReason) => {
    setCsrfToken(null);
    setEndReason(reason);
    queryClient.setQueryData(SESSION_KEY, null);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
  }, [queryClient]);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      if (queryClient.getQueryData(SESSION_KEY)) end('expired');
    });
    return () => setUnauthenticatedHandler(null);
  }, [end, queryClient]);

  const login = useCallback(async (username: string, password: string) => {
    const s = await api.post<Session>('/auth/login', { username, password });
    setCsrfToken(s.csrfToken);
    setEndReason(null);
    queryClient.setQueryData(SESSION_KEY, { idleTimeoutSeconds: DEFAULT_IDLE_SECONDS, ...s });
    return s;
  }, [queryClient]);

  const logout = useCallback(async () => {
    try { await api.post('/auth/logout'); } catch { /* the session may already be gone */ }
    end('signedOut');
  }, [end]);

  const value = useMemo<SessionState>(() => ({
    session: query.data ?? null, loading: query.isPending, endReason, login, logout, end,
  }), [query.data, query.isPending, endReason, login, logout, end]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in session inside the layout (which renders only when there is one). */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn outside a signed-in page');
  return session;
}
