import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../domain/display-format.ts';
import { useKioskDatabase } from '../store/StoreContext.tsx';
import { verifyStaffPin } from '../store/staff-pin.ts';
import { PinField } from '../ui/TextField.tsx';
import { digitsOf, transformedInput } from '../ui/transformed-input.ts';
import { useFocusOnMount } from '../ui/useFocusOnMount.ts';

interface PinScreenProps {
  /** The unit's zone: the lockout's end is told on the counter's clock, as every time on the staff view. */
  timeZone: string;
  onUnlocked: () => void;
  onCancel: () => void;
}

type Message = { kind: 'wrong'; left: number } | { kind: 'locked'; until: string } | { kind: 'no-pin' } | null;

export function PinScreen({ timeZone, onUnlocked, onCancel }: PinScreenProps) {
  const { t, i18n } = useTranslation();
  const db = useKioskDatabase();
  const pinField = useFocusOnMount<HTMLInputElement>();
  const [pin, setPin] = useState('');
  const [checking, setChecking] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  // Shows a lockout already running (persisted across reloads) before anyone types.
  useEffect(() => {
    void db.staffAccess.get('pin').then((stored) => {
      if (!stored) setMessage({ kind: 'no-pin' });
      else if (stored.lockedUntil && Date.parse(stored.lockedUntil) > Date.now()) setMessage({ kind: 'locked', until: stored.lockedUntil });
    });
  }, [db]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecking(true);
    try {
      const check = await verifyStaffPin(db, pin);
      setPin('');
      if (check.kind === 'ok') onUnlocked();
      else if (check.kind === 'wrong') setMessage({ kind: 'wrong', left: check.attemptsBeforeLockout });
      else setMessage(check.kind === 'locked' ? { kind: 'locked', until: check.until } : { kind: 'no-pin' });
    } finally {
      setChecking(false);
    }
  };
  const time = (iso: string) => formatTime(iso, i18n.language, timeZone);

  return (
    <main className="setup">
      <h1>{t('staff.pin.title')}</h1>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <PinField label={t('staff.pin.label')} value={pin} onChange={transformedInput(digitsOf, setPin)} ref={pinField} />
        {message ? (
          <p className="form-error" role="alert">
            {message.kind === 'wrong'
              ? t('staff.pin.wrong', { count: message.left })
              : message.kind === 'locked'
                ? t('staff.pin.locked', { time: time(message.until) })
                : t('staff.pin.noPin')}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={checking || pin.length < 4}>
            {t('staff.pin.submit')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('staff.leave')}
          </button>
        </div>
      </form>
    </main>
  );
}
