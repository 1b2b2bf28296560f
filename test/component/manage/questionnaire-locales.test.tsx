import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { QuestionnairesScreen } from '../../../src/app/manage/admin/QuestionnairesScreen.tsx';
import { renderWithManageI18n } from './render-manage.tsx';
import { unitTreeReply } from './report-factory.ts';

describe('questionnaire versions for administrators', () => {
  it('show each locale’s translation status, so a Khmer text awaiting a native speaker stands out', () => {
    const tree = {
      ...unitTreeReply(),
      questionnaires: [
        { id: 'sipas', version: 1, mode: 'full' as const, title: { vi: 'Khảo sát SIPAS' }, locales: { vi: 'reviewed' as const, km: 'awaiting-review' as const } },
      ],
    };
    renderWithManageI18n(<QuestionnairesScreen tree={tree} onPublished={() => undefined} />);
    const locales = within(screen.getByRole('list', { name: 'Ngôn ngữ' })).getAllByRole('listitem');
    expect(locales.map((item) => item.textContent)).toEqual(['vi: đã duyệt', 'km: chờ người bản ngữ duyệt']);
  });
});
