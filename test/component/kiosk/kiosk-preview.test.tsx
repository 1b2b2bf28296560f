import { describe, expect, it, vi } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../../src/app/i18n/index.ts';
import { KioskPreview } from '../../../src/app/kiosk/KioskPreview.tsx';
import type { KioskPreviewMessage } from '../../../src/app/ui/kiosk-preview-message.ts';
import { BUNDLED_QUESTIONNAIRES } from '../../../src/domain/questionnaires/index.ts';
import type { Questionnaire } from '../../../src/domain/questionnaire.ts';

const SIPAS = BUNDLED_QUESTIONNAIRES.find((questionnaire) => questionnaire.id === 'sipas')!;
const COUNTER = BUNDLED_QUESTIONNAIRES.find((questionnaire) => questionnaire.mode === 'quick')!;

function post(questionnaire: Questionnaire, locale: string, origin = window.location.origin) {
  const data: KioskPreviewMessage = { type: 'sipas:kiosk-preview', questionnaire, locale };
  act(() => {
    window.dispatchEvent(new MessageEvent('message', { data, origin }));
  });
}

function withFirstCriterion(text: string): Questionnaire {
  const copy = structuredClone(SIPAS);
  copy.elements[0]!.criteria[0]!.text = { vi: text };
  return copy;
}

describe('the kiosk preview framed by the questionnaire editor', () => {
  it('says it listens, shows only what this origin posts, and walks through the posted draft as the kiosk would, live', async () => {
    const ready = vi.spyOn(window.parent, 'postMessage');
    const user = userEvent.setup();
    render(
      <I18nextProvider i18n={createI18n('vi')}>
        <KioskPreview />
      </I18nextProvider>,
    );
    expect(ready).toHaveBeenCalledWith({ type: 'sipas:kiosk-preview-ready' }, window.location.origin);
    post(SIPAS, 'vi', 'https://elsewhere.example');
    expect(screen.queryByRole('button', { name: 'Bắt đầu đánh giá' })).toBeNull();

    post(withFirstCriterion('Có chỗ ngồi chờ'), 'vi');
    expect(screen.getByText('Trung tâm Phục vụ hành chính công (xem trước)')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Bắt đầu đánh giá' }));
    expect(screen.getByText('Có chỗ ngồi chờ')).toBeTruthy();
    // An edit in the form reaches the screen being looked at, without starting again.
    post(withFirstCriterion('Có đủ chỗ ngồi chờ và nước uống'), 'vi');
    expect(screen.getByText('Có đủ chỗ ngồi chờ và nước uống')).toBeTruthy();

    post(COUNTER, 'en');
    expect(await screen.findByText(COUNTER.elements[0]!.criteria[0]!.text.en!)).toBeTruthy();
  });
});
