import { useTranslation } from 'react-i18next';
import type { AdminSection } from '../layout/manage-route.ts';

/** The administration screen of one section. */
export default function AdminScreen({ section }: { section: AdminSection }) {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t(`manage.nav.admin.${section}`)}</h1>
      <p role="status">{t('manage.admin.notYet')}</p>
    </section>
  );
}
