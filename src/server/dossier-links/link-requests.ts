import { dossierLinkFieldsSchema } from '../../domain/dossier-link.ts';
import type { DossierLinkRequest } from '../../domain/dossier-links-api.ts';
import { Forbidden, InvalidInput, type DomainError } from '../errors.ts';
import { formatIssuePath } from '../http/api-failure.ts';
import type { UnitRowTree } from '../db/unit-row-tree.ts';
import { integrationCovers, type IntegrationCaller } from './integration-auth.ts';

/** Why a vendor's link request cannot be minted: the field at fault, a code to switch on, the reason. */
export interface LinkRequestProblem {
  kind: 'invalid-input' | 'forbidden';
  code: string;
  field: string;
  message: string;
}

/** Everything about a request the signature cannot check: the unit, the key's scope, the procedure, the dates. */
export function problemOfLinkRequest(
  caller: IntegrationCaller,
  tree: UnitRowTree,
  procedures: Set<string>,
  link: DossierLinkRequest,
  today: string,
): LinkRequestProblem | undefined {
  if (!tree.get(link.unitId)) return { kind: 'invalid-input', code: 'unknown-unit', field: 'unitId', message: `there is no unit "${link.unitId}"` };
  if (!integrationCovers(caller, tree, link.unitId)) {
    return {
      kind: 'forbidden',
      code: 'unit-out-of-scope',
      field: 'unitId',
      message: `this integration key does not act for the unit "${link.unitId}"`,
    };
  }
  if (!procedures.has(link.procedureCode)) {
    return {
      kind: 'invalid-input',
      code: 'unknown-procedure',
      field: 'procedureCode',
      message: `there is no procedure "${link.procedureCode}" (an administrator imports the procedures)`,
    };
  }
  if (link.issuedOn !== undefined && link.issuedOn > today)
    return { kind: 'invalid-input', code: 'invalid-request', field: 'issuedOn', message: 'is after today (Việt Nam time)' };
  const fields = dossierLinkFieldsSchema.safeParse({
    keyId: 'k',
    unitId: link.unitId,
    dossierCode: link.dossierCode,
    procedureCode: link.procedureCode,
    issuedOn: link.issuedOn ?? today,
    expiresOn: link.issuedOn ?? today,
  });
  if (!fields.success) {
    const issue = fields.error.issues[0];
    return {
      kind: 'invalid-input',
      code: 'invalid-request',
      field: issue ? formatIssuePath(issue.path) : 'body',
      message: issue?.message ?? 'invalid',
    };
  }
  return undefined;
}

/** The problem as the error a single request is refused with, its message led by the field. */
export function refusalOf(problem: LinkRequestProblem): DomainError {
  const message = `${problem.field}: ${problem.message}`;
  const details = { code: problem.code, field: problem.field };
  return problem.kind === 'forbidden' ? new Forbidden(message, details) : new InvalidInput(message, details);
}
