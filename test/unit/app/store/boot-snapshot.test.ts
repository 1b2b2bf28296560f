import { describe, expect, it } from 'vitest';
import {
  bootSnapshotKey,
  bootSnapshotOf,
  bootSnapshotSignature,
  keepBootSnapshot,
  readBootSnapshot,
  type BootSnapshot,
} from '../../../../src/app/store/boot-snapshot.ts';
import { buildDeviceConfig } from '../../../fixtures/device-config.ts';

/** localStorage as the browser gives it, counting writes; `refuse` makes it throw as a full or disabled one does. */
class MemoryStorage implements Storage {
  readonly items = new Map<string, string>();
  writes = 0;
  refuse: 'nothing' | 'writes' | 'everything' = 'nothing';

  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    if (this.refuse === 'everything') throw new DOMException('The operation is insecure.', 'SecurityError');
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.refuse !== 'nothing') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.writes += 1;
    this.items.set(key, value);
  }
  removeItem(key: string) {
    if (this.refuse === 'everything') throw new DOMException('The operation is insecure.', 'SecurityError');
    this.items.delete(key);
  }
}

function readySnapshot(overrides: BootSnapshot['overrides'] = undefined): BootSnapshot {
  return {
    deviceId: '0f5e2d1c-7a4b-4c3d-9e8f-1a2b3c4d5e6f',
    stored: { key: 'config', config: buildDeviceConfig(), etag: '"config-7"', fetchedAt: '2026-11-20T01:00:00.000Z' },
    overrides,
  };
}

describe('the boot copy of a ready kiosk', () => {
  it('reads back exactly what was kept, per database', () => {
    const storage = new MemoryStorage();
    const snapshot = readySnapshot({ mode: 'quick', largeText: true });
    keepBootSnapshot('sipas-collect', snapshot, storage);

    expect(readBootSnapshot('sipas-collect', storage)).toEqual(snapshot);
    expect(readBootSnapshot('another-kiosk', storage)).toBeNull();
  });

  it('holds no secret: the device token is never part of it', () => {
    const storage = new MemoryStorage();
    keepBootSnapshot('sipas-collect', readySnapshot(), storage);
    expect([...storage.items.values()].join('')).not.toMatch(/token/i);
  });

  it('leaves every recording out and keeps every text and version', () => {
    const recording = `data:audio/ogg;base64,${'T2dnUw'.repeat(40_000)}`;
    const config = buildDeviceConfig();
    const [sipas] = config.questionnaires;
    const recorded = {
      ...sipas!,
      elements: sipas!.elements.map((element) => ({
        ...element,
        audio: { vi: recording },
        criteria: element.criteria.map((criterion) => ({ ...criterion, audio: { vi: recording } })),
      })),
      sections: sipas!.sections.map((section) => ({
        ...section,
        questions: section.questions.map((question) => ({ ...question, audio: { vi: recording } })),
      })),
    };
    const withRecordings = { ...config, questionnaires: [recorded, { ...recorded, version: 2 }, ...config.questionnaires.slice(1)] };
    const stored = { key: 'config' as const, config: withRecordings, etag: null, fetchedAt: '2026-11-20T01:00:00.000Z' };

    const copy = bootSnapshotOf('device-1', stored, undefined);
    expect(JSON.stringify(copy)).not.toContain('data:audio');
    // The fixture's questionnaires have no recordings: without them, the recorded ones are those again.
    expect(copy.stored.config.questionnaires).toEqual([sipas, { ...sipas, version: 2 }, ...config.questionnaires.slice(1)]);
    expect(copy.stored.config.unit).toEqual(config.unit);
    expect(stored.config.questionnaires[0]!.elements[0]!.audio).toEqual({ vi: recording });

    const storage = new MemoryStorage();
    keepBootSnapshot('sipas-collect', copy, storage);
    expect(readBootSnapshot('sipas-collect', storage)).toEqual(copy);
  });

  it('signs what it holds: a new configuration or new settings change the signature, nothing else does', () => {
    const { deviceId, stored } = readySnapshot();
    const signature = bootSnapshotSignature(deviceId, stored, undefined);
    expect(bootSnapshotSignature(deviceId, { ...stored }, undefined)).toBe(signature);
    expect(bootSnapshotSignature(deviceId, { ...stored, fetchedAt: '2026-11-21T01:00:00.000Z' }, undefined)).not.toBe(signature);
    expect(bootSnapshotSignature(deviceId, { ...stored, etag: '"config-8"' }, undefined)).not.toBe(signature);
    expect(bootSnapshotSignature(deviceId, stored, { mode: 'quick' })).not.toBe(signature);
    expect(bootSnapshotSignature('another-device', stored, undefined)).not.toBe(signature);
  });

  it('is removed when the tablet is no longer ready', () => {
    const storage = new MemoryStorage();
    keepBootSnapshot('sipas-collect', readySnapshot(), storage);
    keepBootSnapshot('sipas-collect', null, storage);
    expect(readBootSnapshot('sipas-collect', storage)).toBeNull();
    expect(storage.items.size).toBe(0);
  });

  it.each([
    ['text that is not JSON', '{"format":1,'],
    ['another format', JSON.stringify({ ...readySnapshot(), format: 2 })],
    ['no device id', JSON.stringify({ format: 1, stored: readySnapshot().stored })],
    ['no configuration', JSON.stringify({ format: 1, deviceId: 'd', stored: { key: 'config', config: null } })],
    ['a bare value', '42'],
  ])('reads %s as no copy, so the kiosk waits for IndexedDB', (_case, text) => {
    const storage = new MemoryStorage();
    storage.items.set(bootSnapshotKey('sipas-collect'), text);
    expect(readBootSnapshot('sipas-collect', storage)).toBeNull();
  });

  it('drops an older copy when the newer one does not fit, rather than start on the old configuration', () => {
    const storage = new MemoryStorage();
    keepBootSnapshot('sipas-collect', readySnapshot(), storage);
    storage.refuse = 'writes';
    keepBootSnapshot('sipas-collect', readySnapshot({ mode: 'quick' }), storage);
    expect(readBootSnapshot('sipas-collect', storage)).toBeNull();
  });

  it('treats storage that refuses everything, or none at all, as no copy', () => {
    const storage = new MemoryStorage();
    storage.refuse = 'everything';
    expect(() => keepBootSnapshot('sipas-collect', readySnapshot(), storage)).not.toThrow();
    expect(readBootSnapshot('sipas-collect', storage)).toBeNull();
    expect(readBootSnapshot('sipas-collect', null)).toBeNull();
    expect(() => keepBootSnapshot('sipas-collect', readySnapshot(), null)).not.toThrow();
  });
});
