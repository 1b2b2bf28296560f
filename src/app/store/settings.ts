import { kioskSettingsSchema, type KioskSettings } from '../../domain/kiosk-settings.ts';
import type { KioskDatabase } from './db.ts';

/** Stores staff's changes to this tablet's kiosk settings, validated, over the earlier ones. */
export async function saveSettingsOverrides(db: KioskDatabase, overrides: Partial<KioskSettings>) {
  const validated = kioskSettingsSchema.partial().parse(overrides);
  await db.transaction('rw', db.settings, async () => {
    const current = (await db.settings.get('settings'))?.overrides ?? {};
    await db.settings.put({ key: 'settings', overrides: { ...current, ...validated } });
  });
}
