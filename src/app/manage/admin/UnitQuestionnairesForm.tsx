import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../domain/localize.ts';
import type { UnitTreeReply } from '../../../domain/manage-api.ts';
import { activeQuestionnaireIds } from '../../../domain/questionnaires/index.ts';
import { DOSSIER_LINK_MODES, dossierLinkModeOf, type DossierLinkMode } from '../../../domain/response-channel.ts';
import { adminApi } from '../api/admin.ts';
import { ancestryOf } from '../report/unit-options.ts';
import { SubmitWithStatus, TitledForm, useSubmission } from './form-parts.tsx';
import { UnitSelect } from './UnitSelect.tsx';

const MODES = ['full', 'quick'] as const;
type Mode = (typeof MODES)[number];

/**
 * Which questionnaire a unit's kiosks use in each mode, and which of the two its dossier links ask: its own
 * choice or its parent's. Tablets take the newest published version of the chosen questionnaire at their
 * next configuration pull; a link asks it from the next time it is opened.
 */
export function UnitQuestionnairesForm({ tree, onSaved }: { tree: UnitTreeReply; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const [unitId, setUnitId] = useState('');
  const unit = tree.units.find((candidate) => candidate.id === unitId);
  const [choice, setChoice] = useState<Record<Mode, string | null>>({ full: null, quick: null });
  const [linkMode, setLinkMode] = useState<DossierLinkMode | null>(null);
  const linkHintId = useId();
  const { outcome, submit } = useSubmission();
  const titleOf = (id: string) => {
    const head = tree.questionnaires.find((questionnaire) => questionnaire.id === id);
    return head ? localize(head.title, i18n.language) : id;
  };
  const above = unit ? ancestryOf(tree.units, unit.id).slice(1) : [];
  const inherited = unit
    ? activeQuestionnaireIds(above.map((parent) => ({ full: parent.fullQuestionnaireId, quick: parent.quickQuestionnaireId })))
    : null;
  const inheritedLinkMode = dossierLinkModeOf(above.map((parent) => ({ dossierLinkMode: parent.dossierLinkMode })));
  const pick = (id: string) => {
    setUnitId(id);
    const picked = tree.units.find((candidate) => candidate.id === id);
    setChoice({ full: picked?.fullQuestionnaireId ?? null, quick: picked?.quickQuestionnaireId ?? null });
    setLinkMode(picked?.dossierLinkMode ?? null);
  };
  const save = async () => {
    if (!unit) return;
    const saved = await submit(
      () => adminApi.setUnitQuestionnaires(unit.id, { ...choice, dossierLink: linkMode }),
      () => t('manage.questionnaires.assign.saved', { unit: localize(unit.name, i18n.language) }),
    );
    if (saved) onSaved();
  };
  return (
    <TitledForm
      id="unit-questionnaires"
      title={t('manage.questionnaires.assign.title')}
      hint={t('manage.questionnaires.assign.hint')}
      onSubmit={() => void save()}
    >
      <UnitSelect
        tree={tree}
        label={t('manage.questionnaires.assign.unit')}
        value={unitId}
        onChange={pick}
        emptyLabel={t('manage.admin.chooseUnit')}
      />
      {unit && inherited && (
        <>
          {MODES.map((mode) => {
            const ids = [
              ...new Set(tree.questionnaires.filter((questionnaire) => questionnaire.mode === mode).map((questionnaire) => questionnaire.id)),
            ];
            return (
              <label key={mode}>
                <span>{t(`manage.questionnaires.modes.${mode}`)}</span>
                <select
                  value={choice[mode] ?? ''}
                  onChange={(event) => setChoice({ ...choice, [mode]: event.target.value === '' ? null : event.target.value })}
                >
                  <option value="">{t('manage.questionnaires.assign.inherit', { title: titleOf(inherited[mode]) })}</option>
                  {ids.map((id) => (
                    <option key={id} value={id}>
                      {titleOf(id)}
                    </option>
                  ))}
                </select>
              </label>
            );
          })}
          <label>
            <span>{t('manage.questionnaires.assign.dossierLink')}</span>
            <select
              value={linkMode ?? ''}
              aria-describedby={linkHintId}
              onChange={(event) => setLinkMode(event.target.value === '' ? null : (event.target.value as DossierLinkMode))}
            >
              <option value="">
                {t('manage.questionnaires.assign.inheritMode', { mode: t(`manage.questionnaires.modes.${inheritedLinkMode}`) })}
              </option>
              {DOSSIER_LINK_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {t(`manage.questionnaires.modes.${mode}`)}
                </option>
              ))}
            </select>
            <small id={linkHintId}>{t('manage.questionnaires.assign.dossierLinkHint')}</small>
          </label>
          <SubmitWithStatus outcome={outcome}>{t('manage.questionnaires.assign.save')}</SubmitWithStatus>
        </>
      )}
    </TitledForm>
  );
}
