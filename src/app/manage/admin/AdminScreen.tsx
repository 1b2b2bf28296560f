import { useTranslation } from 'react-i18next';
import type { UnitTreeReply } from '../../../domain/manage-api.ts';
import { fetchUnitTree } from '../api/reports.ts';
import { useApiQuery } from '../api/queries.ts';
import { unitKeys } from '../api/query-keys.ts';
import { ApiErrorMessage } from '../layout/ApiErrorMessage.tsx';
import type { AdminSection } from '../layout/manage-route.ts';
import { AccountsScreen } from './AccountsScreen.tsx';
import { AuditScreen } from './AuditScreen.tsx';
import { CountersScreen } from './CountersScreen.tsx';
import { DevicesScreen } from './DevicesScreen.tsx';
import { DossierLinksScreen } from './DossierLinksScreen.tsx';
import { FlagThresholdsScreen } from './FlagThresholdsScreen.tsx';
import { KioskSettingsScreen } from './KioskSettingsScreen.tsx';
import { QuestionnairesScreen } from './QuestionnairesScreen.tsx';
import { ProceduresScreen } from './ProceduresScreen.tsx';
import { ServiceFieldsScreen } from './ServiceFieldsScreen.tsx';
import { TargetsScreen } from './TargetsScreen.tsx';
import { UnitsScreen } from './UnitsScreen.tsx';

function SectionBody({ section, tree, onTreeChanged }: { section: AdminSection; tree: UnitTreeReply; onTreeChanged: () => void }) {
  switch (section) {
    case 'units':
      return <UnitsScreen tree={tree} onChanged={onTreeChanged} />;
    case 'counters':
      return <CountersScreen tree={tree} />;
    case 'service-fields':
      return <ServiceFieldsScreen />;
    case 'procedures':
      return <ProceduresScreen tree={tree} />;
    case 'targets':
      return <TargetsScreen tree={tree} />;
    case 'accounts':
      return <AccountsScreen tree={tree} />;
    case 'questionnaires':
      return <QuestionnairesScreen tree={tree} onPublished={onTreeChanged} />;
    case 'kiosk-settings':
      return <KioskSettingsScreen tree={tree} />;
    case 'devices':
      return <DevicesScreen tree={tree} />;
    case 'dossier-links':
      return <DossierLinksScreen tree={tree} />;
    case 'flag-thresholds':
      return <FlagThresholdsScreen tree={tree} />;
    case 'audit':
      return <AuditScreen tree={tree} />;
  }
}

/** One administration section; every section works on the unit tree, loaded once here. */
export default function AdminScreen({ section }: { section: AdminSection }) {
  const { t } = useTranslation();
  const tree = useApiQuery(unitKeys.tree(), fetchUnitTree);
  const shown = tree.state.kind === 'loaded' ? tree.state.data : tree.state.kind === 'loading' ? tree.state.previous : null;
  return (
    <section aria-labelledby="admin-heading">
      <h1 id="admin-heading">{t(`manage.nav.admin.${section}`)}</h1>
      {tree.state.kind === 'failed' && <ApiErrorMessage error={tree.state.error} onRetry={tree.reload} />}
      {shown === null && tree.state.kind === 'loading' && <p className="loading">{t('manage.loading')}</p>}
      {shown && <SectionBody section={section} tree={shown} onTreeChanged={tree.reload} />}
    </section>
  );
}
