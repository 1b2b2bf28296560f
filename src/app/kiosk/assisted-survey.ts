import { createContext, useContext } from 'react';

/**
 * True while a clerk helps one person through the survey they opened from the staff view: the frame says
 * so on every screen, so the person knows it and the answers are stored under the staff-assisted channel.
 */
export const AssistedSurveyContext = createContext(false);

export function useAssistedSurvey(): boolean {
  return useContext(AssistedSurveyContext);
}
