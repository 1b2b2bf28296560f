import type { Kysely } from 'kysely';
import QRCode from 'qrcode';
import { vietnamDayOf } from '../../domain/dossier-link.ts';
import type { DossierLinkRequest } from '../../domain/dossier-links-api.ts';
import { knownProcedureCodes, recordMintedLinks } from '../db/dossier-links-repository.ts';
import type { Database } from '../db/schema.ts';
import { UnitRowTree } from '../db/unit-row-tree.ts';
import { listUnits } from '../db/units-repository.ts';
import type { IntegrationCaller } from './integration-auth.ts';
import { problemOfLinkRequest, refusalOf } from './link-requests.ts';
import { currentKeysOf, dossierLinkUrl, mintDossierLink } from './link-service.ts';

/**
 * One dossier's link, checked (unit, the caller's scope, procedure, dates), signed with the unit's current
 * key, remembered, with its QR code as SVG and PNG: what a vendor's API call and an administrator's screen
 * both hand back.
 */
export async function mintOneLink(
  db: Kysely<Database>,
  { origin, sealingKey, caller, link, at }: { origin: string; sealingKey: Uint8Array; caller: IntegrationCaller; link: DossierLinkRequest; at: Date },
) {
  const problem = problemOfLinkRequest(
    caller,
    new UnitRowTree(await listUnits(db)),
    await knownProcedureCodes(db, [link.procedureCode]),
    link,
    vietnamDayOf(at),
  );
  if (problem) throw refusalOf(problem);
  const { token, fields } = await mintDossierLink(currentKeysOf(db, sealingKey), link, at);
  await recordMintedLinks(db, [{ ...fields, integrationKeyId: caller.id, at }]);
  const url = dossierLinkUrl(origin, token);
  const [qrSvg, qrPng] = await Promise.all([
    QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 4 }),
  ]);
  return { ...fields, token, url, qrSvg, qrPngBase64: qrPng.toString('base64') };
}
