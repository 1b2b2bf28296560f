import { describe, expect, it } from 'vitest';
import { methodFor, OUTPATIENT_SATISFACTION_2019, SCHOOL_PARENTS_2016, SIPAS_2017 } from '../../../src/domain/methods/index.ts';
import { questionnaireSchema } from '../../../src/domain/questionnaire.ts';
import { methodIssuesFor } from '../../../src/domain/scoring-method.ts';
import { QUESTIONNAIRE_TEMPLATES } from '../../../src/domain/templates/index.ts';
import { bundled } from './factories.ts';

describe('questionnaire templates for other public services', () => {
  it("ships a hospital outpatient survey and a school parents' survey, each valid and carrying the method it is scored by", () => {
    expect(QUESTIONNAIRE_TEMPLATES.map((template) => [template.id, template.scoringMethod?.id])).toEqual([
      ['outpatient-satisfaction', OUTPATIENT_SATISFACTION_2019.id],
      ['school-parents', SCHOOL_PARENTS_2016.id],
    ]);
    for (const template of QUESTIONNAIRE_TEMPLATES) {
      expect(questionnaireSchema.parse(template), template.id).toEqual(template);
      expect(methodIssuesFor(template.scoringMethod!, template), template.id).toEqual([]);
      expect(methodFor(template), template.id).toBe(template.scoringMethod);
      expect(template.locales.vi, template.id).toBe('reviewed');
      for (const element of template.elements) expect(element.title.en, `${template.id} ${element.id}`).toBeTruthy();
    }
  });

  it("a version published with a method is scored by it, one without by its id's default", () => {
    const sipas = bundled('sipas');
    expect(methodFor(sipas)).toBe(SIPAS_2017);
    const withOwnMethod = { ...sipas, version: 9, scoringMethod: { ...SIPAS_2017, id: 'tinh-x-2026', minimumSampleToRank: 50 } };
    expect(methodFor(withOwnMethod).id).toBe('tinh-x-2026');
  });

  it('refuses a version whose method names an element it does not have, with the path inside the method', () => {
    const [outpatient] = QUESTIONNAIRE_TEMPLATES;
    const broken = {
      ...outpatient!,
      scoringMethod: {
        ...outpatient!.scoringMethod!,
        tree: {
          elements: [
            { id: 'A', figure: { kind: 'mean-of-criteria' as const } },
            { id: 'Z', figure: { kind: 'mean-of-criteria' as const } },
          ],
        },
      },
    };
    const parsed = questionnaireSchema.safeParse(broken);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.every((issue) => issue.path[0] === 'scoringMethod')).toBe(true);
    expect(parsed.error!.issues.map((issue) => issue.message).join(' ')).toMatch(/Z/);
  });

  it('refuses a method whose satisfied levels lie outside the scale', () => {
    const [, school] = QUESTIONNAIRE_TEMPLATES;
    const broken = { ...school!, scoringMethod: { ...school!.scoringMethod!, satisfiedLevels: { 'five-level': [4, 6] } } };
    const parsed = questionnaireSchema.safeParse(broken);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path.slice(0, 2)).toEqual(['scoringMethod', 'satisfiedLevels']);
  });
});
