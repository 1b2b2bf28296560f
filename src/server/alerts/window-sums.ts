import type { Kysely } from 'kysely';
import { daysInRange, daysOutside, type DayRange } from '../../domain/calendar.ts';
import { sumCountsByVersion, unitCountRevisions, type VersionedSum } from '../db/counts-repository.ts';
import type { Database } from '../db/schema.ts';
import { SCORED_MEASURES } from '../reports/report-sums.ts';

/** A unit's own counts summed over a window, by "version|flagged|measure|item|detail". */
export type UnitSums = ReadonlyMap<string, VersionedSum>;

/** Which window: its questionnaire and days, and a key naming it among the windows kept (zone, questionnaire, length). */
export interface WindowOfDays {
  key: string;
  questionnaireId: string;
  range: DayRange;
}

interface KeptUnit {
  revision: number;
  sums: Map<string, VersionedSum>;
}

interface KeptWindow {
  range: DayRange;
  units: Map<string, KeptUnit>;
}

/** A province's rules use a few windows; each kept window holds about a hundred sums per unit. */
const WINDOWS_KEPT = 8;

/**
 * Each unit's own counts (place 'unit': every service field, counter, channel and procedure together;
 * versions and flagged answers apart) summed over a rolling window of days, kept between evaluations.
 * A unit is read again only when its revision moved (addToCounts raises it in the transaction that adds
 * to its rows); when the window moves a day, the kept sums give up the day that left and take the day
 * that came, read for every unit at once, instead of every unit's every day being summed again.
 * Revisions are read before counts, so a sum kept may be newer than its revision says (read again next
 * time) but never older.
 */
export class WindowSums {
  private readonly windows = new Map<string, KeptWindow>();

  async of(db: Kysely<Database>, window: WindowOfDays, unitIds: readonly string[]): Promise<Map<string, UnitSums>> {
    const revisions = await unitCountRevisions(db, unitIds);
    const kept = this.keptWindow(window);
    if (kept.range.from !== window.range.from || kept.range.to !== window.range.to) {
      await this.move(db, window, kept, revisions);
    }
    const stale = unitIds.filter((unitId) => kept.units.get(unitId)?.revision !== revisions.get(unitId));
    if (stale.length > 0) {
      const fresh = new Map<string, KeptUnit>(stale.map((unitId) => [unitId, { revision: revisions.get(unitId)!, sums: new Map() }]));
      for (const sum of await readSums(db, window.questionnaireId, stale, window.range)) addInto(fresh.get(sum.unitId)!.sums, sum, 1);
      for (const [unitId, unit] of fresh) kept.units.set(unitId, unit);
    }
    return new Map(unitIds.map((unitId) => [unitId, kept.units.get(unitId)!.sums]));
  }

  private keptWindow(window: WindowOfDays): KeptWindow {
    const kept = this.windows.get(window.key) ?? { range: window.range, units: new Map() };
    // Most recently used last: the first is the one to forget.
    this.windows.delete(window.key);
    this.windows.set(window.key, kept);
    if (this.windows.size > WINDOWS_KEPT) this.windows.delete(this.windows.keys().next().value!);
    return kept;
  }

  /**
   * Moves the kept sums to the window's new days: the days that left are taken out and the days that came
   * are added, for the units whose revision has not moved; the others are forgotten and read whole.
   * A window that moved further than its length is read whole.
   */
  private async move(db: Kysely<Database>, window: WindowOfDays, kept: KeptWindow, revisions: ReadonlyMap<string, number>): Promise<void> {
    const leaving = daysOutside(kept.range, window.range);
    const entering = daysOutside(window.range, kept.range);
    const daysToRead = [...leaving, ...entering].reduce((days, range) => days + daysInRange(range.from, range.to), 0);
    const unchanged = [...kept.units].filter(([unitId, unit]) => revisions.get(unitId) === unit.revision).map(([unitId]) => unitId);
    kept.range = window.range;
    const staying = new Map(unchanged.map((unitId) => [unitId, kept.units.get(unitId)!]));
    kept.units.clear();
    if (daysToRead >= daysInRange(window.range.from, window.range.to) || staying.size === 0) return;
    for (const range of leaving) {
      for (const sum of await readSums(db, window.questionnaireId, [...staying.keys()], range)) addInto(staying.get(sum.unitId)!.sums, sum, -1);
    }
    for (const range of entering) {
      for (const sum of await readSums(db, window.questionnaireId, [...staying.keys()], range)) addInto(staying.get(sum.unitId)!.sums, sum, 1);
    }
    // A batch committed while the days were read may be in one of them and not in the sums kept: that unit is read whole.
    const after = await unitCountRevisions(db, [...staying.keys()]);
    for (const [unitId, unit] of staying) if (after.get(unitId) === unit.revision) kept.units.set(unitId, unit);
  }
}

function readSums(db: Kysely<Database>, questionnaireId: string, unitIds: readonly string[], range: DayRange): Promise<VersionedSum[]> {
  return sumCountsByVersion(db, {
    place: 'unit',
    unitIds,
    questionnaireIds: [questionnaireId],
    version: null,
    serviceFieldId: null,
    procedureId: null,
    cover: { years: null, months: [], days: [range] },
    measures: [...SCORED_MEASURES, 'responses'],
    channel: null,
  });
}

export function sumKeyOf(sum: Pick<VersionedSum, 'version' | 'flagged' | 'measure' | 'item' | 'detail'>): string {
  return `${sum.version}|${sum.flagged ? 1 : 0}|${sum.measure}|${sum.item}|${sum.detail}`;
}

/** Adds `sign` × the sum into the map (a copy, so the kept sums never share objects); a count that reaches 0 is removed. */
export function addInto(sums: Map<string, VersionedSum>, sum: VersionedSum, sign: 1 | -1): void {
  const key = sumKeyOf(sum);
  const present = sums.get(key);
  const count = (present?.count ?? 0) + sign * sum.count;
  if (count === 0) sums.delete(key);
  else if (present) present.count = count;
  else sums.set(key, { ...sum, count });
}
