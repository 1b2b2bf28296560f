import {
  keepPreviousData,
  MutationCache,
  QueryCache,
  QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError, asApiError } from '../../http/api-error.ts';

/** What a screen shows for one query: the last answer stays available while a new query loads. */
export type ApiData<T> = { kind: 'loading'; previous: T | null } | { kind: 'loaded'; data: T } | { kind: 'failed'; error: ApiError };

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiError;
  }
}

/**
 * The dashboard's query cache. A 401 from any query or mutation means the session expired (or an
 * administrator ended it): `onUnauthorized` shows the sign-in screen. Nothing is retried and nothing
 * refetches on focus or reconnect: a failure is shown at once with its retry button, as the server meant it.
 */
export function createDashboardQueryClient({ onUnauthorized }: { onUnauthorized: () => void }): QueryClient {
  const endSessionOn401 = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401) onUnauthorized();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: endSessionOn401 }),
    mutationCache: new MutationCache({ onError: endSessionOn401 }),
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false },
    },
  });
}

/**
 * Loads what `load` returns under `queryKey` (which names everything `load` depends on). `reload`
 * invalidates the key, so every screen showing that data asks again.
 */
export function useApiQuery<T>(queryKey: QueryKey, load: (signal: AbortSignal) => Promise<T>, { enabled = true }: { enabled?: boolean } = {}) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey,
    queryFn: ({ signal }) =>
      load(signal).catch((error: unknown) => {
        throw signal.aborted ? error : asApiError(error);
      }),
    placeholderData: keepPreviousData,
    enabled,
  });
  const keyHash = JSON.stringify(queryKey);
  // `queryKey` is a new array on every render; its JSON names the same key.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const reload = useCallback(() => void queryClient.invalidateQueries({ queryKey, exact: true }), [queryClient, keyHash]);
  let state: ApiData<T>;
  if (query.isFetching && (query.isError || query.isPlaceholderData)) state = { kind: 'loading', previous: query.data ?? null };
  else if (query.isError) state = { kind: 'failed', error: query.error };
  else if (query.isSuccess && !query.isPlaceholderData) state = { kind: 'loaded', data: query.data };
  else state = { kind: 'loading', previous: query.data ?? null };
  return { state, reload };
}

/**
 * Runs a mutation (a 401 ends the session, through the query client) and then invalidates the queries it
 * changed; the caller shows other errors, always as an ApiError.
 */
export function useMutationRunner() {
  const queryClient = useQueryClient();
  const { mutateAsync } = useMutation({ mutationFn: (mutation: () => Promise<unknown>) => mutation() });
  return useCallback(
    async <T>(mutation: () => Promise<T>, invalidates: QueryKey[] = []): Promise<T> => {
      let result: T;
      try {
        result = (await mutateAsync(mutation)) as T;
      } catch (error) {
        throw asApiError(error);
      }
      await Promise.all(invalidates.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      return result;
    },
    [mutateAsync, queryClient],
  );
}
