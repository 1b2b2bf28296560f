import { Dexie, type EntityTable } from 'dexie';
import type { ClockAnchor } from '../../domain/device-clock.ts';
import type { SurveyResponse } from '../../domain/response.ts';
import type { DeviceConfig } from '../../domain/device-config.ts';
import type { KioskSettings } from '../../domain/kiosk-settings.ts';
import type { RejectionCode } from '../../domain/sync-protocol.ts';

export type SyncStatus = 'pending' | 'synced' | 'rejected';

/** A response as the tablet keeps it: the wire record plus where it stands in the sync. */
export interface StoredResponse extends SurveyResponse {
  status: SyncStatus;
  /** The unit's local day of the device submit time, for the staff view's daily results. */
  localDay: string;
  rejection?: { code: RejectionCode | 'unknown'; message: string; at: string };
  syncedAt?: string;
  /**
   * Set while the kiosk may still add to this record (quick mode's reason screen): until this ISO time the
   * outbox leaves it out, so the reason joins the one record before it is sent. A tablet that died on that
   * screen sends the record once the time has passed. Not indexed: no schema version needed.
   */
  reasonOpenUntil?: string;
}

/** The tablet's identity; the sequence counter lives here and is never reset, not even by pruning. */
export interface DeviceIdentity {
  key: 'device';
  deviceId: string;
  highestIssuedSequence: number;
  createdAt: string;
  token?: string;
  unitId?: string;
  enrolledAt?: string;
  /** Trusted time and the wall clock at the last sync reply (store/device-clock.ts); not indexed. */
  clockAnchor?: ClockAnchor;
}

export interface StoredConfig {
  key: 'config';
  config: DeviceConfig;
  etag: string | null;
  fetchedAt: string;
}

/** Settings staff changed on this tablet, over the unit's published defaults. */
export interface LocalSettings {
  key: 'settings';
  overrides: Partial<KioskSettings>;
}

export interface SyncState {
  key: 'sync';
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  lastError?: { code: string; message: string; at: string };
  /** Set after 401/403: the device stops syncing until it is enrolled again. */
  stoppedReason?: 'unauthorized' | 'device-revoked';
  serverLedger?: { highestContiguousSequence: number; receivedCount: number; missing: [number, number][]; at: string };
}

/** The staff PIN, only as a PBKDF2 hash, with the failed-attempt count that drives the lockout. */
export interface StaffAccess {
  key: 'pin';
  /** Base64 of the derived key and of the random salt. */
  hash: string;
  salt: string;
  iterations: number;
  failedAttempts: number;
  /** ISO time until which no PIN is even checked; null when not locked. */
  lockedUntil: string | null;
  changedAt: string;
}

export class KioskDatabase extends Dexie {
  responses!: EntityTable<StoredResponse, 'id'>;
  device!: EntityTable<DeviceIdentity, 'key'>;
  config!: EntityTable<StoredConfig, 'key'>;
  settings!: EntityTable<LocalSettings, 'key'>;
  sync!: EntityTable<SyncState, 'key'>;
  staffAccess!: EntityTable<StaffAccess, 'key'>;

  constructor(name = 'sipas-collect') {
    super(name);
    this.version(1).stores({
      responses: 'id, status, localDay, deviceSequence, [status+deviceSequence], [localDay+status]',
      device: 'key',
      config: 'key',
      settings: 'key',
      sync: 'key',
    });
    // v2 only adds the staff PIN table; every v1 table and record is kept as it is.
    this.version(2).stores({ staffAccess: 'key' });
    // v3 gives every stored response its channel (issue 21). Records kept from before it existed were the
    // citizen's own answers at the kiosk, so they say so, and the staff view and the sync read one shape.
    this.version(3)
      .stores({})
      .upgrade((transaction) =>
        transaction
          .table<Partial<StoredResponse>>('responses')
          .toCollection()
          .modify((response) => {
            response.channel ??= 'kiosk';
          }),
      );
  }
}

/**
 * One database per page. Dexie 4 reopens by itself after the browser closes the connection (iOS does so
 * under memory pressure), so a long-running kiosk keeps its handle.
 */
export function openKioskDatabase(name?: string): KioskDatabase {
  return new KioskDatabase(name);
}
