/**
 * How a response reached the server (issue 21): at a counter's kiosk on the citizen's own; at the kiosk
 * with a clerk's help, who opened that one survey from the tablet's staff view; or on the citizen's own
 * phone through the signed link of a dossier whose result was handed over (docs/dossier-links.md).
 */
export const RESPONSE_CHANNELS = ['kiosk', 'staff-assisted', 'dossier-link'] as const;
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];

/** The channels a tablet's sync may carry; a dossier link's rating never comes from a tablet. */
export const TABLET_CHANNELS = ['kiosk', 'staff-assisted'] as const satisfies readonly ResponseChannel[];
export type TabletChannel = (typeof TABLET_CHANNELS)[number];

/** Which of a unit's questionnaires a dossier link asks: the full survey (the default) or the quick rating. */
export const DOSSIER_LINK_MODES = ['full', 'quick'] as const;
export type DossierLinkMode = (typeof DOSSIER_LINK_MODES)[number];
export const DEFAULT_DOSSIER_LINK_MODE: DossierLinkMode = 'full';

/** The mode a unit's links use: its own setting, else the nearest ancestor's (ancestry from the unit up), else the full survey. */
export function dossierLinkModeOf(ancestry: readonly { dossierLinkMode: DossierLinkMode | null }[]): DossierLinkMode {
  return ancestry.find((unit) => unit.dossierLinkMode !== null)?.dossierLinkMode ?? DEFAULT_DOSSIER_LINK_MODE;
}

/**
 * A report's channel mix as shares of its complete responses (percent, full precision), as the dashboard
 * and the official report say it: a channel nobody answered through in the period is left out.
 */
export function channelShares(
  mix: readonly { channel: ResponseChannel; complete: number }[],
): { channel: ResponseChannel; complete: number; share: number }[] {
  const total = mix.reduce((sum, entry) => sum + entry.complete, 0);
  return mix.filter((entry) => entry.complete > 0).map((entry) => ({ ...entry, share: (entry.complete / total) * 100 }));
}
