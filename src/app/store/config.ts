import type { DeviceConfig } from '../../domain/device-config.ts';
import { kioskSettingsSchema, resolveKioskSettings, type KioskSettings } from '../../domain/kiosk-settings.ts';
import type { KioskDatabase, StoredConfig } from './db.ts';

export async function saveConfig(db: KioskDatabase, config: DeviceConfig, etag: string | null, now = new Date()) {
  await db.config.put({ key: 'config', config, etag, fetchedAt: now.toISOString() });
}

export async function saveSettingsOverrides(db: KioskDatabase, overrides: Partial<KioskSettings>) {
  const validated = kioskSettingsSchema.partial().parse(overrides);
  await db.transaction('rw', db.settings, async () => {
    const current = (await db.settings.get('settings'))?.overrides ?? {};
    await db.settings.put({ key: 'settings', overrides: { ...current, ...validated } });
  });
}

/** The settings the kiosk runs with: published by the unit, adjusted by staff on this tablet. */
export function effectiveSettings(stored: StoredConfig, overrides: Partial<KioskSettings> | undefined): KioskSettings {
  try {
    return resolveKioskSettings(stored.config.kioskSettings, overrides ?? {});
  } catch {
    return stored.config.kioskSettings;
  }
}

/** The newest version this tablet holds of the questionnaire the mode uses. */
export function activeQuestionnaire(config: DeviceConfig, mode: KioskSettings['mode']) {
  const id = config.activeQuestionnaires[mode];
  const versions = config.questionnaires.filter((questionnaire) => questionnaire.id === id);
  return versions.sort((a, b) => b.version - a.version)[0] ?? null;
}
