import { COMMENT_THEME_IDS, type CommentThemeId } from './comment-themes.ts';

/**
 * How well found themes agree with expected ones (a hand-labelled set, or managers' corrections of the
 * classifier): precision and recall per theme and micro-averaged over (comment, theme) pairs.
 */

export interface ThemeCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface ThemeAgreement {
  comments: number;
  overall: ThemeCounts;
  perTheme: Record<CommentThemeId, ThemeCounts>;
}

function ratios(truePositives: number, falsePositives: number, falseNegatives: number): ThemeCounts {
  return {
    truePositives,
    falsePositives,
    falseNegatives,
    precision: truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives),
    recall: truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives),
  };
}

export function themeAgreement(pairs: readonly { expected: readonly CommentThemeId[]; found: readonly CommentThemeId[] }[]): ThemeAgreement {
  const counts = new Map<CommentThemeId, [number, number, number]>(COMMENT_THEME_IDS.map((theme) => [theme, [0, 0, 0]]));
  for (const { expected, found } of pairs) {
    for (const theme of COMMENT_THEME_IDS) {
      const count = counts.get(theme)!;
      const isExpected = expected.includes(theme);
      const isFound = found.includes(theme);
      if (isExpected && isFound) count[0] += 1;
      else if (isFound) count[1] += 1;
      else if (isExpected) count[2] += 1;
    }
  }
  const perTheme = Object.fromEntries(COMMENT_THEME_IDS.map((theme) => [theme, ratios(...counts.get(theme)!)])) as Record<
    CommentThemeId,
    ThemeCounts
  >;
  const total = [...counts.values()].reduce((sum, [tp, fp, fn]) => [sum[0] + tp, sum[1] + fp, sum[2] + fn], [0, 0, 0]);
  return { comments: pairs.length, overall: ratios(total[0]!, total[1]!, total[2]!), perTheme };
}
