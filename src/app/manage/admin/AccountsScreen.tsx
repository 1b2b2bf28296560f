import { useId, useState } from 'react';
import { useForm, useWatch, type UseFormRegisterReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { createAccountSchema, roleSchema, type AccountItem, type Role, type UnitTreeReply } from '../../../domain/manage-api.ts';
import { adminApi } from '../api/admin.ts';
import { useApiQuery } from '../api/queries.ts';
import { adminKeys } from '../api/query-keys.ts';
import { ApiErrorMessage } from '../layout/ApiErrorMessage.tsx';
import { formatDateTime } from '../report/report-format.ts';
import { InputField, SubmissionStatus, SubmitWithStatus, TitledForm, useSubmission } from './form-parts.tsx';
import { UnitSelectField } from './UnitSelectField.tsx';
import { unitName } from './UnitSelect.tsx';
import { DataTable } from '../../ui/DataTable.tsx';

/** The form keeps '' for "no unit"; the contract's null (an admin of the whole tree) is made on submit. */
const hasUnitUnlessAdmin = (access: { role: string; unitId: string }) => access.role === 'admin' || access.unitId !== '';
const unitNeeded = { message: 'a manager or staff account needs a unit', path: ['unitId'] };
const accountFormSchema = createAccountSchema.extend({ unitId: z.string() }).refine(hasUnitUnlessAdmin, unitNeeded);
const accessFormSchema = z.object({ role: roleSchema, unitId: z.string() }).refine(hasUnitUnlessAdmin, unitNeeded);

/** The role by its Vietnamese name, with what the chosen one may do said in words below it. */
function RoleSelect({ registration, chosen }: { registration: UseFormRegisterReturn; chosen: Role }) {
  const { t } = useTranslation();
  const whatId = useId();
  return (
    <>
      <label>
        <span>{t('manage.accounts.role')}</span>
        <select {...registration} aria-describedby={whatId}>
          {roleSchema.options.map((role) => (
            <option key={role} value={role}>
              {t(`manage.roles.${role}`)}
            </option>
          ))}
        </select>
      </label>
      <p className="note" id={whatId}>
        {t(`manage.roles.descriptions.${chosen}`)}
      </p>
    </>
  );
}

export function AccountsScreen({ tree }: { tree: UnitTreeReply }) {
  const { t, i18n } = useTranslation();
  const accounts = useApiQuery(adminKeys.accounts(), adminApi.listAccounts);
  const rowAction = useSubmission();
  const [editing, setEditing] = useState<AccountItem | null>(null);
  const toggle = async (account: AccountItem) => {
    if (await rowAction.submit(() => adminApi.updateAccount(account.id, { disabled: !account.disabled }))) accounts.reload();
  };
  const resetPassword = async (account: AccountItem) => {
    const password = window.prompt(t('manage.accounts.newPasswordPrompt', { username: account.username }));
    if (password === null) return;
    if (await rowAction.submit(() => adminApi.updateAccount(account.id, { password }))) accounts.reload();
  };
  return (
    <div className="admin-section">
      {accounts.state.kind === 'failed' && <ApiErrorMessage error={accounts.state.error} onRetry={accounts.reload} />}
      <SubmissionStatus outcome={rowAction.outcome} />
      {accounts.state.kind === 'loaded' && (
        <DataTable
          className="admin-table"
          cardsOnPhone
          scrolls
          headings={[
            t('manage.login.username'),
            t('manage.accounts.displayName'),
            t('manage.accounts.role'),
            t('manage.devices.unit'),
            t('manage.devices.status'),
            t('manage.accounts.actions'),
          ]}
        >
          <tbody>
            {accounts.state.data.map((account) => (
              <tr key={account.id}>
                <th scope="row">{account.username}</th>
                <td>{account.displayName}</td>
                <td>{t(`manage.roles.${account.role}`)}</td>
                <td>{account.unitId === null ? t('manage.accounts.wholeTree') : unitName(tree, account.unitId, i18n.language)}</td>
                <td>
                  {account.disabled
                    ? t('manage.accounts.disabled')
                    : account.lockedUntil
                      ? t('manage.accounts.lockedUntil', { at: formatDateTime(account.lockedUntil, i18n.language, 'Asia/Ho_Chi_Minh') })
                      : t('manage.accounts.active')}
                </td>
                <td>
                  <button type="button" className="manage-button" onClick={() => void toggle(account)}>
                    {account.disabled ? t('manage.accounts.enable') : t('manage.accounts.disable')}
                  </button>{' '}
                  <button type="button" className="manage-button" onClick={() => void resetPassword(account)}>
                    {t('manage.accounts.resetPassword')}
                  </button>{' '}
                  <button type="button" className="manage-button" onClick={() => setEditing(account)}>
                    {t('manage.accounts.changeAccess')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {editing && (
        <AccessForm
          key={editing.id}
          tree={tree}
          account={editing}
          onDone={(changed) => {
            setEditing(null);
            if (changed) accounts.reload();
          }}
        />
      )}
      <CreateAccountForm tree={tree} onCreated={accounts.reload} />
    </div>
  );
}

/** Role and unit of an existing account: the server checks the unit and ends the account's sessions. */
function AccessForm({ tree, account, onDone }: { tree: UnitTreeReply; account: AccountItem; onDone: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const { outcome, submit } = useSubmission();
  const { register, control, handleSubmit, formState } = useForm({
    resolver: zodResolver(accessFormSchema),
    defaultValues: { role: account.role, unitId: account.unitId ?? '' },
  });
  const role = useWatch({ control, name: 'role' });
  const onSubmit = handleSubmit(async (values) => {
    if (await submit(() => adminApi.updateAccount(account.id, { role: values.role, unitId: values.unitId || null }))) onDone(true);
  });
  return (
    <TitledForm
      id="account-access"
      title={t('manage.accounts.changeAccessOf', { username: account.username })}
      hint={t('manage.accounts.accessNote')}
      onSubmit={() => void onSubmit()}
    >
      <RoleSelect registration={register('role')} chosen={role} />
      <UnitSelectField tree={tree} control={control} name="unitId" label={t('manage.devices.unit')} emptyLabel={t('manage.accounts.wholeTree')} />
      <SubmitWithStatus outcome={outcome} submitting={formState.isSubmitting}>
        {t('manage.accounts.saveAccess')}
      </SubmitWithStatus>{' '}
      <button type="button" className="manage-button" onClick={() => onDone(false)}>
        {t('manage.accounts.cancel')}
      </button>
    </TitledForm>
  );
}

function CreateAccountForm({ tree, onCreated }: { tree: UnitTreeReply; onCreated: () => void }) {
  const { t } = useTranslation();
  const { outcome, submit } = useSubmission();
  const { register, control, handleSubmit, reset, formState } = useForm({
    resolver: zodResolver(accountFormSchema),
    defaultValues: { username: '', displayName: '', password: '', role: 'manager' as const, unitId: '' },
  });
  const role = useWatch({ control, name: 'role' });
  const onSubmit = handleSubmit(async (values) => {
    const body = createAccountSchema.parse({ ...values, unitId: values.unitId || null });
    if (await submit(() => adminApi.createAccount(body))) {
      reset();
      onCreated();
    }
  });
  return (
    <TitledForm id="account-create" title={t('manage.accounts.create')} onSubmit={() => void onSubmit()}>
      <InputField label={t('manage.login.username')} error={formState.errors.username} autoComplete="off" {...register('username')} />
      <InputField label={t('manage.accounts.displayName')} error={formState.errors.displayName} {...register('displayName')} />
      <InputField
        label={t('manage.login.password')}
        error={formState.errors.password}
        type="password"
        autoComplete="new-password"
        {...register('password')}
      />
      <RoleSelect registration={register('role')} chosen={role} />
      <UnitSelectField tree={tree} control={control} name="unitId" label={t('manage.devices.unit')} emptyLabel={t('manage.accounts.wholeTree')} />
      <SubmitWithStatus outcome={outcome} submitting={formState.isSubmitting}>
        {t('manage.accounts.createSubmit')}
      </SubmitWithStatus>
    </TitledForm>
  );
}
