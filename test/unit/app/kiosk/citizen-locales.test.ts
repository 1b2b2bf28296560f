import { describe, expect, it } from 'vitest';
import vi from '../../../../src/app/i18n/locales/vi.json';
import en from '../../../../src/app/i18n/locales/en.json';
import km from '../../../../src/app/i18n/locales/km.json';

/**
 * Strings only staff read (the staff view, enrolment, server errors they report); everything else of the
 * kiosk's file is seen by citizens and must exist in every shipped locale, Khmer included.
 */
const STAFF_ONLY = ['appName', 'staff.', 'enrol.', 'update.', 'nav.', 'serverErrors.'];

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keysOf(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

const citizenKeys = keysOf(vi).filter((key) => !STAFF_ONLY.some((staff) => key === staff || key.startsWith(staff)));

describe('the kiosk strings citizens see', () => {
  it('are many (the filter keeps the citizen screens)', () => {
    expect(citizenKeys).toEqual(
      expect.arrayContaining(['welcome.duration', 'errors.storageFull', 'errors.noQuestionnaire', 'quickReason.skip', 'nothingRated.title']),
    );
  });

  it.each([
    ['en', en],
    ['km', km],
  ])('are all in %s', (_locale, strings) => {
    const present = new Set(keysOf(strings));
    expect(citizenKeys.filter((key) => !present.has(key))).toEqual([]);
  });
});
