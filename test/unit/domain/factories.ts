import { uuidv7 } from 'uuidv7';
import { questionnaireSchema, type Questionnaire } from '../../../src/domain/questionnaire.ts';
import type { AnswerValue, SurveyResponse } from '../../../src/domain/response.ts';
import { BUNDLED_QUESTIONNAIRES } from '../../../src/domain/questionnaires/index.ts';

/** Small builders for domain records; each test overrides only what it is about. */

export function bundled(id: 'sipas' | 'counter-rating'): Questionnaire {
  const questionnaire = BUNDLED_QUESTIONNAIRES.find((candidate) => candidate.id === id);
  if (!questionnaire) throw new Error(`the bundled questionnaire "${id}" is missing`);
  return questionnaire;
}

/** Raw questionnaire data, as a province would publish it, before the schema has read it. */
export function questionnaireInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'clinic',
    version: 1,
    mode: 'full',
    title: { vi: 'Khảo sát bệnh viện', en: 'Hospital survey' },
    locales: { vi: 'reviewed', en: 'awaiting-review' },
    elements: [
      {
        id: 'A',
        title: { vi: 'Tiếp đón' },
        scale: 'five-level',
        criteria: [
          { id: 'A.1', text: { vi: 'Được chào hỏi', en: 'Was greeted' } },
          { id: 'A.2', text: { vi: 'Chờ không lâu' } },
        ],
      },
      {
        id: 'B',
        title: { vi: 'Khám bệnh' },
        scale: 'five-level',
        criteria: [{ id: 'B.1', text: { vi: 'Bác sĩ giải thích rõ' } }],
      },
    ],
    sections: [
      {
        id: 'extra',
        title: { vi: 'Thêm' },
        questions: [
          { id: 'overall', kind: 'scale', scale: 'five-level', text: { vi: 'Nhìn chung' } },
          {
            id: 'wishes',
            kind: 'multiple-choice',
            maxChoices: 2,
            text: { vi: 'Mong muốn' },
            options: [
              { id: 'faster', text: { vi: 'Nhanh hơn' } },
              { id: 'cleaner', text: { vi: 'Sạch hơn' } },
              { id: 'kinder', text: { vi: 'Tận tình hơn' } },
            ],
          },
        ],
      },
    ],
    ...overrides,
  };
}

export function makeQuestionnaire(overrides: Record<string, unknown> = {}): Questionnaire {
  return questionnaireSchema.parse(questionnaireInput(overrides));
}

export function makeResponse(overrides: Partial<SurveyResponse> = {}): SurveyResponse {
  return {
    id: uuidv7(),
    questionnaireId: 'sipas',
    questionnaireVersion: 1,
    deviceId: '0f8e4c2a-5b1d-4e3f-9a7c-2d6b8e1f3a5c',
    deviceSequence: 1,
    unitId: 'tay-ninh.one-stop',
    counterId: null,
    serviceFieldId: 'land',
    locale: 'vi',
    startedAt: '2025-05-06T02:10:00.000Z',
    submittedAt: '2025-05-06T02:14:30.250Z',
    complete: true,
    answers: { 'E1.1': 5, 'E1.2': 4, overall: 4, improvements: ['shorter-time'], gender: 'female' },
    screenDurationsMs: { welcome: 2100, E1: 15000 },
    dossierCode: null,
    procedureId: null,
    channel: 'kiosk',
    ...overrides,
  };
}

/** Just the parts of a response a tally reads. */
export function answered(answers: Record<string, AnswerValue>, complete = true): Pick<SurveyResponse, 'answers' | 'complete'> {
  return { answers, complete };
}
