import { useState } from 'react';
import { deviceAttention, orderDevicesForAttention } from '../../../domain/device-attention.ts';
import { useTranslation } from 'react-i18next';
import type { DeviceItem, UnitTreeReply } from '../../../domain/manage-api.ts';
import { adminApi } from '../api/admin.ts';
import type { ApiError } from '../../http/api-error.ts';
import { useApiQuery, useMutationRunner } from '../api/queries.ts';
import { adminKeys } from '../api/query-keys.ts';
import { apiErrorText } from '../layout/ApiErrorMessage.tsx';
import { LoadedList } from '../layout/LoadedList.tsx';
import { formatCount, formatDateTime } from '../report/report-format.ts';
import { EnrolmentCodeForm } from './EnrolmentCodeForm.tsx';
import { RevocationCell } from './RevocationCell.tsx';
import { UnitSelect, unitName } from './UnitSelect.tsx';
import { DataTable } from '../../ui/DataTable.tsx';

/** Missing sequence numbers as "37–38, 41": what the tablet still owes the server. */
function gapsText(missing: DeviceItem['missing']): string {
  return missing.map(([from, to]) => (from === to ? String(from) : `${from}–${to}`)).join(', ');
}

export function DevicesScreen({ tree }: { tree: UnitTreeReply }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const run = useMutationRunner();
  const [unitId, setUnitId] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const devices = useApiQuery(adminKeys.devices(unitId), (signal) => adminApi.listDevices(unitId || null, signal));

  const revoke = async (device: DeviceItem) => {
    if (!window.confirm(t('manage.devices.confirmRevoke', { name: device.name }))) return;
    setFailure(null);
    try {
      await run(() => adminApi.revokeDevice(device.id), [adminKeys.allDevices()]);
    } catch (error) {
      setFailure(apiErrorText(error as ApiError, t));
    }
  };

  return (
    <div className="admin-section">
      <UnitSelect tree={tree} label={t('manage.devices.filter')} value={unitId} onChange={setUnitId} emptyLabel={t('manage.admin.allUnits')} />
      {failure && (
        <p role="alert" className="form-error">
          {failure}
        </p>
      )}
      <LoadedList query={devices} emptyNote={t('manage.devices.none')}>
        {(items) => (
          <DataTable
            className="admin-table"
            cardsOnPhone
            scrolls
            headings={[
              t('manage.devices.name'),
              t('manage.devices.unit'),
              t('manage.devices.lastSeen'),
              t('manage.devices.pending'),
              t('manage.devices.received'),
              t('manage.devices.gaps'),
              t('manage.devices.status'),
            ]}
          >
            <tbody>
              {orderDevicesForAttention(items, new Date()).map((device) => (
                <tr key={device.id}>
                  <th scope="row">{device.name}</th>
                  <td>{unitName(tree, device.unitId, language)}</td>
                  <td>
                    {device.lastSeenAt ? formatDateTime(device.lastSeenAt, language, 'Asia/Ho_Chi_Minh') : t('manage.devices.never')}
                    <SilenceNote device={device} />
                  </td>
                  <td className="number">{device.pendingReported === null ? '—' : formatCount(device.pendingReported, language)}</td>
                  <td className="number">
                    {t('manage.devices.receivedOf', {
                      received: formatCount(device.received, language),
                      issued: formatCount(device.highestIssued, language),
                    })}
                  </td>
                  <td>
                    {device.missingCount === 0
                      ? t('manage.devices.noGaps')
                      : t('manage.devices.gapList', { count: device.missingCount, list: gapsText(device.missing) })}
                  </td>
                  <RevocationCell
                    revokedAt={device.revokedAt}
                    revokedText={(at) => t('manage.devices.revokedAt', { at })}
                    label={t('manage.devices.revoke')}
                    onRevoke={() => void revoke(device)}
                    status={t('manage.devices.active')}
                  />
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </LoadedList>
      <EnrolmentCodeForm tree={tree} onCreated={devices.reload} />
    </div>
  );
}

/** "Silent for N days" next to a tablet not heard from lately, so a dead or unplugged tablet stands out. */
function SilenceNote({ device }: { device: DeviceItem }) {
  const { t } = useTranslation();
  const attention = deviceAttention(device, new Date());
  if (!attention.stale || attention.daysSinceSeen === null) return null;
  return <strong className="form-error"> {t('manage.devices.silentDays', { count: attention.daysSinceSeen })}</strong>;
}
