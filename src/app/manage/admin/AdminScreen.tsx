import { useTranslation } from 'react-i18next';
import type { UnitTreeReply } from '../../../domain/manage-api.ts';
import { fetchUnitTree } from '../api/reports.ts';
import { useApiData } from '../api/use-api-data.ts';
import { ApiErrorMessage } from '../layout/ApiErrorMessage.tsx';
import type { AdminSection } from '../layout/manage-route.ts';
import { DevicesScreen } from './DevicesScreen.tsx';

function SectionBody({ section, tree }: { section: AdminSection; tree: UnitTreeReply }) {
  const { t } = useTranslation();
  switch (section) {
    case 'devices':
      return <DevicesScreen tree={tree} />;
    default:
      return <p role="status">{t('manage.admin.notYet')}</p>;
  }
}

/** One administration section; every section works on the unit tree, loaded once here. */
export default function AdminScreen({ section }: { section: AdminSection }) {
  const { t } = useTranslation();
  const tree = useApiData('units', fetchUnitTree);
  return (
    <section aria-labelledby="admin-heading">
      <h1 id="admin-heading">{t(`manage.nav.admin.${section}`)}</h1>
      {tree.state.kind === 'failed' && <ApiErrorMessage error={tree.state.error} onRetry={tree.reload} />}
      {tree.state.kind === 'loading' && <p className="loading">{t('manage.loading')}</p>}
      {tree.state.kind === 'loaded' && <SectionBody section={section} tree={tree.state.data} />}
    </section>
  );
}
