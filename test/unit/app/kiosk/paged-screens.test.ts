import { describe, expect, it } from 'vitest';
import { pagedScreens } from '../../../../src/app/kiosk/paged-screens.ts';
import { LARGE_TEXT_CRITERIA_PER_PAGE } from '../../../../src/app/kiosk/display-mode.ts';
import { surveyScreens } from '../../../../src/domain/survey-flow.ts';
import { bundled } from '../../domain/factories.ts';

describe('criteria paged in large text', () => {
  const sipas = bundled('sipas');
  const screens = surveyScreens(sipas, { askServiceField: false, askProcedure: false, askDossierCode: false });

  it('keeps every element on one screen in normal text', () => {
    expect(pagedScreens(screens, sipas, null)).toEqual(screens);
  });

  it('splits elements above three criteria into balanced pages that keep the element id', () => {
    const paged = pagedScreens(screens, sipas, LARGE_TEXT_CRITERIA_PER_PAGE).filter((screen) => screen.kind === 'element');
    expect(paged.map((screen) => [screen.id, screen.page ? [screen.page.from, screen.page.to] : null])).toEqual([
      ['E1', [0, 2]],
      ['E1', [2, 4]],
      ['E2', [0, 3]],
      ['E2', [3, 5]],
      ['E3', [0, 3]],
      ['E3', [3, 6]],
      ['E4', null],
      ['E5', [0, 2]],
      ['E5', [2, 4]],
    ]);
  });
});
