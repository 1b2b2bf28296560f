import { describe, expect, it } from 'vitest';
import { asciiSlug, exportFileName } from '../../../../src/domain/export/file-names.ts';
import { localDateTimeWithOffset } from '../../../../src/domain/local-day.ts';

describe('export file names', () => {
  it('fold Vietnamese to ASCII', () => {
    expect(asciiSlug('Phường An Hòa')).toBe('phuong-an-hoa');
    expect(asciiSlug('Sở Tư pháp — Đồng Tháp')).toBe('so-tu-phap-dong-thap');
  });

  it('carry the unit and the day or range', () => {
    expect(exportFileName({ unitName: 'Phường An Hòa', from: '2026-11-22', to: '2026-11-22', extension: 'csv' })).toBe(
      'sipas_phuong-an-hoa_2026-11-22.csv',
    );
    expect(exportFileName({ unitName: 'Phường An Hòa', from: '2026-11-01', to: '2026-11-22', kind: 'tổng hợp', extension: 'xlsx' })).toBe(
      'sipas_phuong-an-hoa_2026-11-01_2026-11-22_tong-hop.xlsx',
    );
  });
});

describe('local times in exports', () => {
  it('are written in the unit zone with its offset', () => {
    expect(localDateTimeWithOffset('2026-11-21T17:30:05.000Z', 'Asia/Ho_Chi_Minh')).toBe('2026-11-22T00:30:05+07:00');
    expect(localDateTimeWithOffset('2026-11-21T17:30:05.000Z', 'UTC')).toBe('2026-11-21T17:30:05+00:00');
  });
});
