import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { asSignedIn } from '../manage-fixtures.ts';

/** The procedure the tests' dossier links name: birth registration in the civil-status field. */
export const BIRTH = '1.001193';

/** Adds BIRTH as an administrator does, so a link's procedure is one the server knows. */
export async function addBirthProcedure(app: FastifyInstance, admin: string): Promise<void> {
  const procedure = await asSignedIn(app, admin, {
    method: 'POST',
    url: '/api/v1/admin/procedures',
    payload: { id: BIRTH, serviceFieldId: 'civil-status', name: { vi: 'Đăng ký khai sinh', en: 'Birth registration' } },
  });
  expect(procedure.statusCode, procedure.body).toBeLessThan(300);
}
