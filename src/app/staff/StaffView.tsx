import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceConfig } from '../../domain/device-config.ts';
import type { KioskSettings } from '../../domain/kiosk-settings.ts';
import { localize } from '../../domain/localize.ts';
import { ResultsScreen } from './ResultsScreen.tsx';
import { SyncScreen } from './SyncScreen.tsx';
import { SettingsScreen } from './SettingsScreen.tsx';
import { StorageScreen } from './StorageScreen.tsx';
import { StorageWarning } from './StorageWarning.tsx';

const TABS = ['results', 'sync', 'settings', 'storage'] as const;
type Tab = (typeof TABS)[number];

interface StaffViewProps {
  config: DeviceConfig;
  settings: KioskSettings;
  onLeave: () => void;
  onAssist: () => void;
}

export function StaffView({ config, settings, onLeave, onAssist }: StaffViewProps) {
  const { t, i18n } = useTranslation();
  const [tab, setTab] = useState<Tab>('results');
  return (
    <div className="staff">
      <header className="staff__header">
        <p className="staff__unit">
          {t('staff.title')} — {localize(config.unit.name, i18n.language)}
        </p>
        <nav aria-label={t('staff.sections')} className="staff__tabs">
          {TABS.map((name) => (
            <button key={name} type="button" className="bar-toggle staff__tab" aria-pressed={tab === name} onClick={() => setTab(name)}>
              {t(`staff.tabs.${name}`)}
            </button>
          ))}
        </nav>
        <button type="button" className="button" onClick={onLeave}>
          {t('staff.leave')}
        </button>
      </header>
      <main className="staff__main">
        <section className="staff__assist" aria-label={t('staff.assist')}>
          <p>{t('staff.assistExplained')}</p>
          <button type="button" className="button button--primary" onClick={onAssist}>
            {t('staff.assist')}
          </button>
        </section>
        <StorageWarning />
        {tab === 'results' ? <ResultsScreen config={config} /> : null}
        {tab === 'sync' ? <SyncScreen config={config} /> : null}
        {tab === 'settings' ? <SettingsScreen config={config} settings={settings} /> : null}
        {tab === 'storage' ? <StorageScreen settings={settings} timeZone={config.unit.timeZone} /> : null}
      </main>
    </div>
  );
}
