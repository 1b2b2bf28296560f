import { useTranslation } from 'react-i18next';
import type { DeviceConfig } from '../../domain/device-config.ts';
import { languageReadAloud } from '../../domain/read-aloud.ts';
import type { Questionnaire } from '../../domain/questionnaire.ts';
import { KIOSK_LANGUAGES } from '../i18n/index.ts';
import { activeQuestionnaire } from '../store/config.ts';
import { useSpeechVoices } from '../kiosk/speech.ts';
import { LanguageName } from '../kiosk/LanguageName.tsx';

/** Which languages this tablet reads aloud, and how: its own voice, the questionnaire's recordings, or not. */
export function ReadAloudCard({ config }: { config: DeviceConfig }) {
  const { t } = useTranslation();
  const voices = useSpeechVoices();
  const questionnaires = [activeQuestionnaire(config, 'full'), activeQuestionnaire(config, 'quick')].filter(
    (questionnaire): questionnaire is Questionnaire => questionnaire !== null,
  );
  return (
    <section aria-labelledby="staff-read-aloud-title">
      <h2 id="staff-read-aloud-title">{t('staff.readAloud.title')}</h2>
      <p>{t('staff.readAloud.hint')}</p>
      <ul className="read-aloud-list">
        {KIOSK_LANGUAGES.map((language) => {
          const { voice, recordings } = languageReadAloud(language.code, voices, questionnaires);
          return (
            <li key={language.code} data-language={language.code}>
              <strong>
                <LanguageName code={language.code} nativeName={language.nativeName} />
              </strong>
              <ul>
                <li>{voice ? t('staff.readAloud.voice', { name: voice }) : t('staff.readAloud.noVoice')}</li>
                <li>{t('staff.readAloud.recordings', recordings)}</li>
                {!voice && recordings.recorded === 0 ? <li className="form-error">{t('staff.readAloud.none')}</li> : null}
              </ul>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
