import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderEnrolledKiosk } from './render-kiosk.tsx';

describe('a comment typed on the kiosk', () => {
  it('reaches IndexedDB with its phone number, name and e-mail already replaced', async () => {
    const user = userEvent.setup();
    const { db } = await renderEnrolledKiosk();
    await user.click(await screen.findByRole('button', { name: 'Bắt đầu đánh giá' }));
    await user.click(await screen.findByRole('radio', { name: 'Hộ tịch' }));
    await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    // A form without a rated criterion is not stored as complete: rate the first one.
    await user.click(within(screen.getAllByRole('radiogroup')[0]!).getByRole('radio', { name: 'Hài lòng' }));
    while (!screen.queryByRole('textbox')) await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    await user.type(screen.getByRole('textbox'), 'Chờ 2 tiếng. Gọi 0912.345.678 gặp chị Lê Thị Hoa, mail hoa@gmail.com');
    await user.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));

    expect(await screen.findByRole('heading', { name: 'Xin cảm ơn Ông/Bà!' })).toBeTruthy();
    const [record] = await db.responses.toArray();
    expect(record!.answers.comment).toBe('Chờ 2 tiếng. Gọi [số điện thoại] gặp chị [họ tên], mail [email]');
    expect(JSON.stringify(await db.responses.toArray())).not.toMatch(/0912|345\.678|Lê Thị Hoa|hoa@gmail/);
  });
});
