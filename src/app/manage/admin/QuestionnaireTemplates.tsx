import { useTranslation } from 'react-i18next';
import { localize } from '../../../domain/localize.ts';
import { allCriteria, type Questionnaire } from '../../../domain/questionnaire.ts';
import { adminApi } from '../api/admin.ts';
import { useApiQuery } from '../api/queries.ts';
import { adminKeys } from '../api/query-keys.ts';
import { ApiErrorMessage } from '../layout/ApiErrorMessage.tsx';
import { MethodSummary } from './MethodSummary.tsx';

/** The shipped questionnaires for other services (a hospital, a school), each with its method, to start a draft from. */
export function QuestionnaireTemplates({ onUse }: { onUse: (template: Questionnaire) => void }) {
  const { t, i18n } = useTranslation();
  const { state: templates } = useApiQuery(adminKeys.questionnaireTemplates(), (signal) => adminApi.listQuestionnaireTemplates(signal));
  return (
    <section className="manage-form" aria-labelledby="questionnaire-templates">
      <h2 id="questionnaire-templates">{t('manage.questionnaires.templates.title')}</h2>
      <p className="note">{t('manage.questionnaires.templates.hint')}</p>
      {templates.kind === 'failed' && <ApiErrorMessage error={templates.error} />}
      {templates.kind === 'loading' && <p role="status">{t('manage.loading')}</p>}
      {templates.kind === 'loaded' && (
        <ul className="questionnaire-list">
          {templates.data.map((template) => (
            <li key={template.id}>
              <strong>{localize(template.title, i18n.language)}</strong>{' '}
              <span className="note">
                {t('manage.questionnaires.size', { elements: template.elements.length, criteria: allCriteria(template).length })}
              </span>
              {template.scoringMethod && <MethodSummary method={template.scoringMethod} />}
              <button type="button" className="manage-button" onClick={() => onUse(template)}>
                {t('manage.questionnaires.templates.use')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
