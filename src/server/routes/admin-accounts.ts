import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { createAccountSchema, updateAccountSchema, type AccountItem } from '../../domain/manage-api.ts';
import { viewerOf, type Viewer } from '../auth/access.ts';
import { hashPassword } from '../auth/passwords.ts';
import { createAccount } from '../auth/create-account.ts';
import { sessionUserOf } from '../auth/people-auth.ts';
import { deleteSessionsOfAccount, findAccount, findAccountByUsername, listAccounts, updateAccount } from '../db/accounts-repository.ts';
import { appendAudit } from '../db/audit-repository.ts';
import type { AccountRow } from '../db/schema.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import type { AdminRoutesOptions } from './admin.ts';
import { actorOf } from './reports.ts';
import { Conflict, InvalidInput, NotFound } from '../errors.ts';

const accountParams = z.object({ id: z.string().min(1).max(64) });

function accountItem(row: AccountRow): AccountItem {
  return { ...sessionUserOf(row), disabled: row.disabled_at !== null, lockedUntil: row.locked_until, createdAt: row.created_at };
}

/** Managers and staff read a subtree, so they need a unit; an admin without one administers the whole tree. */
function checkUnit(viewer: Viewer, role: AccountRow['role'], unitId: string | null): void {
  if (unitId === null && role !== 'admin') throw new InvalidInput('unitId: a manager or staff account needs a unit', { field: 'unitId' });
  if (unitId !== null && !viewer.tree.get(unitId)) throw new InvalidInput(`unitId: there is no unit "${unitId}"`, { field: 'unitId' });
}

/** Accounts: create, change role or unit, reset password, disable. Passwords never reach the audit log. */
export const adminAccountRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, { db, now }) => {
  app.get('/api/v1/admin/accounts', async () => {
    return { accounts: (await listAccounts(db)).map(accountItem) };
  });

  app.post<{ Body: z.infer<typeof createAccountSchema> }>(
    '/api/v1/admin/accounts',
    { schema: { body: createAccountSchema } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const account = request.body;
      checkUnit(viewer, account.role, account.unitId);
      if (await findAccountByUsername(db, account.username))
        throw new Conflict(`The username "${account.username}" is taken.`, { field: 'username' });
      const id = await createAccount(db, account, { now: now(), actor: actorOf(viewer) });
      return reply.code(201).send(accountItem((await findAccount(db, id))!));
    },
  );

  app.patch<{ Params: z.infer<typeof accountParams>; Body: z.infer<typeof updateAccountSchema> }>(
    '/api/v1/admin/accounts/:id',
    { schema: { params: accountParams, body: updateAccountSchema } },
    async (request) => {
      const viewer = viewerOf(request);
      const { id } = request.params;
      const changes = request.body;
      const account = await findAccount(db, id);
      if (!account) throw new NotFound(`There is no account "${id}".`);
      const role = changes.role ?? account.role;
      const unitId = changes.unitId === undefined ? account.unit_id : changes.unitId;
      checkUnit(viewer, role, unitId);
      if (id === viewer.account.id && (changes.disabled === true || (changes.role !== undefined && changes.role !== 'admin'))) {
        throw new Conflict('You cannot disable your own account or take away your own administrator role.', { field: 'role' });
      }
      const passwordHash = changes.password === undefined ? undefined : await hashPassword(changes.password);
      await inWriteTransaction(db, async (trx) => {
        await updateAccount(trx, id, {
          ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
          role,
          unit_id: unitId,
          ...(passwordHash !== undefined ? { password_hash: passwordHash, failed_logins: 0, locked_until: null } : {}),
          ...(changes.disabled !== undefined ? { disabled_at: changes.disabled ? (account.disabled_at ?? now().toISOString()) : null } : {}),
        });
        // A new password, a disabled account or a narrower scope must not leave old sessions working.
        if (passwordHash !== undefined || changes.disabled === true || changes.role !== undefined || changes.unitId !== undefined) {
          await deleteSessionsOfAccount(trx, id);
        }
        const { password: _password, ...audited } = changes;
        await appendAudit(trx, {
          at: now(),
          actor: actorOf(viewer),
          action: 'account.updated',
          detail: { id, username: account.username, ...audited, ...(passwordHash !== undefined ? { passwordReset: true } : {}) },
        });
      });
      return accountItem((await findAccount(db, id))!);
    },
  );
};
