import { describe, expect, it } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderEnrolledKiosk } from './render-kiosk.tsx';
import type { ServiceWorkerUpdates } from '../../../src/app/pwa/service-worker.ts';

/** Stands in for workbox-window: a new version can be made to wait, and applying it is recorded. */
function controllableUpdates() {
  const listeners = new Set<() => void>();
  let waiting = false;
  const updates: ServiceWorkerUpdates & { applied: number; newVersionWaits: () => void } = {
    applied: 0,
    isUpdateWaiting: () => waiting,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    applyUpdate() {
      updates.applied += 1;
    },
    newVersionWaits() {
      waiting = true;
      listeners.forEach((listener) => listener());
    },
  };
  return updates;
}

describe('a new app version on an always-on kiosk', () => {
  it('waits while a citizen is answering and is applied once the kiosk is back on the start screen', async () => {
    const user = userEvent.setup();
    const updates = controllableUpdates();
    await renderEnrolledKiosk({ fixedServiceFieldId: 'dat-dai' }, updates);
    await user.click(await screen.findByRole('button', { name: 'Bắt đầu đánh giá' }));
    await screen.findAllByRole('radio', { name: 'Hài lòng' });

    act(() => updates.newVersionWaits());
    expect(updates.applied).toBe(0);

    await user.click(screen.getByRole('button', { name: 'Hủy' }));
    await screen.findByRole('button', { name: 'Bắt đầu đánh giá' });
    // The start screen may paint before its effects have run; the update must follow, not precede, it.
    await waitFor(() => expect(updates.applied).toBe(1));
  });

  it('is applied at once when it arrives while the start screen is shown', async () => {
    const updates = controllableUpdates();
    await renderEnrolledKiosk({}, updates);
    await screen.findByRole('button', { name: 'Bắt đầu đánh giá' });
    act(() => updates.newVersionWaits());
    // The kiosk may subscribe to updates just after the start screen paints; it then sees the waiting version.
    await waitFor(() => expect(updates.applied).toBe(1));
  });
});
