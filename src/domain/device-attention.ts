/**
 * Which tablets an administrator should look at first: those whose ledger has gaps (answers the server
 * never received) and those not heard from for some days, before the healthy ones.
 */
export interface DeviceHealthFacts {
  missingCount: number;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

export const DEFAULT_STALE_AFTER_DAYS = 2;

export interface DeviceAttention {
  hasGaps: boolean;
  /** Not seen for at least the given number of days, or never seen. */
  stale: boolean;
  daysSinceSeen: number | null;
}

export function deviceAttention(device: DeviceHealthFacts, now: Date, staleAfterDays = DEFAULT_STALE_AFTER_DAYS): DeviceAttention {
  const daysSinceSeen = device.lastSeenAt === null ? null : Math.floor((now.getTime() - Date.parse(device.lastSeenAt)) / 86_400_000);
  return {
    hasGaps: device.missingCount > 0,
    stale: device.revokedAt === null && (daysSinceSeen === null || daysSinceSeen >= staleAfterDays),
    daysSinceSeen,
  };
}

/** Gaps first (most missing first), then stale ones (longest silent first), then the rest; revoked last. */
export function orderDevicesForAttention<Device extends DeviceHealthFacts>(
  devices: readonly Device[],
  now: Date,
  staleAfterDays = DEFAULT_STALE_AFTER_DAYS,
): Device[] {
  const rank = (device: Device) => {
    if (device.revokedAt !== null) return 3;
    const attention = deviceAttention(device, now, staleAfterDays);
    return attention.hasGaps ? 0 : attention.stale ? 1 : 2;
  };
  const silence = (device: Device) => (device.lastSeenAt === null ? Number.POSITIVE_INFINITY : now.getTime() - Date.parse(device.lastSeenAt));
  return [...devices].sort((a, b) => rank(a) - rank(b) || b.missingCount - a.missingCount || silence(b) - silence(a));
}
