import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BUNDLED_QUESTIONNAIRES } from '../../../src/domain/questionnaires/index.ts';
import { QuestionnairesScreen } from '../../../src/app/manage/admin/QuestionnairesScreen.tsx';
import { renderWithManageI18n } from './render-manage.tsx';
import { unitTreeReply } from './report-factory.ts';

describe('questionnaire versions for administrators', () => {
  it('show each locale’s translation status, so a Khmer text awaiting a native speaker stands out', () => {
    const tree = {
      ...unitTreeReply(),
      questionnaires: [
        {
          id: 'sipas',
          version: 1,
          mode: 'full' as const,
          title: { vi: 'Khảo sát SIPAS' },
          locales: { vi: 'reviewed' as const, km: 'awaiting-review' as const },
        },
      ],
    };
    renderWithManageI18n(<QuestionnairesScreen tree={tree} onPublished={() => undefined} />);
    const locales = within(screen.getByRole('list', { name: 'Ngôn ngữ' })).getAllByRole('listitem');
    expect(locales.map((item) => item.textContent)).toEqual(['vi: đã duyệt', 'km: chờ người bản ngữ duyệt']);
  });

  it('attach a recording to one text of the draft in one language, into the JSON that is then published', async () => {
    const user = userEvent.setup();
    renderWithManageI18n(<QuestionnairesScreen tree={unitTreeReply()} onPublished={() => undefined} />);
    const form = screen.getByRole('form', { name: 'Gắn bản ghi âm cho một câu' });
    expect(within(form).getByText('Dán nội dung JSON của bảng hỏi ở trên trước.')).toBeTruthy();

    const sipas = BUNDLED_QUESTIONNAIRES.find((questionnaire) => questionnaire.id === 'sipas')!;
    const textarea = screen.getByRole('textbox', { name: 'Nội dung JSON' }) as HTMLTextAreaElement;
    fireEvent.input(textarea, { target: { value: JSON.stringify({ ...sipas, version: 2 }) } });
    const criterion = sipas.elements[0]!.criteria[1]!;
    const [text, locale] = within(form).getAllByRole('combobox') as [HTMLSelectElement, HTMLSelectElement];
    await user.selectOptions(text, 'elements.0.criteria.1');
    await user.selectOptions(locale, 'km');
    await user.click(within(form).getByRole('button', { name: 'Gắn bản ghi âm' }));
    expect(await within(form).findByText('Vui lòng chọn một tệp âm thanh.')).toBeTruthy();

    const file = new File([new Uint8Array([0x4f, 0x67, 0x67, 0x53, 0, 2])], 'cau-2.ogg', { type: 'audio/ogg' });
    await user.upload(within(form).getByLabelText('Tệp âm thanh'), file);
    await user.click(within(form).getByRole('button', { name: 'Gắn bản ghi âm' }));
    expect(await within(form).findByText(`Đã gắn bản ghi (km) cho “${criterion.text.km}”. Công bố phiên bản để máy tính bảng nhận.`)).toBeTruthy();
    const draft = JSON.parse(textarea.value) as typeof sipas;
    expect(draft.elements[0]!.criteria[1]!.audio).toEqual({ km: 'data:audio/ogg;base64,T2dnUwAC' });
    expect(draft.elements[0]!.criteria[0]!.audio).toBeUndefined();
  });
});
