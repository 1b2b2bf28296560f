import { describe, expect, it } from 'vitest';
import { withCommentsRedacted } from '../../../src/domain/comment-redaction.ts';
import { BUNDLED_QUESTIONNAIRES } from '../../../src/domain/questionnaires/index.ts';

const SIPAS = BUNDLED_QUESTIONNAIRES.find((questionnaire) => questionnaire.id === 'sipas')!;

describe('comments of a response', () => {
  it('redacts the free-text answers only, and returns the same object when there is nothing to redact', () => {
    const response = { answers: { 'E1.1': 4, gender: 'female', comment: 'Gọi 0912345678' } };
    expect(withCommentsRedacted(response, SIPAS).answers).toEqual({ 'E1.1': 4, gender: 'female', comment: 'Gọi [số điện thoại]' });
    expect(response.answers.comment).toBe('Gọi 0912345678');
    const clean = { answers: { comment: 'Chờ 15 phút' } };
    expect(withCommentsRedacted(clean, SIPAS)).toBe(clean);
  });

  it('keeps a comment within its maximum length when the placeholders are longer than what they replace', () => {
    const typed = `${'a'.repeat(989)} 0912345678`;
    expect(typed.length).toBe(1000);
    const redacted = withCommentsRedacted({ answers: { comment: typed } }, SIPAS).answers.comment as string;
    expect(redacted).toHaveLength(1000);
    expect(redacted.startsWith(`${'a'.repeat(989)} [số điện`)).toBe(true);
    expect(redacted).not.toMatch(/\d{4}/);
  });
});
