import { loadLink, type LoadOutcome } from './link-api.ts';

/**
 * The link's token (after '#': it never travels in a request for the page) and its first read, started
 * before the rest of the page's code is evaluated: main.tsx imports this module first, so on a slow phone the
 * request is on the wire while the scripts still run.
 */
export const LINK_TOKEN = decodeURIComponent(window.location.hash.slice(1));

export const firstLoad: Promise<LoadOutcome> = loadLink(LINK_TOKEN);
