/**
 * Network profiles the browser benches emulate through CDP (Network.emulateNetworkConditions): Lighthouse's
 * mobile profile (150 ms round trip, 1.6 Mbit/s down), the one a province's phones and 4G commune links are
 * judged by, and DevTools' Fast 3G (562.5 ms, 1.44 Mbit/s) for a weak rural link.
 */
export const NETWORKS = {
  lighthouse: {
    label: '150 ms, 1.6 Mbit/s',
    conditions: { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 },
  },
  fast3g: {
    label: 'Fast 3G, 562 ms',
    conditions: { offline: false, latency: 562.5, downloadThroughput: (1.44 * 1024 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 },
  },
} as const;
export type Network = keyof typeof NETWORKS;
