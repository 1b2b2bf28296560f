import type { ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../../src/app/i18n/index.ts';
import { createDashboardQueryClient } from '../../../src/app/manage/api/queries.ts';
import { addManageTranslations } from '../../../src/app/manage/i18n/manage-translations.ts';

/** Renders a dashboard screen as ManageApp does: with its translations and a query client of its own (no cache shared between tests). */
export function renderWithManageI18n(node: ReactNode, language = 'vi', { onUnauthorized = () => undefined }: { onUnauthorized?: () => void } = {}) {
  const i18n = createI18n(language);
  addManageTranslations(i18n);
  const queryClient = createDashboardQueryClient({ onUnauthorized });
  return {
    i18n,
    queryClient,
    ...render(
      <QueryClientProvider client={queryClient}>
        <I18nextProvider i18n={i18n}>{node}</I18nextProvider>
      </QueryClientProvider>,
    ),
  };
}
