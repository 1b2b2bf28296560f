import { describe, expect, it } from 'vitest';
import { deviceAttention, orderDevicesForAttention, type DeviceHealthFacts } from '../../../src/domain/device-attention.ts';

const NOW = new Date('2026-11-22T08:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const device = (name: string, facts: Partial<DeviceHealthFacts>) => ({ name, missingCount: 0, lastSeenAt: daysAgo(0), revokedAt: null, ...facts });

describe('which tablets need attention first', () => {
  it('lists tablets with gaps first, then those silent for days, then healthy ones, revoked last', () => {
    const ordered = orderDevicesForAttention(
      [
        device('healthy', {}),
        device('revoked', { revokedAt: daysAgo(1), lastSeenAt: daysAgo(30) }),
        device('silent 3 days', { lastSeenAt: daysAgo(3) }),
        device('two missing', { missingCount: 2 }),
        device('never seen', { lastSeenAt: null }),
        device('five missing', { missingCount: 5, lastSeenAt: daysAgo(1) }),
      ],
      NOW,
    );
    expect(ordered.map((entry) => entry.name)).toEqual(['five missing', 'two missing', 'never seen', 'silent 3 days', 'healthy', 'revoked']);
  });

  it('calls a tablet stale from the given number of silent days', () => {
    expect(deviceAttention(device('a', { lastSeenAt: daysAgo(1.9) }), NOW, 2)).toMatchObject({ stale: false, daysSinceSeen: 1 });
    expect(deviceAttention(device('b', { lastSeenAt: daysAgo(2) }), NOW, 2)).toMatchObject({ stale: true, daysSinceSeen: 2 });
    expect(deviceAttention(device('c', { lastSeenAt: null }), NOW)).toMatchObject({ stale: true, daysSinceSeen: null });
  });
});
