import { describe, expect, it } from 'vitest';
import { allCriteria, allQuestions, questionnaireSchema, type Questionnaire } from '../../../src/domain/questionnaire.ts';
import { shownLocale, spokenText } from '../../../src/domain/localize.ts';
import { languageReadAloud, planReadAloud, voiceFor, type VoiceInfo } from '../../../src/domain/read-aloud.ts';
import { kioskSettingsSchema, DEFAULT_KIOSK_SETTINGS } from '../../../src/domain/kiosk-settings.ts';
import { bundled, questionnaireInput } from './factories.ts';

const RECORDING = 'data:audio/ogg;base64,T2dnUwACAAAAAAAAAAA=';

describe('Khmer in the bundled questionnaires', () => {
  for (const id of ['sipas', 'counter-rating'] as const) {
    it(`gives every text of ${id} a Khmer version, marked as awaiting a native speaker's review`, () => {
      const questionnaire = bundled(id);
      expect(questionnaire.locales).toEqual({ vi: 'reviewed', en: 'reviewed', km: 'awaiting-review' });
      const texts = [
        questionnaire.title,
        ...questionnaire.elements.map((element) => element.title),
        ...allCriteria(questionnaire).map((criterion) => criterion.text),
        ...questionnaire.sections.map((section) => section.title),
        ...allQuestions(questionnaire).flatMap((question) => [
          question.text,
          ...('options' in question ? question.options.map((option) => option.text) : []),
        ]),
      ];
      for (const text of texts) {
        expect(text.km, text.vi).toMatch(/[\u1780-\u17FF]/);
        expect(text.km).toBe(text.km?.normalize('NFC'));
      }
    });
  }
});

describe('recordings in a questionnaire', () => {
  const withAudio = (audio: Record<string, string>) =>
    questionnaireInput({
      elements: [
        {
          id: 'A',
          title: { vi: 'Tiếp đón' },
          scale: 'five-level',
          criteria: [{ id: 'A.1', text: { vi: 'Được chào hỏi', en: 'Was greeted' }, audio }],
        },
      ],
    });

  it('accepts a recording per locale as an audio data URL', () => {
    const parsed = questionnaireSchema.parse(withAudio({ vi: RECORDING, en: RECORDING }));
    expect(parsed.elements[0]!.criteria[0]!.audio).toEqual({ vi: RECORDING, en: RECORDING });
  });

  it('refuses a recording that is not an audio data URL, or reads a text the locale lacks', () => {
    const refused = (audio: Record<string, string>) =>
      questionnaireSchema.safeParse(withAudio(audio)).error?.issues.map((issue) => issue.path.join('.'));
    expect(refused({ vi: 'https://example.org/a.mp3' })).toEqual(['elements.0.criteria.0.audio.vi']);
    expect(refused({ vi: 'data:text/html;base64,PGI+' })).toEqual(['elements.0.criteria.0.audio.vi']);
    expect(refused({ km: RECORDING })).toEqual(['elements.0.criteria.0.audio.km']);
  });
});

describe('what a speaker reads', () => {
  const text = { vi: 'Giao tiếp lịch sự', km: 'ប្រាស្រ័យទាក់ទងដោយគួរសម' };

  it('reads the words shown, in their language, with the recording of those words', () => {
    expect(spokenText(text, { vi: RECORDING }, 'km')).toEqual({ text: text.km, lang: 'km' });
    expect(spokenText(text, { vi: RECORDING }, 'vi')).toEqual({ text: text.vi, lang: 'vi', recording: RECORDING });
    // English is missing: Vietnamese is shown, so the Vietnamese recording and a Vietnamese voice fit.
    expect(shownLocale(text, 'en')).toBe('vi');
    expect(spokenText(text, { vi: RECORDING }, 'en')).toEqual({ text: text.vi, lang: 'vi', recording: RECORDING });
  });

  const khmerVoice: VoiceInfo = { name: 'Khmer', lang: 'km_KH', localService: true };
  const remoteVietnamese: VoiceInfo = { name: 'Online', lang: 'vi-VN', localService: false };

  it('uses only on-device voices of the same language', () => {
    expect(voiceFor([khmerVoice, remoteVietnamese], 'km')).toBe(khmerVoice);
    expect(voiceFor([khmerVoice, remoteVietnamese], 'vi')).toBeUndefined();
  });

  it('speaks the question and its levels with a voice, else plays the question’s recording, else nothing', () => {
    const question = { text: text.km, lang: 'km', recording: RECORDING };
    const levels = [{ text: 'ពេញចិត្ត', lang: 'km' }];
    expect(planReadAloud([question, ...levels], [khmerVoice])).toEqual({
      kind: 'voice',
      utterances: [
        { text: text.km, lang: 'km', voice: khmerVoice },
        { text: 'ពេញចិត្ត', lang: 'km', voice: khmerVoice },
      ],
    });
    expect(planReadAloud([question, ...levels], [remoteVietnamese])).toEqual({ kind: 'recording', recording: RECORDING });
    expect(planReadAloud([{ text: text.vi, lang: 'vi' }], [remoteVietnamese])).toEqual({ kind: 'none' });
  });

  it('tells staff, per language, the voice and how many texts have a recording', () => {
    const sipas: Questionnaire = bundled('sipas');
    const recorded: Questionnaire = {
      ...sipas,
      elements: sipas.elements.map((element, index) => (index === 0 ? { ...element, audio: { km: RECORDING } } : element)),
    };
    const total = sipas.elements.length + allCriteria(sipas).length + allQuestions(sipas).length;
    expect(languageReadAloud('km', [khmerVoice], [recorded])).toEqual({ lang: 'km', voice: 'Khmer', recordings: { recorded: 1, total } });
    expect(languageReadAloud('vi', [remoteVietnamese], [recorded])).toEqual({ lang: 'vi', voice: null, recordings: { recorded: 0, total } });
  });
});

describe('the large-text default', () => {
  it('is off unless set, and settings published before it existed still read', () => {
    expect(DEFAULT_KIOSK_SETTINGS.largeText).toBe(false);
    const { largeText: _omitted, ...older } = DEFAULT_KIOSK_SETTINGS;
    expect(kioskSettingsSchema.parse(older).largeText).toBe(false);
    expect(kioskSettingsSchema.parse({ ...DEFAULT_KIOSK_SETTINGS, largeText: true }).largeText).toBe(true);
  });
});
