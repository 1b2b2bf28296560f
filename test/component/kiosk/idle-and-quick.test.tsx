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
    const { db } = await renderEnrolledKiosk({
      fixedServiceFieldId: 'dat-dai',
      idleTimeoutSeconds: 60,
      idleCountdownSeconds: 15,
      keepPartialAnswers: true,
    });
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

  it('keeps the survey when the citizen answers the countdown, its button focused each time it asks', async () => {
    const user = fakeKioskClock();
    await renderEnrolledKiosk({ fixedServiceFieldId: 'dat-dai' });
    await user.click(await screen.findByRole('button', { name: 'Bắt đầu đánh giá' }));
    await user.click((await screen.findAllByRole('radio', { name: 'Hài lòng' }))[0]!);
    for (let asked = 0; asked < 2; asked += 1) {
      await advanceSeconds(65);
      const stillHere = screen.getByRole('button', { name: 'Tôi vẫn đang đánh giá' });
      await waitFor(() => expect(document.activeElement).toBe(stillHere));
      await user.click(stillHere);
      expect(screen.queryByRole('alertdialog')).toBeNull();
    }
    await advanceSeconds(30);
    expect(screen.getAllByRole('radio', { name: 'Hài lòng' })[0]!.getAttribute('aria-checked')).toBe('true');
  });
});

describe('quick mode', () => {
  it('stores the rating at the tap, then asks why on its own screen and adds the reason to the same record', async () => {
    const user = userEvent.setup();
    const { db, engine } = await renderEnrolledKiosk({ mode: 'quick', fixedServiceFieldId: 'ho-tich' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Đánh giá nhanh việc giải quyết thủ tục' })).toBeTruthy();
    const faces = screen.getAllByRole('radio');
    // One order everywhere: from the unhappiest face to the happiest, as in the full survey.
    expect(faces.map((face) => face.textContent)).toEqual(['Không hài lòng', 'Hài lòng', 'Rất hài lòng']);
    expect(faces.every((face) => face.getAttribute('aria-checked') === 'false')).toBe(true);
    expect(screen.queryByRole('checkbox')).toBeNull();

    await user.click(screen.getByRole('radio', { name: 'Không hài lòng' }));
    expect(await screen.findByRole('heading', { name: 'Ông/Bà có thể cho biết lý do không?' })).toBeTruthy();
    const [atTap] = await db.responses.toArray();
    expect(atTap).toMatchObject({ questionnaireId: 'counter-rating', complete: true, serviceFieldId: 'ho-tich', answers: { 'Q.1': 1 } });
    expect(atTap!.reasonOpenUntil! > new Date().toISOString()).toBe(true);

    await user.click(screen.getByRole('checkbox', { name: 'Chờ lâu' }));
    await user.click(screen.getByRole('button', { name: 'Gửi lý do' }));
    expect(await screen.findByRole('heading', { name: 'Xin cảm ơn Ông/Bà!' })).toBeTruthy();
    const stored = await db.responses.toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: atTap!.id, deviceSequence: atTap!.deviceSequence, answers: { 'Q.1': 1, reason: ['waiting'] } });
    expect(stored[0]!.reasonOpenUntil).toBeUndefined();
    expect(engine.requests).toBe(2);
  });

  it('keeps the rating without a reason when the citizen skips, and asks nothing after a happy face by default', async () => {
    const user = userEvent.setup();
    const { db } = await renderEnrolledKiosk({ mode: 'quick', thankYouSeconds: 2 });
    await user.click(await screen.findByRole('radio', { name: 'Không hài lòng' }));
    await user.click(await screen.findByRole('button', { name: 'Bỏ qua' }));
    await user.click(await screen.findByRole('button', { name: 'Xong' }));
    await user.click(await screen.findByRole('radio', { name: 'Hài lòng' }));
    expect(await screen.findByRole('heading', { name: 'Xin cảm ơn Ông/Bà!' })).toBeTruthy();
    const stored = await db.responses.orderBy('deviceSequence').toArray();
    expect(stored.map((record) => record.answers)).toEqual([{ 'Q.1': 1 }, { 'Q.1': 2 }]);
    expect(stored.every((record) => record.reasonOpenUntil === undefined)).toBe(true);
  });

  it('asks why after every face when the kiosk is set so', async () => {
    const user = userEvent.setup();
    await renderEnrolledKiosk({ mode: 'quick', askReasonForEveryRating: true });
    await user.click(await screen.findByRole('radio', { name: 'Rất hài lòng' }));
    expect(await screen.findByRole('heading', { name: 'Ông/Bà có thể cho biết lý do không?' })).toBeTruthy();
  });

  it('closes the reason screen by itself, keeping the rating and what was picked', async () => {
    const user = fakeKioskClock();
    const { db } = await renderEnrolledKiosk({ mode: 'quick' });
    await user.click(await screen.findByRole('radio', { name: 'Không hài lòng' }));
    await user.click(await screen.findByRole('checkbox', { name: 'Trễ hẹn' }));
    for (let second = 0; second < 25 && !screen.queryByRole('heading', { name: 'Xin cảm ơn Ông/Bà!' }); second += 1) await advanceSeconds(1);
    expect(await screen.findByRole('heading', { name: 'Xin cảm ơn Ông/Bà!' })).toBeTruthy();
    await waitFor(async () => expect((await db.responses.toArray())[0]?.reasonOpenUntil).toBeUndefined());
    const stored = await db.responses.toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.answers).toEqual({ 'Q.1': 1, reason: ['late'] });
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
