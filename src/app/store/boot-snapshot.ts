import type { KioskSettings } from '../../domain/kiosk-settings.ts';
import type { Questionnaire } from '../../domain/questionnaire.ts';
import type { StoredConfig } from './db.ts';

/**
 * A copy, in localStorage, of what a ready kiosk runs on. Opening IndexedDB takes a few hundred
 * milliseconds on a slow tablet's cold start, while localStorage answers synchronously: with the copy,
 * the welcome screen does not wait for the database. IndexedDB stays the truth: its answer replaces the
 * copy as soon as it comes, and a tablet that is no longer ready loses its copy. No token is copied, and
 * no recording: those can weigh megabytes, more than localStorage holds. A survey started in the moment
 * before IndexedDB answers gets them when it does (`sameVersionNow` in config.ts).
 */
export interface BootSnapshot {
  deviceId: string;
  stored: StoredConfig;
  overrides: Partial<KioskSettings> | undefined;
}

interface StoredSnapshot extends BootSnapshot {
  format: typeof FORMAT;
}

const FORMAT = 1;

/** One copy per database, so two databases in one origin (tests, a second kiosk profile) never mix. */
export function bootSnapshotKey(databaseName: string): string {
  return `sipas-collect:boot:${databaseName}`;
}

/** Storage can be switched off or full: the copy is only a shortcut, so every failure reads as "none". */
function localStorageOrNull(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function isBootSnapshot(value: unknown): value is StoredSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<StoredSnapshot>;
  return (
    candidate.format === FORMAT &&
    typeof candidate.deviceId === 'string' &&
    candidate.stored?.key === 'config' &&
    typeof candidate.stored.config === 'object' &&
    candidate.stored.config !== null
  );
}

function withoutRecordings(questionnaire: Questionnaire): Questionnaire {
  return {
    ...questionnaire,
    elements: questionnaire.elements.map(({ audio: _audio, ...element }) => ({
      ...element,
      criteria: element.criteria.map(({ audio: _criterionAudio, ...criterion }) => criterion),
    })),
    sections: questionnaire.sections.map((section) => ({
      ...section,
      questions: section.questions.map(({ audio: _questionAudio, ...question }) => question),
    })),
  };
}

/** What the copy holds of a ready tablet: its device id, configuration without recordings, and staff's settings. */
export function bootSnapshotOf(deviceId: string, stored: StoredConfig, overrides: Partial<KioskSettings> | undefined): BootSnapshot {
  const config = { ...stored.config, questionnaires: stored.config.questionnaires.map(withoutRecordings) };
  return { deviceId, stored: { ...stored, config }, overrides };
}

/**
 * Changes whenever what the copy holds changes: a configuration is only ever stored whole, with a new
 * `fetchedAt`. Comparing this, not the copy's text, keeps the check cheap when the device record changes,
 * which it does with every submitted answer.
 */
export function bootSnapshotSignature(deviceId: string, stored: StoredConfig, overrides: Partial<KioskSettings> | undefined): string {
  return JSON.stringify([deviceId, stored.etag, stored.fetchedAt, overrides ?? null]);
}

export function readBootSnapshot(databaseName: string, storage = localStorageOrNull()): BootSnapshot | null {
  try {
    const text = storage?.getItem(bootSnapshotKey(databaseName));
    if (!text) return null;
    const parsed: unknown = JSON.parse(text);
    if (!isBootSnapshot(parsed)) return null;
    return { deviceId: parsed.deviceId, stored: parsed.stored, overrides: parsed.overrides };
  } catch {
    return null;
  }
}

/** Makes the copy equal to what IndexedDB answered: the snapshot of a ready tablet, or none. */
export function keepBootSnapshot(databaseName: string, snapshot: BootSnapshot | null, storage = localStorageOrNull()): void {
  const key = bootSnapshotKey(databaseName);
  try {
    if (!storage) return;
    if (!snapshot) {
      storage.removeItem(key);
      return;
    }
    storage.setItem(key, JSON.stringify({ format: FORMAT, ...snapshot } satisfies StoredSnapshot));
  } catch {
    // Full or refused: the next cold start waits for IndexedDB, as it would with no copy; an older copy
    // must not outlive the configuration that replaced it.
    try {
      storage?.removeItem(key);
    } catch {
      // Refused altogether: there is no copy to remove either.
    }
  }
}
