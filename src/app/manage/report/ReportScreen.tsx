import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportQueryInput, UnitTreeReply } from '../../../domain/manage-api.ts';
import { localize } from '../../../domain/localize.ts';
import { fetchReport, fetchUnitTree } from '../api/reports.ts';
import { useApiQuery } from '../api/queries.ts';
import { reportKeys, unitKeys } from '../api/query-keys.ts';
import { ApiErrorMessage } from '../layout/ApiErrorMessage.tsx';
import { searchOfSelection, selectionFromSearch } from './report-url.ts';
import { ReportFilters, type ReportSelection } from './ReportFilters.tsx';
import { ReportView } from './ReportView.tsx';
import { ExportBar } from './ExportBar.tsx';

export function reportQueryOf(selection: ReportSelection, locale: string): ReportQueryInput {
  const [questionnaireId, version] = selection.questionnaire.split('@');
  return {
    unitId: selection.unitId,
    from: selection.period.from,
    to: selection.period.to,
    serviceFieldId: selection.serviceFieldId || undefined,
    procedureId: selection.procedureId || undefined,
    questionnaireId: questionnaireId || undefined,
    version: version ? Number(version) : undefined,
    includeSubunits: selection.includeSubunits,
    includeFlagged: selection.includeFlagged,
    channel: selection.channel || undefined,
    minimumSample: selection.minimumSample,
    commentTheme: selection.commentTheme || undefined,
    trendBy: selection.trendBy || undefined,
    locale,
  };
}

interface ReportScreenProps {
  /** Managers and administrators correct comments' themes; staff only read them. */
  canCorrectThemes: boolean;
  /** Managers and administrators download the per-dossier ratings; staff never see dossier codes. */
  canExportDossiers?: boolean;
}

export function ReportScreen({ canCorrectThemes, canExportDossiers = false }: ReportScreenProps) {
  const { t } = useTranslation();
  const tree = useApiQuery(unitKeys.tree(), fetchUnitTree);
  if (tree.state.kind === 'failed') return <ApiErrorMessage error={tree.state.error} onRetry={tree.reload} />;
  if (tree.state.kind === 'loading') return <p className="loading">{t('manage.loading')}</p>;
  if (tree.state.data.units.length === 0) return <p role="status">{t('manage.report.noUnits')}</p>;
  return <ReportForTree tree={tree.state.data} canCorrectThemes={canCorrectThemes} canExportDossiers={canExportDossiers} />;
}

function ReportForTree({ tree, canCorrectThemes, canExportDossiers = false }: { tree: UnitTreeReply } & ReportScreenProps) {
  const { t, i18n } = useTranslation();
  const [selection, setSelection] = useState(() => selectionFromSearch(window.location.search, tree));
  const choose = (next: ReportSelection) => {
    setSelection(next);
    window.history.replaceState(null, '', `${window.location.pathname}${searchOfSelection(next)}`);
  };
  const query = reportQueryOf(selection, i18n.language);
  const report = useApiQuery(reportKeys.report(query), (signal) => fetchReport(query, signal));
  const serviceField = tree.serviceFields.find((field) => field.id === selection.serviceFieldId);
  const serviceFieldName = serviceField ? localize(serviceField.name, i18n.language) : undefined;
  const procedure = tree.procedures.find((candidate) => candidate.id === selection.procedureId);
  const procedureName = procedure ? localize(procedure.name, i18n.language) : undefined;
  const shown = report.state.kind === 'loaded' ? report.state.data : report.state.kind === 'loading' ? report.state.previous : null;
  return (
    <div className="report-screen">
      <h1>{t('manage.report.title')}</h1>
      <ReportFilters tree={tree} selection={selection} onChange={choose} />
      {report.state.kind === 'loading' && (
        <p role="status" className="loading">
          {t('manage.loading')}
        </p>
      )}
      {report.state.kind === 'failed' && <ApiErrorMessage error={report.state.error} onRetry={report.reload} />}
      {shown && report.state.kind !== 'failed' && (
        <ReportView
          report={shown}
          serviceFieldName={serviceFieldName}
          procedureName={procedureName}
          onChoosePeriod={(period) => choose({ ...selection, period })}
          trendBy={selection.trendBy}
          onChooseTrendBy={(trendBy) => choose({ ...selection, trendBy })}
          comments={{
            theme: selection.commentTheme,
            onChooseTheme: (commentTheme) => choose({ ...selection, commentTheme }),
            canCorrect: canCorrectThemes,
            onCorrected: report.reload,
          }}
        />
      )}
      <ExportBar query={query} canExportDossiers={canExportDossiers} />
    </div>
  );
}
