import { lazy, Suspense, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { StepHead } from './StepHead.tsx';
import { uiText } from './spoken-texts.ts';
import { TextField } from '../ui/TextField.tsx';

/** The camera scanner and its decoder load only when a citizen opens it. */
const QrScanner = lazy(() => import('./QrScanner.tsx').then((module) => ({ default: module.QrScanner })));

interface DossierCodeStepProps {
  required: boolean;
  registration: UseFormRegisterReturn<'dossierCode'>;
  error: string | undefined;
  /** Receives the text of a scanned receipt QR code. */
  onScanned: (qrText: string) => void;
}

/** The dossier code from the receipt, scanned from its QR code or typed; checked against the unit's format. */
export function DossierCodeStep({ required, registration, error, onScanned }: DossierCodeStepProps) {
  const { t, i18n } = useTranslation();
  const [scanning, setScanning] = useState(false);
  const canScan = typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);
  const scanned = useCallback(
    (text: string) => {
      setScanning(false);
      onScanned(text);
    },
    [onScanned],
  );
  const close = useCallback(() => setScanning(false), []);
  const hint = t(required ? 'dossier.hintRequired' : 'dossier.hintOptional');
  return (
    <section className="section-step">
      <StepHead
        title={t('dossier.title')}
        spoken={[uiText(t('dossier.title'), i18n.language), uiText(hint, i18n.language)]}
        speakerLabel={t('readAloud.screen')}
      />
      <p>{hint}</p>
      {canScan ? (
        <button type="button" className="button button--primary" onClick={() => setScanning(true)}>
          {t('dossier.scan')}
        </button>
      ) : null}
      <TextField
        label={t('dossier.label')}
        error={error && t(error)}
        errorId="dossier-error"
        {...registration}
        inputMode="text"
        autoCapitalize="characters"
        autoComplete="off"
        spellCheck={false}
        aria-describedby={error ? 'dossier-error' : undefined}
      />
      {scanning ? (
        <Suspense fallback={null}>
          <QrScanner onCode={scanned} onClose={close} />
        </Suspense>
      ) : null}
    </section>
  );
}
