import { createContext, useContext } from 'react';

/** The large-text, high-contrast mode of one survey: the kiosk's default, or what the citizen chose. */
export interface DisplayMode {
  largeText: boolean;
  setLargeText: (on: boolean) => void;
}

export const DisplayModeContext = createContext<DisplayMode>({ largeText: false, setLargeText: () => undefined });

export function useDisplayMode(): DisplayMode {
  return useContext(DisplayModeContext);
}

/**
 * At most this many criteria a screen in large text: four rows of faces fit a 1280×800 tablet with the
 * header, progress and footer, so the densest element (six criteria) takes two screens instead of scrolling.
 */
export const LARGE_TEXT_CRITERIA_PER_PAGE = 4;
