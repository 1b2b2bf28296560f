import { useLiveQuery } from 'dexie-react-hooks';
import { useKioskDatabase } from '../store/StoreContext.tsx';
import { activeQuestionnaire, effectiveSettings } from '../store/config.ts';
import type { DeviceIdentity, StoredConfig } from '../store/db.ts';
import type { KioskSettings } from '../../domain/kiosk-settings.ts';
import type { Questionnaire } from '../../domain/questionnaire.ts';

export type KioskState =
  | { kind: 'loading' }
  | { kind: 'not-enrolled'; identity: DeviceIdentity | undefined }
  | { kind: 'awaiting-config'; identity: DeviceIdentity }
  | {
      kind: 'ready';
      identity: DeviceIdentity;
      stored: StoredConfig;
      settings: KioskSettings;
      questionnaire: Questionnaire | null;
    };

/** Everything the kiosk runs on, read live from the tablet's store (works with no network). */
export function useKioskState(): KioskState {
  const db = useKioskDatabase();
  const snapshot = useLiveQuery(async () => {
    const [identity, stored, local] = await Promise.all([db.device.get('device'), db.config.get('config'), db.settings.get('settings')]);
    return { identity, stored, overrides: local?.overrides };
  }, [db]);
  if (!snapshot) return { kind: 'loading' };
  const { identity, stored, overrides } = snapshot;
  if (!identity?.token) return { kind: 'not-enrolled', identity };
  if (!stored) return { kind: 'awaiting-config', identity };
  const settings = effectiveSettings(stored, overrides);
  return { kind: 'ready', identity, stored, settings, questionnaire: activeQuestionnaire(stored.config, settings.mode) };
}
