import { describe, expect, it } from 'vitest';
import { commentsOfAnswers } from '../../../src/domain/response-marks.ts';
import { hasForbiddenControl, textInput, withoutBidiControls } from '../../../src/domain/text-input.ts';

describe('texts shown to staff and managers', () => {
  it('lose bidirectional overrides and isolates, keeping every other character', () => {
    const spoof = 'Tốt \u202Egnol\u202C quá \u2066x\u2069 \u202Ay\u202B\u202D';
    expect(withoutBidiControls(spoof)).toBe('Tốt gnol quá x y');
    expect(commentsOfAnswers({ c: 'Rất \u202Etốt' }, ['c'])).toEqual(['Rất tốt']);
    expect(commentsOfAnswers({ c: '\u202E\u202C' }, ['c'])).toEqual([]);
  });
});

describe('the text rule', () => {
  it('refuses C0 controls and DEL, and line breaks and tabs unless the text spans lines', () => {
    expect(hasForbiddenControl('a\u0000b')).toBe(true);
    expect(hasForbiddenControl('a\u007Fb', true)).toBe(true);
    expect(hasForbiddenControl('a\nb')).toBe(true);
    expect(hasForbiddenControl('a\r\n\tb', true)).toBe(false);
    expect(hasForbiddenControl('Nguyễn Văn A')).toBe(false);
  });

  it('normalises to NFC, trims, and checks the length after', () => {
    const name = textInput({ max: 5 });
    expect(name.parse('  Ha\u0300  ')).toBe('Hà');
    expect(name.safeParse('      ').success).toBe(false);
    expect(name.safeParse('abcdef').success).toBe(false);
    expect(name.safeParse('a\u0000').success).toBe(false);
  });
});
