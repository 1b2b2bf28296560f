import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderEnrolledKiosk } from './render-kiosk.tsx';

async function answerElement(user: ReturnType<typeof userEvent.setup>, label: string) {
  for (const group of screen.getAllByRole('radiogroup')) {
    await user.click(within(group).getByRole('radio', { name: label }));
  }
}

describe('the full survey on the kiosk', () => {
  it('walks welcome → service field → five elements → extra questions and stores one pending record before thanking', async () => {
    const user = userEvent.setup();
    const { db, engine } = await renderEnrolledKiosk();

    expect(await screen.findByText('Trung tâm Phục vụ hành chính công phường An Hòa')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Bắt đầu đánh giá' }));

    expect(await screen.findByRole('heading', { name: 'Ông/Bà đến làm thủ tục thuộc lĩnh vực nào?' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    expect(screen.getByRole('alert').textContent).toBe('Chọn một lĩnh vực để tiếp tục.');
    await user.click(screen.getByRole('radio', { name: 'Hộ tịch' }));
    await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));

    expect(screen.getByRole('heading', { name: 'Yếu tố 1/5: Tiếp cận dịch vụ' })).toBeTruthy();
    expect(screen.getAllByRole('radiogroup')).toHaveLength(4);
    await answerElement(user, 'Hài lòng');
    await user.click(within(screen.getAllByRole('radiogroup')[3]!).getByRole('radio', { name: 'Không có ý kiến' }));
    await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));

    expect(screen.getByRole('heading', { name: 'Yếu tố 2/5: Thủ tục hành chính' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Quay lại' }));
    const firstElementRows = screen.getAllByRole('radiogroup');
    expect(within(firstElementRows[0]!).getByRole('radio', { name: 'Hài lòng' }).getAttribute('aria-checked')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));

    await answerElement(user, 'Rất hài lòng');
    await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    expect(screen.getAllByRole('radiogroup')).toHaveLength(6);
    await answerElement(user, 'Bình thường');
    await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    await answerElement(user, 'Không hài lòng');
    await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));

    expect(screen.getByRole('heading', { name: 'Đánh giá chung' })).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'Hài lòng' }));
    await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));

    for (const option of [
      'Rút ngắn thời gian giải quyết',
      'Giảm thành phần hồ sơ',
      'Mở rộng dịch vụ công trực tuyến',
      'Kết quả giải quyết công việc',
    ]) {
      await user.click(screen.getByRole('checkbox', { name: option }));
    }
    expect(screen.getByRole('checkbox', { name: 'Kết quả giải quyết công việc' }).getAttribute('aria-checked')).toBe('false');
    await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));

    await user.click(screen.getByRole('radio', { name: 'Nữ' }));
    await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    await user.type(screen.getByRole('textbox'), '  Cán bộ nhiệt tình  ');
    await user.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));

    expect(await screen.findByRole('heading', { name: 'Xin cảm ơn Ông/Bà!' })).toBeTruthy();
    const stored = await db.responses.toArray();
    expect(stored).toHaveLength(1);
    const [record] = stored;
    expect(record).toMatchObject({
      status: 'pending',
      deviceSequence: 1,
      complete: true,
      unitId: 'hcc-an-hoa',
      counterId: 'quay-1',
      serviceFieldId: 'ho-tich',
      questionnaireId: 'sipas',
      questionnaireVersion: 1,
      locale: 'vi',
      dossierCode: null,
      procedureId: null,
    });
    expect(record!.answers).toEqual({
      'E1.1': 4,
      'E1.2': 4,
      'E1.3': 4,
      'E2.1': 5,
      'E2.2': 5,
      'E2.3': 5,
      'E2.4': 5,
      'E2.5': 5,
      'E3.1': 3,
      'E3.2': 3,
      'E3.3': 3,
      'E3.4': 3,
      'E3.5': 3,
      'E3.6': 3,
      'E4.1': 2,
      'E4.2': 2,
      'E4.3': 2,
      overall: 4,
      improvements: ['shorter-time', 'fewer-documents', 'online-services'],
      gender: 'female',
      comment: 'Cán bộ nhiệt tình',
    });
    expect(Object.keys(record!.screenDurationsMs)).toEqual(
      expect.arrayContaining(['service-field', 'E1', 'E2', 'E3', 'E4', 'E5', 'overall', 'improvements', 'profile', 'comment']),
    );
    expect(engine.requests).toBe(1);
  });

  it('starts every criterion unanswered and never stores a survey without a rated criterion as complete', async () => {
    const user = userEvent.setup();
    const { db } = await renderEnrolledKiosk({ fixedServiceFieldId: 'ho-tich', keepPartialAnswers: true });
    await user.click(await screen.findByRole('button', { name: 'Bắt đầu đánh giá' }));
    expect(await screen.findByRole('heading', { name: 'Yếu tố 1/5: Tiếp cận dịch vụ' })).toBeTruthy();
    const checked = screen.getAllByRole('radio').filter((radio) => radio.getAttribute('aria-checked') === 'true');
    expect(checked).toEqual([]);

    // "No opinion" on every criterion of the first element, then straight through to the end.
    await answerElement(user, 'Không có ý kiến');
    for (let step = 0; step < 8; step += 1) await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    await user.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Ông/Bà chưa đánh giá tiêu chí nào' });
    await user.click(within(dialog).getByRole('button', { name: 'Quay lại đánh giá' }));
    expect(screen.getByRole('heading', { name: 'Yếu tố 1/5: Tiếp cận dịch vụ' })).toBeTruthy();
    expect(within(screen.getAllByRole('radiogroup')[0]!).getByRole('radio', { name: 'Không có ý kiến' }).getAttribute('aria-checked')).toBe('true');
    expect(await db.responses.count()).toBe(0);

    // Finishing without a rating is the walk-away path: nothing here was answered, so nothing is stored.
    for (let step = 0; step < 8; step += 1) await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    await user.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Kết thúc, không đánh giá' }));
    expect(await screen.findByRole('button', { name: 'Bắt đầu đánh giá' })).toBeTruthy();
    expect(await db.responses.count()).toBe(0);

    // With a comment but no rated criterion, the kept partial record is incomplete, never complete.
    await user.click(screen.getByRole('button', { name: 'Bắt đầu đánh giá' }));
    await screen.findByRole('heading', { name: 'Yếu tố 1/5: Tiếp cận dịch vụ' });
    for (let step = 0; step < 8; step += 1) await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    await user.type(screen.getByRole('textbox'), 'Cần thêm chỗ ngồi');
    await user.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Kết thúc, không đánh giá' }));
    await screen.findByRole('button', { name: 'Bắt đầu đánh giá' });
    expect(await db.responses.toArray()).toMatchObject([{ complete: false, answers: { comment: 'Cần thêm chỗ ngồi' } }]);
  });

  it('asks for the procedure of the chosen service field when the unit wants it, and records the one picked', async () => {
    const user = userEvent.setup();
    const { db } = await renderEnrolledKiosk({ askProcedure: true, thankYouSeconds: 2 });
    await user.click(await screen.findByRole('button', { name: 'Bắt đầu đánh giá' }));
    // Land has no procedures listed: no procedure screen.
    await user.click(await screen.findByRole('radio', { name: 'Đất đai' }));
    await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    expect(screen.getByRole('heading', { name: 'Yếu tố 1/5: Tiếp cận dịch vụ' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Quay lại' }));

    await user.click(screen.getByRole('radio', { name: 'Hộ tịch' }));
    await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    expect(screen.getByRole('heading', { name: 'Ông/Bà đến làm thủ tục nào?' })).toBeTruthy();
    expect(screen.getAllByRole('radio').map((option) => option.textContent)).toEqual(['Đăng ký khai sinh', 'Đăng ký kết hôn']);
    await user.click(screen.getByRole('radio', { name: 'Đăng ký kết hôn' }));
    await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    expect(screen.getByRole('heading', { name: 'Yếu tố 1/5: Tiếp cận dịch vụ' })).toBeTruthy();
    await user.click(within(screen.getAllByRole('radiogroup')[0]!).getByRole('radio', { name: 'Hài lòng' }));
    for (let step = 0; step < 8; step += 1) await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    await user.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));
    expect(await screen.findByRole('heading', { name: 'Xin cảm ơn Ông/Bà!' })).toBeTruthy();
    expect(await db.responses.toArray()).toMatchObject([{ serviceFieldId: 'ho-tich', procedureId: '1.000894', answers: { 'E1.1': 4 } }]);

    // The procedure is optional: the next citizen goes on without one.
    await user.click(await screen.findByRole('button', { name: 'Xong' }));
    await user.click(await screen.findByRole('button', { name: 'Bắt đầu đánh giá' }));
    await user.click(await screen.findByRole('radio', { name: 'Hộ tịch' }));
    for (let step = 0; step < 2; step += 1) await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    await user.click(within(screen.getAllByRole('radiogroup')[0]!).getByRole('radio', { name: 'Hài lòng' }));
    for (let step = 0; step < 8; step += 1) await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    await user.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));
    expect(await screen.findByRole('heading', { name: 'Xin cảm ơn Ông/Bà!' })).toBeTruthy();
    const records = await db.responses.orderBy('deviceSequence').toArray();
    expect(records.map((record) => record.procedureId)).toEqual(['1.000894', null]);
  });

  it('switches language at any time, questionnaire texts included, and records the locale', async () => {
    const user = userEvent.setup();
    const { db } = await renderEnrolledKiosk({ fixedServiceFieldId: 'dat-dai' });
    await user.click(await screen.findByRole('button', { name: 'English' }));
    expect(screen.getByRole('heading', { name: 'Please rate the service you received today' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Start' }));
    expect(await screen.findByRole('heading', { name: 'Part 1 of 5: Access to the service' })).toBeTruthy();
    expect(screen.getByRole('radiogroup', { name: 'There are enough seats in the waiting area' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Tiếng Việt' }));
    expect(screen.getByRole('heading', { name: 'Yếu tố 1/5: Tiếp cận dịch vụ' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'English' }));
    await user.click(within(screen.getByRole('radiogroup', { name: 'Equipment is modern' })).getByRole('radio', { name: 'Very satisfied' }));
    for (let step = 0; step < 8; step += 1) await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('button', { name: 'Send my rating' }));
    expect(await screen.findByRole('heading', { name: 'Thank you!' })).toBeTruthy();
    const [record] = await db.responses.toArray();
    expect(record).toMatchObject({ locale: 'en', serviceFieldId: 'dat-dai', answers: { 'E1.3': 5 } });
  });

  it('issues consecutive sequence numbers and distinct ids across surveys', async () => {
    const user = userEvent.setup();
    const { db } = await renderEnrolledKiosk({ fixedServiceFieldId: 'dat-dai', thankYouSeconds: 2 });
    for (let survey = 0; survey < 2; survey += 1) {
      await user.click(await screen.findByRole('button', { name: 'Bắt đầu đánh giá' }));
      await user.click((await screen.findAllByRole('radio', { name: 'Rất hài lòng' }))[0]!);
      for (let step = 0; step < 8; step += 1) await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
      await user.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));
      await user.click(await screen.findByRole('button', { name: 'Xong' }));
    }
    const records = await db.responses.orderBy('deviceSequence').toArray();
    expect(records.map((record) => record.deviceSequence)).toEqual([1, 2]);
    expect(new Set(records.map((record) => record.id)).size).toBe(2);
    expect((await db.device.get('device'))?.highestIssuedSequence).toBe(2);
  });

  it('does not thank the citizen when the tablet cannot store the answer, and keeps the answers on screen', async () => {
    const user = userEvent.setup();
    const { db } = await renderEnrolledKiosk({ fixedServiceFieldId: 'dat-dai' });
    await user.click(await screen.findByRole('button', { name: 'Bắt đầu đánh giá' }));
    await user.click((await screen.findAllByRole('radio', { name: 'Hài lòng' }))[0]!);
    for (let step = 0; step < 8; step += 1) await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    db.responses.hook('creating', () => {
      throw new DOMException('quota exceeded', 'QuotaExceededError');
    });
    await user.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Không lưu được đánh giá trên máy'));
    expect(screen.queryByRole('heading', { name: 'Xin cảm ơn Ông/Bà!' })).toBeNull();
    expect(await db.responses.count()).toBe(0);
    expect((await db.device.get('device'))?.highestIssuedSequence).toBe(0);
    expect(screen.getByRole('button', { name: 'Thử lưu lại' })).toBeTruthy();
  });
});
