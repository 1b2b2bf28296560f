/**
 * The demo accounts' password. Printed at every demo start and written in the README, so it signs in
 * only on a server started as a demo (SEED_DEMO, outside NODE_ENV=production); anywhere else it is
 * refused whatever account it is tried on, so a deployment that began as a demo is not left open.
 */
export const DEMO_PASSWORD = 'sipas-demo';

export function isDemoPassword(password: string): boolean {
  return password.normalize('NFC') === DEMO_PASSWORD;
}
