import { useState } from 'react';
import './staff.css';
import type { DeviceConfig } from '../../domain/device-config.ts';
import type { KioskSettings } from '../../domain/kiosk-settings.ts';
import { PinScreen } from './PinScreen.tsx';
import { StaffView } from './StaffView.tsx';
import { useStaffInactivity } from './useStaffInactivity.ts';

export interface StaffAppProps {
  config: DeviceConfig;
  settings: KioskSettings;
  /** Back to the kiosk's welcome screen: staff left, or nobody touched the tablet for a while. */
  onLeave: () => void;
  /** Back to the kiosk straight into one survey a clerk helps someone answer (the staff-assisted channel). */
  onAssist: () => void;
  inactivityMs?: number;
}

/** The staff face of the tablet: nothing of it shows before the PIN is right. */
export function StaffApp({ config, settings, onLeave, onAssist, inactivityMs }: StaffAppProps) {
  const [unlocked, setUnlocked] = useState(false);
  useStaffInactivity(onLeave, inactivityMs);
  if (!unlocked) return <PinScreen timeZone={config.unit.timeZone} onUnlocked={() => setUnlocked(true)} onCancel={onLeave} />;
  return <StaffView config={config} settings={settings} onLeave={onLeave} onAssist={onAssist} />;
}
