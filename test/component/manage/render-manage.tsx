import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../../src/app/i18n/index.ts';
import { addManageTranslations } from '../../../src/app/manage/i18n/manage-translations.ts';

export function renderWithManageI18n(node: ReactNode, language = 'vi') {
  const i18n = createI18n(language);
  addManageTranslations(i18n);
  return { i18n, ...render(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>) };
}
