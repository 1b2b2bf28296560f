import { kioskSettingsSchema, type KioskSettings } from '../../domain/kiosk-settings.ts';
import type { KioskDatabase } from './db.ts';

/** Stores staff's changes to this tablet's kiosk settings, validated, over the earlier ones. */
export async function saveSettingsOverrides(db: KioskDatabase, overrides: Partial<KioskSettings>) {
  const parsed = kioskSettingsSchema.partial().parse(overrides);
  // Parsing fills the defaults of settings added later; kept, they would override what the unit publishes.
  const validated = Object.fromEntries(Object.entries(parsed).filter(([key]) => Object.hasOwn(overrides, key))) as Partial<KioskSettings>;
  await db.transaction('rw', db.settings, async () => {
    const current = (await db.settings.get('settings'))?.overrides ?? {};
    await db.settings.put({ key: 'settings', overrides: { ...current, ...validated } });
  });
}
