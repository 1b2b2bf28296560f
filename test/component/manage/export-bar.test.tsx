import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { ExportBar } from '../../../src/app/manage/report/ExportBar.tsx';
import { renderWithManageI18n } from './render-manage.tsx';

const QUERY = { unitId: 'tinh', from: '2026-11-01', to: '2026-11-30', includeSubunits: true, includeFlagged: false, minimumSample: 20, locale: 'vi' };

describe('the report export bar', () => {
  it('offers the official PDF report beside CSV and Excel, for the same query as the screen', () => {
    renderWithManageI18n(<ExportBar query={QUERY} />);
    const pdf = screen.getByRole('link', { name: 'Tải báo cáo PDF' });
    expect(pdf.hasAttribute('download')).toBe(true);
    const url = new URL(pdf.getAttribute('href')!, 'https://sipas.example');
    expect(url.pathname).toBe('/api/v1/reports/report.pdf');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      unitId: 'tinh',
      from: '2026-11-01',
      to: '2026-11-30',
      includeSubunits: 'true',
      includeFlagged: 'false',
      minimumSample: '20',
      locale: 'vi',
    });
    const csv = new URL(screen.getByRole('link', { name: 'Tải CSV' }).getAttribute('href')!, 'https://sipas.example');
    expect(url.search).toBe(csv.search);
  });

  it('says it in English', () => {
    renderWithManageI18n(<ExportBar query={{ ...QUERY, locale: 'en' }} />, 'en');
    const pdf = screen.getByRole('link', { name: 'Download PDF report' });
    expect(new URL(pdf.getAttribute('href')!, 'https://sipas.example').searchParams.get('locale')).toBe('en');
  });

  it('offers managers the per-dossier ratings for the one-stop system, for the same query, and nobody else', () => {
    const { unmount } = renderWithManageI18n(<ExportBar query={QUERY} canExportDossiers />);
    expect(screen.getByText('Tệp đánh giá theo hồ sơ (QĐ 766)')).toBeTruthy();
    for (const [name, path] of [
      ['Tải CSV theo hồ sơ', '/api/v1/reports/dossiers.csv'],
      ['Tải Excel theo hồ sơ (XLSX)', '/api/v1/reports/dossiers.xlsx'],
      ['Tải JSON theo hồ sơ', '/api/v1/reports/dossiers.json'],
    ] as const) {
      const url = new URL(screen.getByRole('link', { name, hidden: true }).getAttribute('href')!, 'https://sipas.example');
      expect(url.pathname).toBe(path);
      expect(url.searchParams.get('unitId')).toBe('tinh');
      expect(url.searchParams.get('from')).toBe('2026-11-01');
    }
    unmount();
    renderWithManageI18n(<ExportBar query={QUERY} />);
    expect(screen.queryByText('Tệp đánh giá theo hồ sơ (QĐ 766)')).toBeNull();
  });
});
