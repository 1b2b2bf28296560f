import { describe, expect, it } from 'vitest';
import type { ReportReply } from '../../../src/domain/manage-api.ts';
import {
  dayAsVietnamese,
  nextReportNumber,
  officialReportLayout,
  pageLabel,
  type OfficialReportLayout,
} from '../../../src/domain/official-report.ts';
import { reportReply } from '../../component/manage/report-factory.ts';

const GENERATED_AT = new Date('2026-12-05T03:00:00.000Z');

function layoutOf(overrides: Partial<ReportReply> = {}, locale = 'vi', reportNumber = 7): OfficialReportLayout {
  return officialReportLayout(reportReply(overrides), { locale, reportNumber, generatedAt: GENERATED_AT });
}

function section(layout: OfficialReportLayout, headingStart: string) {
  const found = layout.sections.find((candidate) => candidate.heading.startsWith(headingStart));
  if (!found) throw new Error(`no section ${headingStart}`);
  return found;
}

const cells = (table: { rows: { cells: string[] }[] }) => table.rows.map((row) => row.cells);

describe('the official report layout', () => {
  it('heads the report as a Vietnamese administrative document: issuer, number, motto, date, title, period', () => {
    const layout = layoutOf();
    expect(layout.issuer).toBe('TỈNH DEMO');
    expect(layout.number).toBe('Số: 7/BC-SIPAS');
    expect(layout.motto).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']);
    expect(layout.dateLine).toBe('……, ngày 05 tháng 12 năm 2026');
    expect(layout.title).toBe('BÁO CÁO KẾT QUẢ ĐO LƯỜNG SỰ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC');
    expect(layout.subtitle).toBe('Từ ngày 01/07/2026 đến ngày 31/07/2026');
    expect(layout.signatures).toEqual([
      { title: 'NGƯỜI LẬP', hint: '(Ký, ghi rõ họ tên)' },
      { title: 'THỦ TRƯỞNG ĐƠN VỊ', hint: '(Ký, ghi rõ họ tên)' },
    ]);
    const everything = JSON.stringify(layout);
    expect(everything).toBe(everything.normalize('NFC'));
  });

  it("dates the report in the unit's zone: 18:00 UTC on 31 December is already New Year in Hà Nội", () => {
    const layout = officialReportLayout(reportReply(), { locale: 'vi', reportNumber: 1, generatedAt: new Date('2026-12-31T18:00:00.000Z') });
    expect(layout.dateLine).toBe('……, ngày 01 tháng 01 năm 2027');
    const inUtc = officialReportLayout(reportReply({ unit: { id: 'x', name: { vi: 'X' }, timeZone: 'UTC' } }), {
      locale: 'vi',
      reportNumber: 1,
      generatedAt: new Date('2026-12-31T18:00:00.000Z'),
    });
    expect(inUtc.dateLine).toBe('……, ngày 31 tháng 12 năm 2026');
  });

  it('lays the sections out in order, the optional ones only when the reply has them', () => {
    expect(layoutOf().sections.map((candidate) => candidate.heading)).toEqual([
      'I. KẾT QUẢ CHUNG',
      'II. KẾT QUẢ THEO YẾU TỐ VÀ TIÊU CHÍ',
      'III. XẾP HẠNG CÁC ĐƠN VỊ TRỰC THUỘC',
      'IV. CÁC TIÊU CHÍ CÓ CHỈ SỐ THẤP NHẤT',
      'V. Ý KIẾN CỦA NGƯỜI DÂN, TỔ CHỨC',
      'VI. PHƯƠNG PHÁP',
    ]);
    const bare = layoutOf({ ranking: { minimumSample: 30, rows: [] }, improvements: [], commentThemes: [] });
    expect(bare.sections.map((candidate) => candidate.heading.split('. ')[1])).toEqual([
      'KẾT QUẢ CHUNG',
      'KẾT QUẢ THEO YẾU TỐ VÀ TIÊU CHÍ',
      'CÁC TIÊU CHÍ CÓ CHỈ SỐ THẤP NHẤT',
      'PHƯƠNG PHÁP',
    ]);
  });

  it('writes the index with n, its 95% interval, target, gap and verdict in Vietnamese numbers', () => {
    const general = section(layoutOf(), 'I.');
    const [table] = general.tables.map((entry) => entry.table);
    expect(table!.columns).toEqual(['Chỉ tiêu', 'n', 'Chỉ số', 'Khoảng tin cậy 95%', 'Mục tiêu', 'Chênh lệch (điểm)', 'Đánh giá']);
    expect(cells(table!)[0]).toEqual(['Chỉ số hài lòng chung (SIPAS)', '120', '87,35%', '80,20% – 92,10%', '85,00%', '+2,35', 'Chưa đủ kết luận']);
    expect(cells(table!)[1]).toEqual(['Kỳ trước (01/06/2026 - 30/06/2026)', '98', '84,10%', '', '85,00%', '', 'Chưa đủ kết luận']);
    expect(cells(table!)[2]![0]).toBe('Chỉ số đánh giá nhanh tại quầy (Đánh giá nhanh tại quầy)');
    expect(table!.rows[0]!.emphasis).toBe(true);
    expect(general.paragraphs).toContain('Số phiếu hợp lệ: 120');
  });

  it('says the channel the figures keep to and, when answers came by more than one, how many came by each', () => {
    const mixed = section(
      layoutOf({
        channels: [
          { channel: 'kiosk', complete: 90 },
          { channel: 'staff-assisted', complete: 6 },
          { channel: 'dossier-link', complete: 24 },
        ],
      }),
      'I.',
    );
    expect(mixed.paragraphs).toContain(
      'Số phiếu hợp lệ theo kênh: Kiosk tại quầy 90 (75,00%); Kiosk có cán bộ hỗ trợ 6 (5,00%); Đường dẫn hồ sơ (điện thoại) 24 (20,00%)',
    );
    expect(mixed.paragraphs.some((paragraph) => paragraph.startsWith('Kênh đánh giá'))).toBe(false);

    const assistedOnly = section(
      layoutOf({ filters: { ...reportReply().filters, channel: 'staff-assisted' }, channels: [{ channel: 'kiosk', complete: 120 }] }),
      'I.',
    );
    expect(assistedOnly.paragraphs).toContain('Kênh đánh giá: Kiosk có cán bộ hỗ trợ');
    expect(assistedOnly.paragraphs.some((paragraph) => paragraph.startsWith('Số phiếu hợp lệ theo kênh'))).toBe(false);
  });

  it('lists each element and its criteria with n, index, interval, target, gap and standing, and names criteria without answers', () => {
    const elements = section(layoutOf(), 'II.');
    expect(cells(elements.tables[0]!.table)).toEqual([
      ['E1', 'Tiếp cận dịch vụ', '', '87,50%', '', '85,00%', '+2,50', ''],
      ['E1.1', 'Tiêu chí E1.1', '40', '87,50%', '73,90% – 94,50%', '85,00%', '+2,50', 'Chưa đủ kết luận'],
      ['E1.2', 'Tiêu chí E1.2', '50', '60,00%', '46,20% – 72,40%', '85,00%', '-25,00', 'Chưa đạt'],
      ['E1.3', 'Tiêu chí E1.3', '0', '—', '—', '85,00%', '—', 'Chưa có dữ liệu'],
    ]);
    expect(elements.paragraphs).toEqual(['Tiêu chí chưa có câu trả lời (không tính vào trung bình): E1.3']);
  });

  it('ranks sub-units in one table with places gained, listing those under the minimum sample unranked', () => {
    const ranking = section(layoutOf(), 'III.');
    expect(ranking.paragraphs[0]).toMatch(/^Đơn vị có dưới 30 phiếu hợp lệ không được xếp hạng\./);
    expect(ranking.tables).toHaveLength(1);
    expect(ranking.tables[0]!.table.columns).toEqual(['Hạng', 'Đơn vị', 'Chỉ số', 'n', 'Hạng kỳ trước', 'Thay đổi', 'Ghi chú']);
    expect(cells(ranking.tables[0]!.table)).toEqual([
      ['1', 'Xã A', '91,20%', '75', '2', '+1', ''],
      ['—', 'Xã B', '95,00%', '12', '—', '—', 'Chưa xếp hạng (chưa đủ mẫu)'],
      ['—', 'Xã C', '—', '0', '—', '—', 'Chưa có dữ liệu'],
    ]);
  });

  it('gives agencies and communes their own tables ranked within the block when the reply ranks by block', () => {
    const row = (unitId: string, block: 'agency' | 'commune', rank: number | null, blockRank: number | null, previousRank: number | null) => ({
      unitId,
      name: { vi: unitId },
      responses: 40,
      n: 40,
      index: 90 - (rank ?? 9),
      rank,
      reason: rank === null ? ('below-minimum-sample' as const) : null,
      quickIndex: null,
      quickN: 0,
      previousRank,
      block,
      blockRank,
    });
    const layout = layoutOf({
      ranking: {
        minimumSample: 30,
        rows: [
          row('Xã Một', 'commune', 1, 1, 1),
          row('Sở Tư pháp', 'agency', 2, 1, 4),
          row('Phường Hai', 'commune', 3, 2, 2),
          row('Sở Xây dựng', 'agency', null, null, 3),
        ],
      },
    });
    const tables = section(layout, 'III.').tables;
    expect(tables.map((entry) => entry.caption)).toEqual(['Khối sở, ngành', 'Khối xã, phường']);
    expect(tables[0]!.table.columns).toEqual(['Hạng', 'Đơn vị', 'Chỉ số', 'n', 'Hạng chung', 'Hạng kỳ trước', 'Thay đổi', 'Ghi chú']);
    expect(cells(tables[0]!.table).map((cellsOfRow) => [cellsOfRow[0], cellsOfRow[1], cellsOfRow[4], cellsOfRow[6]])).toEqual([
      ['1', 'Sở Tư pháp', '2', '+2'],
      ['—', 'Sở Xây dựng', '—', '—'],
    ]);
    expect(cells(tables[1]!.table).map((cellsOfRow) => [cellsOfRow[0], cellsOfRow[1], cellsOfRow[6]])).toEqual([
      ['1', 'Xã Một', '0'],
      ['2', 'Phường Hai', '-1'],
    ]);
  });

  it('names the weakest criteria, the improvements asked for (none never chosen) and the comment themes', () => {
    const layout = layoutOf({
      commentThemes: [
        { theme: 'waiting-time', count: 4 },
        { theme: 'attitude', count: 2 },
      ],
    });
    expect(cells(section(layout, 'IV.').tables[0]!.table)).toEqual([
      ['E1.2', 'Tiêu chí E1.2', '50', '60,00%'],
      ['E1.1', 'Tiêu chí E1.1', '40', '87,50%'],
    ]);
    const voices = section(layout, 'V.');
    expect(voices.tables.map((entry) => entry.caption)).toEqual(['Nội dung mong muốn cải thiện được chọn nhiều nhất', 'Chủ đề góp ý thường gặp']);
    expect(cells(voices.tables[0]!.table)).toEqual([['Rút ngắn thời gian giải quyết', '9']]);
    expect(cells(voices.tables[1]!.table)).toEqual([
      ['Thời gian chờ', '4'],
      ['Thái độ phục vụ', '2'],
    ]);
    const none = layoutOf({ headline: { ...reportReply().headline, weakestCriteria: [] } });
    expect(section(none, 'IV.').paragraphs).toEqual(['Chưa có tiêu chí nào đủ 30 câu trả lời để so sánh.']);
  });

  it('states the questionnaire, its version and the scoring method', () => {
    const method = section(layoutOf(), 'VI.');
    expect(method.paragraphs[0]).toBe('Bộ câu hỏi: Khảo sát SIPAS (mã sipas, phiên bản 1).');
    expect(method.paragraphs[1]).toBe('Phương pháp tính: Chỉ số SIPAS theo phương pháp năm 2017 (mã sipas-2017, phiên bản 1).');
    const counterMethod = { id: 'counter-rating-2025', version: 1, name: { vi: 'Đánh giá nhanh tại quầy (3 mức)' } };
    expect(section(layoutOf({ method: counterMethod }), 'VI.').paragraphs[1]).toBe(
      'Phương pháp tính: Đánh giá nhanh tại quầy (3 mức) (mã counter-rating-2025, phiên bản 1).',
    );
  });

  it('speaks English with English names and numbers when the locale is en', () => {
    const layout = layoutOf({}, 'en-GB', 3);
    expect(layout.language).toBe('en');
    expect(layout.issuer).toBe('DEMO PROVINCE');
    expect(layout.number).toBe('No.: 3/BC-SIPAS');
    expect(layout.dateLine).toBe('……, 5 December 2026');
    expect(cells(section(layout, 'I.').tables[0]!.table)[0]).toEqual([
      'Overall satisfaction index (SIPAS)',
      '120',
      '87.35%',
      '80.20% – 92.10%',
      '85.00%',
      '+2.35',
      'Not conclusive',
    ]);
    expect(section(layout, 'II.').tables[0]!.table.rows[0]!.cells[1]).toBe('Access to the service');
    expect(layout.signatures.map((signature) => signature.title)).toEqual(['PREPARED BY', 'HEAD OF THE UNIT']);
    expect(pageLabel(2, 5, 'en')).toBe('Page 2/5');
    expect(pageLabel(1, 3, 'vi')).toBe('Trang 1/3');
    expect(pageLabel(1, 3, 'km')).toBe('Trang 1/3');
  });

  it('writes days as dd/mm/yyyy', () => {
    expect(dayAsVietnamese('2026-03-09')).toBe('09/03/2026');
  });
});

describe('the report number', () => {
  const zone = 'Asia/Ho_Chi_Minh';
  it("counts the unit's earlier PDF reports of the same local year, not other units' or other years'", () => {
    const earlier = [
      { at: '2026-01-10T02:00:00.000Z', unitId: 'tinh' },
      { at: '2026-06-10T02:00:00.000Z', unitId: 'tinh' },
      { at: '2026-06-11T02:00:00.000Z', unitId: 'xa-a' },
      { at: '2025-12-31T16:30:00.000Z', unitId: 'tinh' }, // 23:30 on 31 Dec 2025 in Hà Nội
      { at: '2025-12-31T17:30:00.000Z', unitId: 'tinh' }, // 00:30 on 1 Jan 2026 in Hà Nội
      { at: '2026-03-01T02:00:00.000Z', unitId: undefined },
    ];
    expect(nextReportNumber(earlier, 'tinh', new Date('2026-12-05T03:00:00.000Z'), zone)).toEqual({ number: 4, year: 2026 });
    expect(nextReportNumber(earlier, 'xa-a', new Date('2026-12-05T03:00:00.000Z'), zone)).toEqual({ number: 2, year: 2026 });
  });

  it('starts again from 1 in a new local year', () => {
    const earlier = [{ at: '2026-12-31T10:00:00.000Z', unitId: 'tinh' }];
    expect(nextReportNumber(earlier, 'tinh', new Date('2026-12-31T17:00:00.000Z'), zone)).toEqual({ number: 1, year: 2027 });
    expect(nextReportNumber(earlier, 'tinh', new Date('2026-12-31T16:59:00.000Z'), zone)).toEqual({ number: 2, year: 2026 });
  });
});
