import { describe, expect, it } from 'vitest';
import { COMMENT_THEME_IDS, classifyCommentThemes, withElementThemes } from '../../../src/domain/comment-themes.ts';
import { redactPersonalData } from '../../../src/domain/redaction.ts';
import { redactPersonalData as redactAsMigration0009 } from '../../../src/server/db/migrations/0009_redact_comments.ts';
import { LABELLED_COMMENTS } from '../../fixtures/comments/labelled-comments.ts';
import { measureRedaction, measureThemes } from '../../fixtures/comments/measure.ts';

/**
 * The redaction and the theme classifier measured on the hand-labelled comments
 * (test/fixtures/comments): the targets of issue 22.
 */
describe('the labelled comments', () => {
  it('hold at least 300 comments, most in Vietnamese, with personal data of every kind', () => {
    expect(LABELLED_COMMENTS.length).toBeGreaterThanOrEqual(300);
    const kinds = new Set(LABELLED_COMMENTS.flatMap((comment) => comment.personal.map((span) => span.kind)));
    expect([...kinds].sort()).toEqual(['bank-account', 'citizen-id', 'email', 'name', 'phone', 'plate']);
    expect(LABELLED_COMMENTS.filter((comment) => /[\u1780-\u17ff]/.test(comment.text)).length).toBeGreaterThanOrEqual(10);
  });

  it('lose at least 99% of their personal-data spans to the redaction, and no ordinary number', () => {
    const measure = measureRedaction(LABELLED_COMMENTS);
    expect(measure.spans).toBeGreaterThanOrEqual(100);
    expect(measure.recall, JSON.stringify(measure.missed)).toBeGreaterThanOrEqual(0.99);
    expect(measure.changedWithoutPersonalData).toEqual([]);
  });

  it('are redacted alike by the tablet, the server and the frozen rules of migration 0009', () => {
    for (const { text } of LABELLED_COMMENTS) expect(redactAsMigration0009(text)).toBe(redactPersonalData(text));
  });

  it('get their themes with overall precision ≥ 0.85 and recall ≥ 0.75', () => {
    const { overall, perTheme } = measureThemes(LABELLED_COMMENTS);
    expect(overall.precision).toBeGreaterThanOrEqual(0.85);
    expect(overall.recall).toBeGreaterThanOrEqual(0.75);
    // Every theme occurs in the set, so each one's numbers mean something.
    for (const theme of COMMENT_THEME_IDS) expect(perTheme[theme].truePositives + perTheme[theme].falseNegatives, theme).toBeGreaterThan(0);
  });
});

describe('comment themes', () => {
  it('reads text with and without diacritics, and teencode, alike', () => {
    expect(classifyCommentThemes('Chờ lâu quá')).toEqual(['waiting-time']);
    expect(classifyCommentThemes('cho lau wa')).toEqual(['waiting-time']);
    expect(classifyCommentThemes('nv thái độ ko tốt')).toEqual(['staff', 'attitude']);
  });

  it('counts "không phải chờ lâu" as a comment about waiting time: a theme is a topic, not a complaint', () => {
    expect(classifyCommentThemes('Không phải chờ lâu')).toEqual(['waiting-time']);
  });

  it('gives nothing to "no comment" and plain thanks, and adds the element of a specific theme', () => {
    expect(classifyCommentThemes('Không có góp ý gì thêm')).toEqual([]);
    expect(classifyCommentThemes('k co y kien')).toEqual([]);
    expect(classifyCommentThemes('Cảm ơn nhiều')).toEqual([]);
    expect(classifyCommentThemes('Lệ phí cao quá')).toEqual(['procedure', 'fees']);
    expect(withElementThemes(['facilities', 'attitude'])).toEqual(['access', 'staff', 'attitude', 'facilities']);
  });
});
