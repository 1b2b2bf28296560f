import { describe, expect, it } from 'vitest';
import { bootSnapshotKey, keepBootSnapshot, readBootSnapshot, type BootSnapshot } from '../../../../src/app/store/boot-snapshot.ts';
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

  it('writes only when what it holds changed', () => {
    const storage = new MemoryStorage();
    keepBootSnapshot('sipas-collect', readySnapshot(), storage);
    keepBootSnapshot('sipas-collect', readySnapshot(), storage);
    keepBootSnapshot('sipas-collect', readySnapshot(), storage);
    expect(storage.writes).toBe(1);

    keepBootSnapshot('sipas-collect', readySnapshot({ idleTimeoutSeconds: 90 }), storage);
    expect(storage.writes).toBe(2);
    expect(readBootSnapshot('sipas-collect', storage)?.overrides).toEqual({ idleTimeoutSeconds: 90 });
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
