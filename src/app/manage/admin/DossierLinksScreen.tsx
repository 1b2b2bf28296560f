import { useState, type FormEvent } from 'react';
import type { QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type {
  IntegrationKeyCreated,
  IntegrationKeyItem,
  MintedDossierLink,
  SigningKeyCreated,
  SigningKeyItem,
} from '../../../domain/dossier-links-api.ts';
import { localize } from '../../../domain/localize.ts';
import type { UnitTreeReply } from '../../../domain/manage-api.ts';
import type { ApiError } from '../../http/api-error.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { adminApi } from '../api/admin.ts';
import { useApiQuery, useMutationRunner } from '../api/queries.ts';
import { adminKeys } from '../api/query-keys.ts';
import { apiErrorText } from '../layout/ApiErrorMessage.tsx';
import { LoadedList } from '../layout/LoadedList.tsx';
import { formatDateTime, formatLocalDay } from '../report/report-format.ts';
import { RevocationCell } from './RevocationCell.tsx';
import { svgDataUrl } from './qr-image.ts';
import { UnitSelect, unitName } from './UnitSelect.tsx';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * Dossier links (issue 21, docs/dossier-links.md): each unit's signing key, with which a one-stop system
 * signs the links it prints on result slips, and the vendors' integration keys for the API that mints them.
 * A secret is shown once, when it is made; the lists never hold one.
 */
export function DossierLinksScreen({ tree }: { tree: UnitTreeReply }) {
  return (
    <div className="admin-section">
      <SigningKeys tree={tree} />
      <OneDossierLink tree={tree} />
      <IntegrationKeys tree={tree} />
    </div>
  );
}

/** Runs an administrator's change and keeps its failure as words to show. */
function useKeyChange() {
  const { t } = useTranslation();
  const run = useMutationRunner();
  const [failure, setFailure] = useState<string | null>(null);
  const change = async <Result,>(action: () => Promise<Result>, invalidates: QueryKey[]): Promise<Result | null> => {
    setFailure(null);
    try {
      return await run(action, invalidates);
    } catch (error) {
      setFailure(apiErrorText(error as ApiError, t));
      return null;
    }
  };
  return { failure, change };
}

function Failure({ text }: { text: string | null }) {
  if (text === null) return null;
  return (
    <p role="alert" className="form-error">
      {text}
    </p>
  );
}

/** A secret as it is handed to the vendor: selectable, with what it is for and that it will not be shown again. */
function ShownOnce({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <div className="enrolment-code" role="status">
      <p>
        {label}: <code className="enrolment-code__text">{value}</code>
      </p>
      <p className="note">{note}</p>
    </div>
  );
}

function SigningKeys({ tree }: { tree: UnitTreeReply }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [unitId, setUnitId] = useState('');
  const [created, setCreated] = useState<SigningKeyCreated | null>(null);
  const { failure, change } = useKeyChange();
  const keys = useApiQuery(adminKeys.signingKeys(unitId), (signal) => adminApi.listSigningKeys(unitId || null, signal));

  const create = async () => {
    if (!unitId) return;
    const current =
      keys.state.kind === 'loaded' && keys.state.data.some((key) => key.unitId === unitId && key.rotatedAt === null && key.revokedAt === null);
    if (current && !window.confirm(t('manage.dossierLinks.signing.confirmRotate', { unit: unitName(tree, unitId, language) }))) return;
    setCreated(await change(() => adminApi.createSigningKey(unitId), [adminKeys.allSigningKeys()]));
  };
  const revoke = async (key: SigningKeyItem) => {
    if (!window.confirm(t('manage.dossierLinks.signing.confirmRevoke', { id: key.id, unit: unitName(tree, key.unitId, language) }))) return;
    await change(() => adminApi.revokeSigningKey(key.id), [adminKeys.allSigningKeys()]);
  };
  const status = (key: SigningKeyItem) => {
    if (key.rotatedAt && key.lastIssueDay) return t('manage.dossierLinks.signing.rotated', { day: formatLocalDay(key.lastIssueDay, language) });
    return t('manage.dossierLinks.signing.current');
  };

  return (
    <section className="admin-section" aria-labelledby="signing-keys-heading">
      <h2 id="signing-keys-heading">{t('manage.dossierLinks.signing.title')}</h2>
      <p className="note">{t('manage.dossierLinks.signing.hint')}</p>
      <UnitSelect
        tree={tree}
        label={t('manage.dossierLinks.signing.unit')}
        value={unitId}
        onChange={(id) => {
          setUnitId(id);
          setCreated(null);
        }}
        emptyLabel={t('manage.admin.allUnits')}
      />
      <Failure text={failure} />
      <LoadedList query={keys} emptyNote={t('manage.dossierLinks.signing.none')}>
        {(items) => (
          <DataTable
            className="admin-table"
            cardsOnPhone
            scrolls
            headings={[
              t('manage.dossierLinks.signing.id'),
              t('manage.dossierLinks.unit'),
              t('manage.dossierLinks.createdAt'),
              t('manage.dossierLinks.status'),
            ]}
          >
            <tbody>
              {items.map((key) => (
                <tr key={key.id}>
                  <th scope="row">
                    <code>{key.id}</code>
                  </th>
                  <td>{unitName(tree, key.unitId, language)}</td>
                  <td>{formatDateTime(key.createdAt, language, TIME_ZONE)}</td>
                  <RevocationCell
                    revokedAt={key.revokedAt}
                    revokedText={(at) => t('manage.dossierLinks.signing.revokedAt', { at })}
                    label={t('manage.dossierLinks.revoke')}
                    onRevoke={() => void revoke(key)}
                    status={status(key)}
                  />
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </LoadedList>
      <div className="manage-form">
        <button type="button" className="manage-button manage-button--primary" disabled={!unitId} onClick={() => void create()}>
          {t('manage.dossierLinks.signing.create')}
        </button>
        {!unitId && <p className="note">{t('manage.dossierLinks.signing.chooseUnit')}</p>}
      </div>
      {created && (
        <ShownOnce
          label={t('manage.dossierLinks.signing.secret', { id: created.keyId })}
          value={created.secret}
          note={t('manage.dossierLinks.signing.secretNote', { unit: unitName(tree, created.unitId, language) })}
        />
      )}
    </section>
  );
}

function IntegrationKeys({ tree }: { tree: UnitTreeReply }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [vendor, setVendor] = useState('');
  const [unitId, setUnitId] = useState('');
  const [missing, setMissing] = useState(false);
  const [created, setCreated] = useState<IntegrationKeyCreated | null>(null);
  const { failure, change } = useKeyChange();
  const keys = useApiQuery(adminKeys.integrationKeys(), (signal) => adminApi.listIntegrationKeys(signal));

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setMissing(vendor.trim() === '' || unitId === '');
    if (vendor.trim() === '' || unitId === '') return;
    const key = await change(() => adminApi.createIntegrationKey({ vendor: vendor.trim(), unitIds: [unitId] }), [adminKeys.integrationKeys()]);
    if (key) {
      setCreated(key);
      setVendor('');
    }
  };
  const revoke = async (key: IntegrationKeyItem) => {
    if (!window.confirm(t('manage.dossierLinks.integration.confirmRevoke', { vendor: key.vendor }))) return;
    await change(() => adminApi.revokeIntegrationKey(key.id), [adminKeys.integrationKeys()]);
  };

  return (
    <section className="admin-section" aria-labelledby="integration-keys-heading">
      <h2 id="integration-keys-heading">{t('manage.dossierLinks.integration.title')}</h2>
      <p className="note">{t('manage.dossierLinks.integration.hint')}</p>
      <Failure text={failure} />
      <LoadedList query={keys} emptyNote={t('manage.dossierLinks.integration.none')}>
        {(items) => (
          <DataTable
            className="admin-table"
            cardsOnPhone
            scrolls
            headings={[
              t('manage.dossierLinks.integration.vendor'),
              t('manage.dossierLinks.integration.units'),
              t('manage.dossierLinks.createdAt'),
              t('manage.dossierLinks.integration.lastUsed'),
              t('manage.dossierLinks.status'),
            ]}
          >
            <tbody>
              {items.map((key) => (
                <tr key={key.id}>
                  <th scope="row">{key.vendor}</th>
                  <td>{key.unitIds.map((id) => unitName(tree, id, language)).join(', ')}</td>
                  <td>{formatDateTime(key.createdAt, language, TIME_ZONE)}</td>
                  <td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt, language, TIME_ZONE) : t('manage.dossierLinks.integration.neverUsed')}</td>
                  <RevocationCell
                    revokedAt={key.revokedAt}
                    revokedText={(at) => t('manage.dossierLinks.integration.revokedAt', { at })}
                    label={t('manage.dossierLinks.revoke')}
                    onRevoke={() => void revoke(key)}
                  />
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </LoadedList>
      <form className="manage-form" onSubmit={(event) => void create(event)} noValidate>
        <h3>{t('manage.dossierLinks.integration.create')}</h3>
        <label>
          <span>{t('manage.dossierLinks.integration.vendor')}</span>
          <input value={vendor} maxLength={120} onChange={(event) => setVendor(event.target.value)} />
        </label>
        <UnitSelect
          tree={tree}
          label={t('manage.dossierLinks.integration.scope')}
          value={unitId}
          onChange={setUnitId}
          emptyLabel={t('manage.admin.chooseUnit')}
        />
        {missing && <p className="form-error">{t('manage.dossierLinks.integration.missing')}</p>}
        <button type="submit" className="manage-button manage-button--primary">
          {t('manage.dossierLinks.integration.submit')}
        </button>
      </form>
      {created && (
        <ShownOnce
          label={t('manage.dossierLinks.integration.key', { vendor: created.vendor })}
          value={created.key}
          note={t('manage.dossierLinks.integration.keyNote')}
        />
      )}
    </section>
  );
}

/** One dossier's link and QR code, made by an administrator: for a result slip's template, or to try the citizen's page. */
function OneDossierLink({ tree }: { tree: UnitTreeReply }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [unitId, setUnitId] = useState('');
  const [dossierCode, setDossierCode] = useState('');
  const [procedureCode, setProcedureCode] = useState('');
  const [missing, setMissing] = useState(false);
  const [minted, setMinted] = useState<MintedDossierLink | null>(null);
  const { failure, change } = useKeyChange();

  const make = async (event: FormEvent) => {
    event.preventDefault();
    const incomplete = unitId === '' || dossierCode.trim() === '' || procedureCode === '';
    setMissing(incomplete);
    if (incomplete) return;
    setMinted(await change(() => adminApi.mintDossierLink({ unitId, dossierCode: dossierCode.trim(), procedureCode }), []));
  };

  return (
    <section className="admin-section" aria-labelledby="one-link-heading">
      <h2 id="one-link-heading">{t('manage.dossierLinks.one.title')}</h2>
      <p className="note">{t('manage.dossierLinks.one.hint')}</p>
      <form className="manage-form" onSubmit={(event) => void make(event)} noValidate>
        <UnitSelect tree={tree} label={t('manage.dossierLinks.unit')} value={unitId} onChange={setUnitId} emptyLabel={t('manage.admin.chooseUnit')} />
        <label>
          <span>{t('manage.dossierLinks.one.dossierCode')}</span>
          <input value={dossierCode} maxLength={64} onChange={(event) => setDossierCode(event.target.value)} />
        </label>
        <label>
          <span>{t('manage.dossierLinks.one.procedure')}</span>
          <select value={procedureCode} onChange={(event) => setProcedureCode(event.target.value)}>
            <option value="">{t('manage.dossierLinks.one.chooseProcedure')}</option>
            {tree.procedures.map((procedure) => (
              <option key={procedure.id} value={procedure.id}>
                {`${localize(procedure.name, language)} (${procedure.id})`}
              </option>
            ))}
          </select>
        </label>
        {missing && <p className="form-error">{t('manage.dossierLinks.one.missing')}</p>}
        <Failure text={failure} />
        <button type="submit" className="manage-button manage-button--primary">
          {t('manage.dossierLinks.one.submit')}
        </button>
      </form>
      {minted && (
        <div className="enrolment-code" role="status">
          <img className="qr-code" src={svgDataUrl(minted.qrSvg)} alt={t('manage.dossierLinks.one.qrAlt', { code: minted.dossierCode })} />
          <p>
            {t('manage.dossierLinks.one.link')}: <code className="audit-detail">{minted.url}</code>
          </p>
          <p>{t('manage.dossierLinks.one.until', { day: formatLocalDay(minted.expiresOn, language) })}</p>
          <a
            className="manage-button"
            href={`data:image/png;base64,${minted.qrPngBase64}`}
            download={`ma-qr-${minted.dossierCode.replace(/[^A-Za-z0-9.-]+/g, '_')}.png`}
          >
            {t('manage.dossierLinks.one.download')}
          </a>
        </div>
      )}
    </section>
  );
}
