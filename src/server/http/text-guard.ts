import type { FastifyInstance } from 'fastify';
import { CONTROL_CHARACTER_MESSAGE, findControlCharacter } from '../../domain/text-input.ts';
import { formatIssuePath } from './api-failure.ts';
import { InvalidInput } from '../errors.ts';

/**
 * The domain's text rule on every part of every request of the people's API (path parameters, query,
 * body), before a route reads it: a control character in any field answers 400 naming that field. The
 * tablets' routes check their records one by one instead, so one bad answer never refuses a batch.
 */
export function refuseControlCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.config.deviceApi === true) return;
    for (const part of [request.params, request.query, request.body]) {
      const path = findControlCharacter(part);
      if (path) {
        const field = formatIssuePath(path) || 'body';
        throw new InvalidInput(`${field}: ${CONTROL_CHARACTER_MESSAGE}`, { field });
      }
    }
  });
}
