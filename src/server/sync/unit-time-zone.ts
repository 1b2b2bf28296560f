import { usableTimeZone } from '../../domain/local-day.ts';

/** Units already warned about, so a broken setting is reported once per process, not once per batch. */
const warnedUnits = new Set<string>();

/**
 * The time zone a unit's answers are counted in. Input is validated (an IANA zone), but an older version
 * stored whatever it was given; such a unit falls back to the default zone, and the server warns once so
 * an administrator corrects it, instead of refusing every batch and config pull of its tablets.
 */
export function timeZoneOfUnit(unit: { id: string; time_zone: string | null } | undefined): string {
  const { timeZone, valid } = usableTimeZone(unit?.time_zone);
  if (!valid && unit && !warnedUnits.has(unit.id)) {
    warnedUnits.add(unit.id);
    process.emitWarning(`unit "${unit.id}" has an unknown time zone; its days are counted in ${timeZone} until an administrator sets a valid one`, {
      code: 'SIPAS_UNIT_TIME_ZONE_INVALID',
    });
  }
  return timeZone;
}
