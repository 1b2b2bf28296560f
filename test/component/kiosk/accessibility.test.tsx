import { afterEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderEnrolledKiosk } from './render-kiosk.tsx';

describe('Khmer on the kiosk', () => {
  it('loads the Khmer texts when chosen, questionnaire included, and falls back to Vietnamese for a string it lacks', async () => {
    const user = userEvent.setup();
    const { db } = await renderEnrolledKiosk({ fixedServiceFieldId: 'dat-dai', languages: ['vi', 'en', 'km'] });
    await user.click(await screen.findByRole('button', { name: 'ភាសាខ្មែរ' }));
    expect(await screen.findByRole('heading', { name: 'សូមលោកអ្នកវាយតម្លៃសេវាកម្មដែលបានទទួលនៅថ្ងៃនេះ' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'ភាសាខ្មែរ' }).getAttribute('aria-pressed')).toBe('true');
    // The staff button speaks the screen's language too: a citizen screen shows no Vietnamese in Khmer.
    expect(screen.getByRole('button', { name: 'បុគ្គលិក' })).toBeTruthy();
    expect(document.querySelector('.kiosk')?.getAttribute('lang')).toBe('km');

    await user.click(screen.getByRole('button', { name: 'ចាប់ផ្តើមវាយតម្លៃ' }));
    expect(await screen.findByRole('heading', { name: 'កត្តាទី 1/5៖ ការទទួលបានសេវាកម្ម' })).toBeTruthy();
    const seats = screen.getByRole('radiogroup', { name: 'កន្លែងរង់ចាំមានកៅអីអង្គុយគ្រប់គ្រាន់' });
    await user.click(within(seats).getByRole('radio', { name: 'ពេញចិត្តខ្លាំង' }));
    for (let step = 0; step < 8; step += 1) await user.click(screen.getByRole('button', { name: 'បន្ត' }));
    await user.click(screen.getByRole('button', { name: 'ផ្ញើការវាយតម្លៃ' }));
    expect(await screen.findByRole('heading', { name: 'សូមអរគុណលោកអ្នក!' })).toBeTruthy();
    const [record] = await db.responses.toArray();
    expect(record).toMatchObject({ locale: 'km', answers: { 'E1.1': 5 } });
  });
});

describe('large text and screen readers', () => {
  it('switches to large text on the welcome screen, pages the densest elements, and resets for the next person', async () => {
    const user = userEvent.setup();
    await renderEnrolledKiosk({ fixedServiceFieldId: 'dat-dai', thankYouSeconds: 2 });
    const toggle = await screen.findByRole('button', { name: 'Chữ lớn, dễ nhìn' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    await user.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(document.querySelector('.kiosk--large')).not.toBeNull();

    await user.click(screen.getByRole('button', { name: 'Bắt đầu đánh giá' }));
    const heading = await screen.findByRole('heading', { level: 1 });
    // The new screen starts at its heading for a screen reader.
    expect(document.activeElement).toBe(heading);
    // Three criteria a screen at most: the first element's four take two pages of two.
    expect(heading.textContent).toBe('Yếu tố 1/5: Tiếp cận dịch vụPhần 1/2');
    expect(screen.getAllByRole('radiogroup')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    expect(screen.getByRole('heading', { name: 'Yếu tố 2/5: Thủ tục hành chínhPhần 1/2' })).toBeTruthy();
    expect(screen.getAllByRole('radiogroup')).toHaveLength(3);
    expect(screen.getByText('Bước 3/13')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    expect(screen.getByRole('heading', { name: 'Yếu tố 2/5: Thủ tục hành chínhPhần 2/2' })).toBeTruthy();
    expect(screen.getAllByRole('radiogroup').map((group) => group.getAttribute('aria-label'))).toEqual([
      'Phí, lệ phí phải nộp đúng quy định',
      'Thời hạn giải quyết đúng quy định',
    ]);
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));

    for (let step = 0; step < 3; step += 1) await user.click(screen.getByRole('button', { name: 'Quay lại' }));
    await user.click(screen.getByRole('button', { name: 'Hủy' }));
    const reset = await screen.findByRole('button', { name: 'Chữ lớn, dễ nhìn' });
    expect(reset.getAttribute('aria-pressed')).toBe('false');
    expect(document.querySelector('.kiosk--large')).toBeNull();
  });

  it('offers large text on the quick rating, its first screen, and gives the next person the default again', async () => {
    const user = userEvent.setup();
    await renderEnrolledKiosk({ mode: 'quick' });
    await user.click(await screen.findByRole('button', { name: 'Chữ lớn, dễ nhìn' }));
    expect(document.querySelector('.kiosk--large')).not.toBeNull();
    await user.click(screen.getByRole('radio', { name: 'Rất hài lòng' }));
    await user.click(await screen.findByRole('button', { name: 'Xong' }));
    expect((await screen.findByRole('button', { name: 'Chữ lớn, dễ nhìn' })).getAttribute('aria-pressed')).toBe('false');
    expect(document.querySelector('.kiosk--large')).toBeNull();
  });

  it('starts in large text when staff made it the kiosk default', async () => {
    await renderEnrolledKiosk({ largeText: true });
    expect((await screen.findByRole('button', { name: 'Chữ lớn, dễ nhìn' })).getAttribute('aria-pressed')).toBe('true');
    expect(document.querySelector('.kiosk--large')).not.toBeNull();
  });
});

describe('the speaker', () => {
  const spoken: { text: string; lang: string; voice: string | undefined }[] = [];
  afterEach(() => {
    spoken.length = 0;
    Reflect.deleteProperty(window, 'speechSynthesis');
    Reflect.deleteProperty(window, 'SpeechSynthesisUtterance');
  });

  it('is absent when the tablet has neither a voice nor a recording', async () => {
    const user = userEvent.setup();
    await renderEnrolledKiosk({ fixedServiceFieldId: 'dat-dai' });
    await user.click(await screen.findByRole('button', { name: 'Bắt đầu đánh giá' }));
    await screen.findByRole('heading', { name: 'Yếu tố 1/5: Tiếp cận dịch vụ' });
    expect(screen.queryAllByRole('button', { name: /^Nghe đọc/ })).toEqual([]);
  });

  it('reads with the voice of the question’s language', async () => {
    const voice = { name: 'Tiếng Việt (máy)', lang: 'vi-VN', localService: true, default: true };
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: {
        getVoices: () => [voice],
        speak: (utterance: { text: string; lang: string; voice: { name: string } | null }) =>
          spoken.push({ text: utterance.text, lang: utterance.lang, voice: utterance.voice?.name }),
        cancel: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
      },
    });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', {
      configurable: true,
      value: class {
        lang = '';
        voice = null;
        constructor(public text: string) {}
      },
    });
    const user = userEvent.setup();
    await renderEnrolledKiosk({ fixedServiceFieldId: 'dat-dai' });
    await user.click(await screen.findByRole('button', { name: 'Bắt đầu đánh giá' }));
    await user.click(await screen.findByRole('button', { name: 'Nghe đọc: Trang thiết bị phục vụ hiện đại' }));
    expect(spoken.map((utterance) => utterance.text)).toEqual([
      'Trang thiết bị phục vụ hiện đại',
      'Rất không hài lòng',
      'Không hài lòng',
      'Bình thường',
      'Hài lòng',
      'Rất hài lòng',
      'Không có ý kiến',
    ]);
    expect(new Set(spoken.map((utterance) => `${utterance.lang} ${utterance.voice}`))).toEqual(new Set(['vi Tiếng Việt (máy)']));
  });
});
