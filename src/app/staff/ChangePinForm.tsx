import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskDatabase } from '../store/StoreContext.tsx';
import { changeStaffPin, isValidPin } from '../store/staff-pin.ts';
import { PinField } from '../ui/TextField.tsx';
import { digitsOf, transformedInput } from '../ui/transformed-input.ts';

type Outcome = 'changed' | 'invalid' | 'mismatch' | 'wrong' | 'locked' | null;

/** Staff change the PIN by giving the current one first. */
export function ChangePinForm() {
  const { t } = useTranslation();
  const db = useKioskDatabase();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!isValidPin(next)) return setOutcome('invalid');
    if (next !== confirmation) return setOutcome('mismatch');
    const check = await changeStaffPin(db, current, next);
    setOutcome(check.kind === 'ok' ? 'changed' : check.kind === 'locked' ? 'locked' : 'wrong');
    setCurrent('');
    if (check.kind === 'ok') {
      setNext('');
      setConfirmation('');
    }
  };
  return (
    <form className="staff-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="change-pin-title">
      <h2 id="change-pin-title">{t('staff.changePin.title')}</h2>
      <PinField label={t('staff.changePin.current')} value={current} onChange={transformedInput(digitsOf, setCurrent)} />
      <PinField label={t('staff.changePin.new')} value={next} onChange={transformedInput(digitsOf, setNext)} />
      <PinField label={t('staff.changePin.confirm')} value={confirmation} onChange={transformedInput(digitsOf, setConfirmation)} />
      <button type="submit" className="button">
        {t('staff.changePin.submit')}
      </button>
      {outcome ? (
        <p className={outcome === 'changed' ? undefined : 'form-error'} role={outcome === 'changed' ? 'status' : 'alert'}>
          {t(`staff.changePin.outcome.${outcome}`)}
        </p>
      ) : null}
    </form>
  );
}
