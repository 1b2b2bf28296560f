import type { Questionnaire } from '../questionnaire.ts';
import { OUTPATIENT_SATISFACTION_2019, SCHOOL_PARENTS_2016 } from '../methods/index.ts';
import outpatientSatisfactionV1 from './outpatient-satisfaction.v1.json';
import schoolParentsV1 from './school-parents.v1.json';

/**
 * Questionnaires for other public services, shipped as data with their scoring method inside, for an
 * administrator to start a version from: a hospital's outpatient survey and a school's parents' survey.
 * They are not published by themselves; publishing one (as it is or edited) makes it a version like any other.
 * test/unit/domain/questionnaire-templates.test.ts parses each with the questionnaire schema.
 */
export const QUESTIONNAIRE_TEMPLATES: readonly Questionnaire[] = [
  { ...(outpatientSatisfactionV1 as Omit<Questionnaire, 'scoringMethod'>), scoringMethod: OUTPATIENT_SATISFACTION_2019 },
  { ...(schoolParentsV1 as Omit<Questionnaire, 'scoringMethod'>), scoringMethod: SCHOOL_PARENTS_2016 },
];
