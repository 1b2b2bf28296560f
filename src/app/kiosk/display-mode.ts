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
 * At most this many criteria a screen in large text: three rows of faces fit a 1280×800 tablet with the
 * header, progress and footer (a fourth sat under the footer), so a four-criterion element takes two
 * screens of two and the densest (six criteria) two of three, instead of hiding rows.
 */
export const LARGE_TEXT_CRITERIA_PER_PAGE = 3;
