import { useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useKioskDatabase } from '../store/StoreContext.tsx';
import { activeQuestionnaire, effectiveSettings } from '../store/config.ts';
import type { DeviceIdentity, StoredConfig } from '../store/db.ts';
import { bootSnapshotOf, bootSnapshotSignature, keepBootSnapshot, readBootSnapshot, type BootSnapshot } from '../store/boot-snapshot.ts';
import type { KioskSettings } from '../../domain/kiosk-settings.ts';
import type { Questionnaire } from '../../domain/questionnaire.ts';

export type KioskState =
  | { kind: 'loading' }
  | { kind: 'not-enrolled'; identity: DeviceIdentity | undefined }
  | { kind: 'awaiting-config'; identity: DeviceIdentity }
  | {
      kind: 'ready';
      deviceId: string;
      stored: StoredConfig;
      settings: KioskSettings;
      questionnaire: Questionnaire | null;
    };

const LOADING: KioskState = { kind: 'loading' };

function readyState({ deviceId, stored, overrides }: BootSnapshot): KioskState {
  const settings = effectiveSettings(stored, overrides);
  return { kind: 'ready', deviceId, stored, settings, questionnaire: activeQuestionnaire(stored.config, settings.mode) };
}

/**
 * Everything the kiosk runs on, read live from the tablet's store (works with no network). Until the
 * store first answers, the copy of the last ready state (boot-snapshot.ts) stands in for it.
 */
export function useKioskState(): KioskState {
  const db = useKioskDatabase();
  const [bootCopy] = useState(() => readBootSnapshot(db.name));
  const fromStore = useLiveQuery(async () => {
    const [identity, stored, local] = await Promise.all([db.device.get('device'), db.config.get('config'), db.settings.get('settings')]);
    return { identity, stored, overrides: local?.overrides };
  }, [db]);
  const keptSignature = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (!fromStore) return;
    const { identity, stored, overrides } = fromStore;
    const ready = identity?.token && stored ? { deviceId: identity.deviceId, stored } : null;
    const signature = ready ? bootSnapshotSignature(ready.deviceId, ready.stored, overrides) : null;
    if (signature === keptSignature.current) return;
    keptSignature.current = signature;
    keepBootSnapshot(db.name, ready ? bootSnapshotOf(ready.deviceId, ready.stored, overrides) : null);
  }, [db, fromStore]);

  if (!fromStore) return bootCopy ? readyState(bootCopy) : LOADING;
  const { identity, stored, overrides } = fromStore;
  if (!identity?.token) return { kind: 'not-enrolled', identity };
  if (!stored) return { kind: 'awaiting-config', identity };
  return readyState({ deviceId: identity.deviceId, stored, overrides });
}
