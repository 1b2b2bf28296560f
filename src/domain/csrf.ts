/**
 * Every state-changing request of a page of ours carries this header with the value "1": a foreign page
 * cannot add it to a form post or a simple request (server/auth/people-auth.ts). A module of its own, so
 * the citizen's small page sends it without loading the dashboard's contract.
 */
export const CSRF_HEADER = 'x-sipas-csrf';
