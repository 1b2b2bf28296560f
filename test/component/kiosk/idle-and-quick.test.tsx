import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderEnrolledKiosk } from './render-kiosk.tsx';

/** Only the clock and the kiosk's interval timers are faked; IndexedDB keeps its real scheduling. */
function fakeKioskClock() {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  return userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
}

async function advanceSeconds(seconds: number) {
  await act(async () => {
    vi.advanceTimersByTime(seconds * 1000);
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('a citizen who walks away mid-survey', () => {
  it('is asked "are you still there?" with a countdown, then the screen resets and the partial answer is kept as incomplete', async () => {
    const user = fakeKioskClock();
    const { db } = await renderEnrolledKiosk({ fixedServiceFieldId: 'dat-dai', idleTimeoutSeconds: 60, idleCountdownSeconds: 15, keepPartialAnswers: true });
    await user.click(await screen.findByRole('button', { name: 'Bắt đầu đánh giá' }));
    await user.click((await screen.findAllByRole('radio', { name: 'Rất không hài lòng' }))[0]!);

    await advanceSeconds(59);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await advanceSeconds(1.25);
    const dialog = screen.getByRole('alertdialog', { name: 'Ông/Bà còn ở đây không?' });
    expect(dialog.textContent).toContain('15 giây');
    await advanceSeconds(10);
    expect(screen.getByRole('alertdialog').textContent).toContain('5 giây');
    await advanceSeconds(6);

    await waitFor(() => expect(screen.getByRole('button', { name: 'Bắt đầu đánh giá' })).toBeTruthy());
    expect(screen.queryByRole('radio', { name: 'Rất không hài lòng' })).toBeNull();
    const records = await db.responses.toArray();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ complete: false, status: 'pending', answers: { 'E1.1': 1 } });
  });

  it('drops the partial answer when the kiosk is set not to keep them', async () => {
    const user = fakeKioskClock();
    const { db } = await renderEnrolledKiosk({ fixedServiceFieldId: 'dat-dai', keepPartialAnswers: false });
    await user.click(await screen.findByRole('button', { name: 'Bắt đầu đánh giá' }));
    await user.click((await screen.findAllByRole('radio', { name: 'Hài lòng' }))[0]!);
    await advanceSeconds(80);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Bắt đầu đánh giá' })).toBeTruthy());
    expect(await db.responses.count()).toBe(0);
  });

  it('keeps the survey when the citizen answers the countdown', async () => {
    const user = fakeKioskClock();
    await renderEnrolledKiosk({ fixedServiceFieldId: 'dat-dai' });
    await user.click(await screen.findByRole('button', { name: 'Bắt đầu đánh giá' }));
    await user.click((await screen.findAllByRole('radio', { name: 'Hài lòng' }))[0]!);
    await advanceSeconds(65);
    await user.click(screen.getByRole('button', { name: 'Tôi vẫn đang đánh giá' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await advanceSeconds(30);
    expect(screen.getAllByRole('radio', { name: 'Hài lòng' })[0]!.getAttribute('aria-checked')).toBe('true');
  });
});

describe('quick mode', () => {
  it('stores a three-level rating with the chosen reasons on one tap and thanks the citizen', async () => {
    const user = userEvent.setup();
    const { db } = await renderEnrolledKiosk({ mode: 'quick', fixedServiceFieldId: 'ho-tich' });
    const faces = await screen.findAllByRole('radio');
    expect(faces.map((face) => face.textContent)).toEqual(['Rất hài lòng', 'Hài lòng', 'Không hài lòng']);
    await user.click(screen.getByRole('checkbox', { name: 'Chờ lâu' }));
    await user.click(screen.getByRole('radio', { name: 'Không hài lòng' }));
    expect(await screen.findByRole('heading', { name: 'Xin cảm ơn Ông/Bà!' })).toBeTruthy();
    const [record] = await db.responses.toArray();
    expect(record).toMatchObject({
      questionnaireId: 'counter-rating',
      complete: true,
      serviceFieldId: 'ho-tich',
      answers: { 'Q.1': 1, reason: ['waiting'] },
    });
  });

  it('returns to the rating screen by itself after the thank-you', async () => {
    const user = fakeKioskClock();
    await renderEnrolledKiosk({ mode: 'quick', thankYouSeconds: 3 });
    await user.click(await screen.findByRole('radio', { name: 'Rất hài lòng' }));
    expect(await screen.findByRole('heading', { name: 'Xin cảm ơn Ông/Bà!' })).toBeTruthy();
    await advanceSeconds(2);
    expect(screen.getByRole('heading', { name: 'Xin cảm ơn Ông/Bà!' })).toBeTruthy();
    // The countdown's interval starts in an effect; on a loaded machine it may start a tick late.
    for (let second = 0; second < 3 && !screen.queryByRole('radio', { name: 'Rất hài lòng' }); second += 1) await advanceSeconds(1);
    expect(screen.getByRole('radio', { name: 'Rất hài lòng' })).toBeTruthy();
  });
});
