import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { ApiError } from './http.ts';

/** Called when the server answers 401 mid-session, so the app can show the sign-in screen again. */
export const SessionExpiredContext = createContext<() => void>(() => undefined);

export type ApiData<T> = { kind: 'loading'; previous: T | null } | { kind: 'loaded'; data: T } | { kind: 'failed'; error: ApiError };

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError({ status: 0, code: 'unknown', message: String(error) });
}

type Outcome<T> = { kind: 'loaded'; data: T } | { kind: 'failed'; error: ApiError };

/**
 * Loads what `load` returns whenever `key` changes (a new query), dropping answers to older queries.
 * `key` stands for everything `load` depends on; while a new answer loads, the last one stays available.
 */
export function useApiData<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>) {
  const onSessionExpired = useContext(SessionExpiredContext);
  const [reloads, setReloads] = useState(0);
  const [settled, setSettled] = useState<{ requestKey: string; outcome: Outcome<T> } | null>(null);
  const [lastData, setLastData] = useState<T | null>(null);
  const requestKey = key === null ? null : `${reloads}#${key}`;

  useEffect(() => {
    if (requestKey === null) return;
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        setSettled({ requestKey, outcome: { kind: 'loaded', data } });
        setLastData(data);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure = asApiError(error);
        if (failure.status === 401) onSessionExpired();
        setSettled({ requestKey, outcome: { kind: 'failed', error: failure } });
      },
    );
    return () => controller.abort();
    // `load` is re-created on every render; `requestKey` names what it depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestKey, onSessionExpired]);

  const reload = useCallback(() => setReloads((count) => count + 1), []);
  const state: ApiData<T> = settled !== null && settled.requestKey === requestKey ? settled.outcome : { kind: 'loading', previous: lastData };
  return { state, reload };
}

/** Runs a mutation and reports a 401 as an expired session; the caller shows other errors. */
export function useMutationRunner() {
  const onSessionExpired = useContext(SessionExpiredContext);
  return useCallback(
    async <T>(mutation: () => Promise<T>): Promise<T> => {
      try {
        return await mutation();
      } catch (error) {
        const failure = asApiError(error);
        if (failure.status === 401) onSessionExpired();
        throw failure;
      }
    },
    [onSessionExpired],
  );
}
