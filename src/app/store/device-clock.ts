import { deviceClockOffset, type ClockOffset, type ClockReading, type SessionAnchor } from '../../domain/device-clock.ts';
import type { DeviceIdentity, KioskDatabase } from './db.ts';

/**
 * The tablet's side of domain/device-clock.ts: the anchor of this page (with the monotonic clock, kept in
 * memory because performance.now() restarts with the page) and the stored one (on the device row, for
 * the pages after it).
 */

const sessionAnchors = new Map<string, SessionAnchor>();

export function readClocks(): ClockReading {
  return { wallMs: Date.now(), monoMs: performance.now() };
}

/** Both clocks when this page started: performance.now() counts from performance.timeOrigin. */
function pageStart(): ClockReading {
  return { wallMs: performance.timeOrigin, monoMs: 0 };
}

/** The server said what time it is (a sync reply): the anchor of this page, and the stored one. */
export async function recordTrustedTime(db: KioskDatabase, serverIso: string, reading: ClockReading = readClocks()): Promise<void> {
  const serverMs = Date.parse(serverIso);
  if (!Number.isFinite(serverMs)) return;
  sessionAnchors.set(db.name, { serverMs, ...reading });
  await db.device.update('device', { clockAnchor: { serverMs, wallMs: reading.wallMs } });
}

/**
 * The offset to record with an answer given now (undefined before the first anchor); `identity` is the
 * device row read in the same transaction.
 */
export function clockOffsetNow(db: KioskDatabase, identity: DeviceIdentity, reading: ClockReading = readClocks()): ClockOffset | null | undefined {
  return deviceClockOffset({
    now: reading,
    pageStart: pageStart(),
    sessionAnchor: sessionAnchors.get(db.name) ?? null,
    storedAnchor: identity.clockAnchor ?? null,
  });
}
