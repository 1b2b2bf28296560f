import { describe, expect, it } from 'vitest';
import { BUNDLED_QUESTIONNAIRES } from '../../../src/domain/questionnaires/index.ts';
import { questionnaireSchema } from '../../../src/domain/questionnaire.ts';
import { attachRecording, recordingTargets } from '../../../src/domain/recordings.ts';

const SIPAS = BUNDLED_QUESTIONNAIRES.find((questionnaire) => questionnaire.id === 'sipas')!;
const OGG = 'data:audio/ogg;base64,T2dnUwACAAAAAAAAAAA=';

describe('recordings attached to a questionnaire draft', () => {
  it('lists every element title, criterion and question with the languages it is written in', () => {
    const targets = recordingTargets(SIPAS);
    const criteria = SIPAS.elements.reduce((sum, element) => sum + element.criteria.length, 0);
    const questions = SIPAS.sections.reduce((sum, section) => sum + section.questions.length, 0);
    expect(targets).toHaveLength(SIPAS.elements.length + criteria + questions);
    expect(targets[1]).toMatchObject({ path: ['elements', 0, 'criteria', 0], text: SIPAS.elements[0]!.criteria[0]!.text });
    expect(targets[1]!.locales).toContain('km');
    expect(recordingTargets('not a questionnaire')).toEqual([]);
  });

  it('puts the recording on exactly that text and language, leaving the draft it was given unchanged', () => {
    const draft = structuredClone({ ...SIPAS, version: 9 });
    const attached = attachRecording(draft, ['elements', 0, 'criteria', 1], 'km', OGG);
    expect(attached.ok).toBe(true);
    if (!attached.ok) return;
    const result = questionnaireSchema.parse(attached.draft);
    expect(result.elements[0]!.criteria[1]!.audio).toEqual({ km: OGG });
    expect(result.elements[0]!.criteria[0]!.audio).toBeUndefined();
    expect(draft.elements[0]!.criteria[1]!.audio).toBeUndefined();
  });

  it('refuses a text that does not exist, a language the text lacks, and a file that is not audio', () => {
    expect(attachRecording(SIPAS, ['elements', 99], 'vi', OGG)).toMatchObject({ ok: false, reason: 'no-such-text' });
    expect(attachRecording(SIPAS, ['elements', 0], 'fr', OGG)).toMatchObject({ ok: false, reason: 'no-text-in-locale' });
    expect(attachRecording(SIPAS, ['elements', 0], 'vi', 'data:image/png;base64,iVBORw0KGgo=')).toMatchObject({
      ok: false,
      reason: 'invalid-recording',
    });
  });
});
