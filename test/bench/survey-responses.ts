import { uuidv7 } from 'uuidv7';
import type { Questionnaire } from '../../src/domain/questionnaire.ts';
import { BUNDLED_QUESTIONNAIRES } from '../../src/domain/questionnaires/index.ts';
import type { SurveyResponse } from '../../src/domain/response.ts';
import { seededRandom } from '../../src/server/demo/demo-history.ts';

/**
 * Plausible answers to the bundled SIPAS v1, as a busy one-stop centre would send them: most of the 22
 * criteria answered (mostly satisfied), the overall question, improvement priorities and profile choices
 * often, a short comment sometimes. Deterministic for a seed, so two runs send the same kind of load.
 */

export const SIPAS_V1: Questionnaire = (() => {
  const questionnaire = BUNDLED_QUESTIONNAIRES.find((candidate) => candidate.id === 'sipas' && candidate.version === 1);
  if (!questionnaire) throw new Error('the bundled SIPAS v1 questionnaire is missing');
  return questionnaire;
})();

const COMMENTS = [
  'Cán bộ hướng dẫn nhiệt tình, chu đáo.',
  'Chỗ ngồi chờ hơi chật vào buổi sáng.',
  'Thủ tục nhanh hơn lần trước, cảm ơn.',
  'Nên niêm yết rõ hơn mức phí, lệ phí.',
].map((text) => text.normalize('NFC'));

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Levels 1–5 weighted towards satisfied, like real SIPAS results. */
function satisfiedLevel(random: () => number): number {
  const draw = random();
  return draw < 0.03 ? 1 : draw < 0.08 ? 2 : draw < 0.22 ? 3 : draw < 0.65 ? 4 : 5;
}

export function sipasAnswers(random: () => number): SurveyResponse['answers'] {
  const answers: SurveyResponse['answers'] = {};
  for (const element of SIPAS_V1.elements) {
    for (const criterion of element.criteria) {
      // About one criterion in twelve does not apply to the procedure ("no opinion").
      if (random() >= 0.08) answers[criterion.id] = satisfiedLevel(random);
    }
  }
  for (const question of SIPAS_V1.sections.flatMap((section) => section.questions)) {
    if (question.kind === 'scale') answers[question.id] = satisfiedLevel(random);
    else if (question.kind === 'single-choice' && random() < 0.6) answers[question.id] = pick(random, question.options).id;
    else if (question.kind === 'multiple-choice' && random() < 0.7) {
      const count = 1 + Math.floor(random() * question.maxChoices);
      answers[question.id] = [...new Set(Array.from({ length: count }, () => pick(random, question.options).id))];
    } else if (question.kind === 'free-text' && random() < 0.15) answers[question.id] = pick(random, COMMENTS);
  }
  return answers;
}

export interface ResponsePlan {
  deviceId: string;
  unitId: string;
  counterIds: readonly string[];
  serviceFieldIds: readonly string[];
  /** The first deviceSequence; the rest follow without a gap. */
  firstSequence: number;
  count: number;
  seed: number;
  /** Submit times are spread over the hours before this instant, in sequence order. */
  now?: Date;
}

export function sipasResponses(plan: ResponsePlan): SurveyResponse[] {
  const random = seededRandom(plan.seed);
  const endMs = (plan.now ?? new Date()).getTime() - 60_000;
  // Within the last six hours, so every answer lands on a plausible local day whatever the clock.
  const spacingMs = Math.max(1, Math.floor((6 * 3_600_000) / Math.max(1, plan.count)));
  const responses: SurveyResponse[] = [];
  for (let index = 0; index < plan.count; index += 1) {
    const submittedMs = endMs - (plan.count - 1 - index) * spacingMs;
    const durations = Object.fromEntries(SIPAS_V1.elements.map((element) => [element.id, 4_000 + Math.floor(random() * 20_000)]));
    const totalMs = Object.values(durations).reduce((sum, ms) => sum + ms, 0);
    responses.push({
      id: uuidv7(),
      questionnaireId: SIPAS_V1.id,
      questionnaireVersion: SIPAS_V1.version,
      deviceId: plan.deviceId,
      deviceSequence: plan.firstSequence + index,
      unitId: plan.unitId,
      counterId: plan.counterIds.length > 0 ? pick(random, plan.counterIds) : null,
      serviceFieldId: plan.serviceFieldIds.length > 0 ? pick(random, plan.serviceFieldIds) : null,
      locale: random() < 0.92 ? 'vi' : 'en',
      startedAt: new Date(submittedMs - totalMs).toISOString(),
      submittedAt: new Date(submittedMs).toISOString(),
      complete: true,
      answers: sipasAnswers(random),
      screenDurationsMs: durations,
      dossierCode: null,
      procedureId: null,
      channel: 'kiosk',
    });
  }
  return responses;
}
