import type { i18n } from 'i18next';
import vi from './vi.json';
import en from './en.json';

/**
 * The dashboard's texts live beside it and join the app's `translation` namespace under `manage` when
 * the dashboard chunk loads, so the kiosk's first screen never downloads them.
 */
export function addManageTranslations(instance: i18n): void {
  if (instance.hasResourceBundle('vi', 'translation') && instance.exists('manage.title', { lng: 'vi' })) return;
  instance.addResourceBundle('vi', 'translation', { manage: vi }, true, false);
  instance.addResourceBundle('en', 'translation', { manage: en }, true, false);
}
