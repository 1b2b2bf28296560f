import type { Questionnaire } from '../questionnaire.ts';
import type { ScoringMethod } from '../scoring-method.ts';
import counterRating2025 from './counter-rating-2025.json';
import outpatientSatisfaction2019 from './outpatient-satisfaction-2019.json';
import schoolParents2016 from './school-parents-2016.json';
import sipas2017 from './sipas-2017.json';
import sipasService2023 from './sipas-service-2023.json';

/**
 * The scoring methods that ship with the product, as data. They are stored in the schema's output form
 * (every default written out) and cast rather than parsed, so scoring on the kiosk does not load zod;
 * test/unit/domain/methods.test.ts parses each one and checks it against the questionnaires it scores.
 */
export const SIPAS_2017 = sipas2017 as ScoringMethod;
export const COUNTER_RATING_2025 = counterRating2025 as ScoringMethod;
/** Decision 1001 as far as its public text goes; no shipped questionnaire maps to it (see its notes). */
export const SIPAS_SERVICE_2023 = sipasService2023 as ScoringMethod;

/** A hospital's outpatient survey and a school's parents' survey (templates/index.ts). */
export const OUTPATIENT_SATISFACTION_2019 = outpatientSatisfaction2019 as ScoringMethod;
export const SCHOOL_PARENTS_2016 = schoolParents2016 as ScoringMethod;

export const SHIPPED_METHODS: readonly ScoringMethod[] = [
  SIPAS_2017,
  COUNTER_RATING_2025,
  SIPAS_SERVICE_2023,
  OUTPATIENT_SATISFACTION_2019,
  SCHOOL_PARENTS_2016,
];

/** The shipped questionnaires' methods, for versions published without a method of their own. */
const DEFAULT_METHOD_BY_QUESTIONNAIRE: Readonly<Record<string, ScoringMethod>> = {
  sipas: SIPAS_2017,
  'counter-rating': COUNTER_RATING_2025,
};

/**
 * The method a questionnaire version is scored by: the one published with it, else its id's default, else the shipped default of its mode (the
 * counter rating for quick mode, 2017 for the full survey), else the other one when only that one
 * knows the questionnaire's scales (a province's full survey on the three-level scale).
 */
export function methodFor(questionnaire: Pick<Questionnaire, 'id' | 'mode' | 'elements' | 'scoringMethod'>): ScoringMethod {
  if (questionnaire.scoringMethod) return questionnaire.scoringMethod;
  const own = Object.hasOwn(DEFAULT_METHOD_BY_QUESTIONNAIRE, questionnaire.id) ? DEFAULT_METHOD_BY_QUESTIONNAIRE[questionnaire.id] : undefined;
  if (own) return own;
  const candidates = questionnaire.mode === 'quick' ? [COUNTER_RATING_2025, SIPAS_2017] : [SIPAS_2017, COUNTER_RATING_2025];
  const fitting = candidates.find((method) => questionnaire.elements.every((element) => method.satisfiedLevels[element.scale] !== undefined));
  if (!fitting) throw new Error(`no shipped scoring method knows every scale of questionnaire "${questionnaire.id}"`);
  return fitting;
}

/** What a report states about the method behind its figures. */
export interface MethodLabel {
  id: string;
  version: number;
  name: Record<string, string>;
}

export function methodLabel(method: Pick<ScoringMethod, 'id' | 'version' | 'name'>): MethodLabel {
  return { id: method.id, version: method.version, name: method.name };
}
