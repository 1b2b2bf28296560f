import { COMMENT_THEME_IDS, classifyCommentThemes } from '../../src/domain/comment-themes.ts';
import { redactPersonalData } from '../../src/domain/redaction.ts';
import { HELD_OUT_COMMENTS } from '../fixtures/comments/held-out.ts';
import { LABELLED_COMMENTS } from '../fixtures/comments/labelled-comments.ts';
import { measureRedaction, measureThemes } from '../fixtures/comments/measure.ts';
import { commentIngestCost } from './comment-ingest.ts';
import { median, type BenchmarkOutcome, type Metric } from './report.ts';

/**
 * Issue 22's measure on the hand-labelled comments (test/fixtures/comments): redaction recall of the
 * personal-data spans, comments without personal data left unchanged, theme precision and recall
 * overall and per theme, and the time redaction + theming take per comment. The time target is 5% of
 * ingest's: 5,000 responses/s leave 200 µs a response, so ≤ 10 µs even if every response had a comment
 * (in the demo history about 15% do). The labelled set was used to tune the lexicon and the rules, so its
 * numbers are in-sample; the held-out comments (held-out.ts) were not, and are reported apart.
 */

const ROUNDS = 15;
const TIME_TARGET_US = 10;

function microsecondsPerComment(work: (text: string) => unknown): number {
  const texts = LABELLED_COMMENTS.map((comment) => comment.text);
  for (const text of texts) work(text);
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const began = performance.now();
    for (let repeat = 0; repeat < 10; repeat++) for (const text of texts) work(text);
    samples.push(((performance.now() - began) * 1000) / (texts.length * 10));
  }
  return median(samples);
}

export async function commentsBenchmark(): Promise<BenchmarkOutcome> {
  const redaction = measureRedaction(LABELLED_COMMENTS);
  const themes = measureThemes(LABELLED_COMMENTS);
  const heldOutRedaction = measureRedaction(HELD_OUT_COMMENTS);
  const heldOutThemes = measureThemes(HELD_OUT_COMMENTS);
  const redactionUs = microsecondsPerComment(redactPersonalData);
  const themingUs = microsecondsPerComment(classifyCommentThemes);
  const bothUs = microsecondsPerComment((text) => classifyCommentThemes(redactPersonalData(text)));
  const metrics: Metric[] = [
    {
      label: `redaction recall (${redaction.spans} personal-data spans in ${LABELLED_COMMENTS.length} comments)`,
      value: redaction.recall,
      unit: '',
      target: { kind: 'at least', limit: 0.99 },
    },
    {
      label: 'comments without personal data changed by the redaction',
      value: redaction.changedWithoutPersonalData.length,
      unit: 'comments',
      target: { kind: 'at most', limit: 0 },
    },
    { label: 'theme precision, overall', value: themes.overall.precision, unit: '', target: { kind: 'at least', limit: 0.85 } },
    { label: 'theme recall, overall', value: themes.overall.recall, unit: '', target: { kind: 'at least', limit: 0.75 } },
    ...COMMENT_THEME_IDS.flatMap((theme): Metric[] => [
      { label: `  ${theme}: precision`, value: themes.perTheme[theme].precision, unit: '' },
      { label: `  ${theme}: recall`, value: themes.perTheme[theme].recall, unit: '' },
    ]),
    {
      label: `held out (${HELD_OUT_COMMENTS.length} comments never tuned on): redaction recall`,
      value: heldOutRedaction.recall,
      unit: '',
      target: { kind: 'at least', limit: 0.99 },
    },
    { label: 'held out: theme precision', value: heldOutThemes.overall.precision, unit: '', target: { kind: 'at least', limit: 0.85 } },
    { label: 'held out: theme recall', value: heldOutThemes.overall.recall, unit: '', target: { kind: 'at least', limit: 0.75 } },
    { label: 'redaction per comment', value: redactionUs, unit: 'µs' },
    { label: 'theming per comment', value: themingUs, unit: 'µs' },
    { label: 'redaction + theming per comment', value: bothUs, unit: 'µs', target: { kind: 'at most', limit: TIME_TARGET_US } },
  ];
  for (const metric of metrics) console.info(`  ${metric.label}: ${metric.value.toFixed(metric.unit === 'µs' ? 2 : 3)} ${metric.unit}`);
  const ingestDetails: Record<string, unknown> = {};
  await commentIngestCost(metrics, ingestDetails, bothUs);
  return {
    metrics,
    details: {
      comments: LABELLED_COMMENTS.length,
      perTheme: themes.perTheme,
      missedSpans: redaction.missed,
      themeErrors: themes.errors,
      heldOutThemeErrors: heldOutThemes.errors,
      note: 'The lexicon and the redaction rules were tuned on the labelled set (in-sample numbers); the held-out comments were not used to tune.',
      ...ingestDetails,
    },
  };
}
