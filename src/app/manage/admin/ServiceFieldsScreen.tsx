import { useTranslation } from 'react-i18next';
import { serviceFieldSchema } from '../../../domain/manage-api.ts';
import { adminApi } from '../api/admin.ts';
import { useApiQuery } from '../api/queries.ts';
import { adminKeys } from '../api/query-keys.ts';
import { ApiErrorMessage } from '../layout/ApiErrorMessage.tsx';
import { CsvImportForm } from './CsvImportForm.tsx';
import { IdAndNameForm } from './IdAndNameForm.tsx';
import { NamedItemList } from './NamedItems.tsx';

/** Service fields (lĩnh vực) of the province; saving an existing id renames it. */
export function ServiceFieldsScreen() {
  const { t } = useTranslation();
  const fields = useApiQuery(adminKeys.serviceFields(), adminApi.listServiceFields);
  return (
    <div className="admin-section">
      {fields.state.kind === 'failed' && <ApiErrorMessage error={fields.state.error} onRetry={fields.reload} />}
      {fields.state.kind === 'loaded' && <NamedItemList items={fields.state.data} />}
      <IdAndNameForm
        id="field-save"
        title={t('manage.serviceFields.save')}
        save={(field) => adminApi.saveServiceField(serviceFieldSchema.parse(field))}
        onSaved={fields.reload}
      />
      <CsvImportForm
        title={t('manage.serviceFields.import')}
        columns="id,name_vi,name_en"
        onImport={adminApi.importServiceFields}
        onImported={fields.reload}
      />
    </div>
  );
}
