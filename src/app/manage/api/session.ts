import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { loginReplySchema, sessionInfoSchema, type LoginRequest, type SessionUser } from '../../../domain/manage-api.ts';
import { ApiError, asApiError } from '../../http/api-error.ts';
import { apiRequest } from './http.ts';

export type SessionState =
  | { kind: 'checking' }
  | { kind: 'signed-out'; reason: 'none' | 'expired' | 'signed-out' }
  | { kind: 'signed-in'; user: SessionUser }
  | { kind: 'unreachable'; error: ApiError };

const noContent = z.undefined();

async function askSession(signal?: AbortSignal): Promise<SessionState> {
  try {
    const info = await apiRequest('GET', '/api/v1/auth/session', { schema: sessionInfoSchema, signal });
    return { kind: 'signed-in', user: info.user };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { kind: 'signed-out', reason: 'none' };
    if (error instanceof ApiError) return { kind: 'unreachable', error };
    throw error;
  }
}

/** The session lives in an HttpOnly cookie; the client only asks the server whether it is valid. */
export function useSession() {
  const [state, setState] = useState<SessionState>({ kind: 'checking' });

  useEffect(() => {
    const controller = new AbortController();
    askSession(controller.signal).then(
      (answer) => {
        if (!controller.signal.aborted) setState(answer);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'unreachable', error: asApiError(error) });
      },
    );
    return () => controller.abort();
  }, []);

  const retry = useCallback(() => {
    setState({ kind: 'checking' });
    askSession().then(setState, (error: unknown) => setState({ kind: 'unreachable', error: asApiError(error) }));
  }, []);

  /** Throws the ApiError for the sign-in form to show. */
  const signIn = useCallback(async (credentials: LoginRequest) => {
    const info = await apiRequest('POST', '/api/v1/auth/login', { body: credentials, schema: loginReplySchema });
    setState({ kind: 'signed-in', user: info.user });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await apiRequest('POST', '/api/v1/auth/logout', { schema: noContent });
    } finally {
      // Even if the server cannot be reached, this browser forgets the screen it showed.
      setState({ kind: 'signed-out', reason: 'signed-out' });
    }
  }, []);

  /** A request answered 401 mid-session: the session expired or was ended by an administrator. */
  const sessionExpired = useCallback(() => setState({ kind: 'signed-out', reason: 'expired' }), []);

  return { state, signIn, signOut, sessionExpired, retry };
}
