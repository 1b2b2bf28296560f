import type { DeviceConfig } from '../../domain/device-config.ts';
import type { KioskSettings } from '../../domain/kiosk-settings.ts';
import type { Questionnaire } from '../../domain/questionnaire.ts';
import type { KioskDatabase, StoredConfig } from './db.ts';

export async function saveConfig(db: KioskDatabase, config: DeviceConfig, etag: string | null, now = new Date()) {
  await db.config.put({ key: 'config', config, etag, fetchedAt: now.toISOString() });
}

/**
 * The settings the kiosk runs with: published by the unit, adjusted by staff on this tablet. Both were
 * validated when they were stored, so reading them needs no validation library on the first screen.
 */
export function effectiveSettings(stored: StoredConfig, overrides: Partial<KioskSettings> | undefined): KioskSettings {
  return { ...stored.config.kioskSettings, ...overrides };
}

/** The newest version this tablet holds of the questionnaire the mode uses. */
export function activeQuestionnaire(config: DeviceConfig, mode: KioskSettings['mode']) {
  const id = config.activeQuestionnaires[mode];
  const versions = config.questionnaires.filter((questionnaire) => questionnaire.id === id);
  return versions.sort((a, b) => b.version - a.version)[0] ?? null;
}

/**
 * A survey's questionnaire as the store holds it now: the version the survey started with, found again in
 * the newest configuration. A survey started from the boot copy, which has no recordings, reads them once
 * IndexedDB has answered; a version no longer in the configuration stays as the survey captured it.
 */
export function sameVersionNow(config: DeviceConfig, started: Questionnaire): Questionnaire {
  return config.questionnaires.find((held) => held.id === started.id && held.version === started.version) ?? started;
}
