import { describe, expect, it } from 'vitest';
import { pagedScreens } from '../../../../src/app/kiosk/paged-screens.ts';
import { surveyScreens } from '../../../../src/domain/survey-flow.ts';
import { bundled } from '../../domain/factories.ts';

describe('criteria paged in large text', () => {
  const sipas = bundled('sipas');
  const screens = surveyScreens(sipas, { askServiceField: false, askProcedure: false, askDossierCode: false });

  it('keeps every element on one screen in normal text', () => {
    expect(pagedScreens(screens, sipas, null)).toEqual(screens);
  });

  it('splits elements above four criteria into balanced pages that keep the element id', () => {
    const paged = pagedScreens(screens, sipas, 4).filter((screen) => screen.kind === 'element');
    expect(paged.map((screen) => [screen.id, screen.page ? [screen.page.from, screen.page.to] : null])).toEqual([
      ['E1', null],
      ['E2', [0, 3]],
      ['E2', [3, 5]],
      ['E3', [0, 3]],
      ['E3', [3, 6]],
      ['E4', null],
      ['E5', null],
    ]);
  });
});
