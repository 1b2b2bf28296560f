import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiData } from '../api/queries.ts';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';

/** A list read from the API as a screen shows it: its failure with a retry, "loading", a note when it is empty, or the list itself. */
export function LoadedList<Item>({
  query,
  emptyNote,
  children,
}: {
  query: { state: ApiData<Item[]>; reload: () => void };
  emptyNote: string;
  children: (items: Item[]) => ReactNode;
}) {
  const { t } = useTranslation();
  const { state } = query;
  if (state.kind === 'failed') return <ApiErrorMessage error={state.error} onRetry={query.reload} />;
  if (state.kind === 'loading') return <p className="loading">{t('manage.loading')}</p>;
  if (state.data.length === 0) return <p className="note">{emptyNote}</p>;
  return <>{children(state.data)}</>;
}
