import type { CommentThemeId } from './comment-themes.ts';
import type { RankingRow, TargetStandingValue } from './manage-api.ts';
import type { ResponseChannel } from './response-channel.ts';

/**
 * The official report's words, Vietnamese first and English when the query asks for it. Verdicts, reasons,
 * blocks and themes are the dashboard's words (manage i18n), so the paper never says otherwise than the screen.
 */
export interface OfficialReportLabels {
  motto: [string, string];
  number: (number: number) => string;
  dateLine: (day: string) => string;
  title: string;
  period: (from: string, to: string) => string;
  page: (page: number, pages: number) => string;
  generalHeading: string;
  unit: string;
  periodLabel: string;
  scope: string;
  withSubunits: string;
  unitOnly: string;
  responses: string;
  flaggedExcluded: (count: string) => string;
  flaggedIncluded: (count: string) => string;
  serviceField: string;
  procedure: string;
  channel: string;
  channelMix: string;
  channels: Record<ResponseChannel, string>;
  indicator: string;
  sipasIndex: string;
  previousIndex: (from: string, to: string) => string;
  quickIndex: string;
  n: string;
  index: string;
  interval: string;
  target: string;
  gap: string;
  verdict: string;
  standing: Record<TargetStandingValue, string>;
  elementsHeading: string;
  code: string;
  elementOrCriterion: string;
  withoutAnswers: (ids: string) => string;
  rankingHeading: string;
  minimumRule: (minimum: string) => string;
  rank: string;
  unitColumn: string;
  overallRank: string;
  previousRank: string;
  change: string;
  note: string;
  reason: Record<NonNullable<RankingRow['reason']>, string>;
  block: Record<'agency' | 'commune' | 'other', string>;
  weakestHeading: string;
  weakestRule: (minimum: string) => string;
  noWeakest: (minimum: string) => string;
  criterion: string;
  voicesHeading: string;
  improvementsCaption: string;
  ask: string;
  times: string;
  themesCaption: string;
  theme: string;
  comments: string;
  themes: Record<CommentThemeId, string>;
  methodHeading: string;
  questionnaire: (title: string, id: string, version: number) => string;
  scoring: (methodName: string, id: string, version: number) => string;
  intervalNote: string;
  preparedBy: string;
  head: string;
  signHint: string;
}

const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const OFFICIAL_REPORT_LABELS: Record<'vi' | 'en', OfficialReportLabels> = {
  vi: {
    motto: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
    number: (number) => `Số: ${number}/BC-SIPAS`,
    dateLine: (day) => `……, ngày ${day.slice(8, 10)} tháng ${day.slice(5, 7)} năm ${day.slice(0, 4)}`,
    title: 'BÁO CÁO KẾT QUẢ ĐO LƯỜNG SỰ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC',
    period: (from, to) => `Từ ngày ${from} đến ngày ${to}`,
    page: (page, pages) => `Trang ${page}/${pages}`,
    generalHeading: 'I. KẾT QUẢ CHUNG',
    unit: 'Đơn vị',
    periodLabel: 'Kỳ báo cáo',
    scope: 'Phạm vi',
    withSubunits: 'Bao gồm các đơn vị trực thuộc',
    unitOnly: 'Chỉ riêng đơn vị',
    responses: 'Số phiếu hợp lệ',
    flaggedExcluded: (count) => `Đã loại trừ ${count} phiếu bị gắn cờ nghi vấn`,
    flaggedIncluded: (count) => `Số phiếu bị gắn cờ nghi vấn (đã tính vào kết quả): ${count}`,
    serviceField: 'Lĩnh vực',
    procedure: 'Thủ tục',
    channel: 'Kênh đánh giá',
    channelMix: 'Số phiếu hợp lệ theo kênh',
    channels: { kiosk: 'Kiosk tại quầy', 'staff-assisted': 'Kiosk có cán bộ hỗ trợ', 'dossier-link': 'Đường dẫn hồ sơ (điện thoại)' },
    indicator: 'Chỉ tiêu',
    sipasIndex: 'Chỉ số hài lòng chung (SIPAS)',
    previousIndex: (from, to) => `Kỳ trước (${from} - ${to})`,
    quickIndex: 'Chỉ số đánh giá nhanh tại quầy',
    n: 'n',
    index: 'Chỉ số',
    interval: 'Khoảng tin cậy 95%',
    target: 'Mục tiêu',
    gap: 'Chênh lệch (điểm)',
    verdict: 'Đánh giá',
    standing: { meets: 'Đạt', below: 'Chưa đạt', 'not-conclusive': 'Chưa đủ kết luận', 'no-data': 'Chưa có dữ liệu' },
    elementsHeading: 'II. KẾT QUẢ THEO YẾU TỐ VÀ TIÊU CHÍ',
    code: 'Mã',
    elementOrCriterion: 'Yếu tố / Tiêu chí',
    withoutAnswers: (ids) => `Tiêu chí chưa có câu trả lời (không tính vào trung bình): ${ids}`,
    rankingHeading: 'III. XẾP HẠNG CÁC ĐƠN VỊ TRỰC THUỘC',
    minimumRule: (minimum) =>
      `Đơn vị có dưới ${minimum} phiếu hợp lệ không được xếp hạng. Thay đổi: số bậc tăng (+) hoặc giảm (-) trong bảng xếp hạng chung so với kỳ trước.`,
    rank: 'Hạng',
    unitColumn: 'Đơn vị',
    overallRank: 'Hạng chung',
    previousRank: 'Hạng kỳ trước',
    change: 'Thay đổi',
    note: 'Ghi chú',
    reason: {
      'below-minimum-sample': 'Chưa xếp hạng (chưa đủ mẫu)',
      'quick-only': 'Chưa xếp hạng (chỉ có đánh giá nhanh)',
      'no-data': 'Chưa có dữ liệu',
    },
    block: { agency: 'Khối sở, ngành', commune: 'Khối xã, phường', other: 'Đơn vị khác' },
    weakestHeading: 'IV. CÁC TIÊU CHÍ CÓ CHỈ SỐ THẤP NHẤT',
    weakestRule: (minimum) => `Chỉ xét các tiêu chí có từ ${minimum} câu trả lời trở lên.`,
    noWeakest: (minimum) => `Chưa có tiêu chí nào đủ ${minimum} câu trả lời để so sánh.`,
    criterion: 'Tiêu chí',
    voicesHeading: 'V. Ý KIẾN CỦA NGƯỜI DÂN, TỔ CHỨC',
    improvementsCaption: 'Nội dung mong muốn cải thiện được chọn nhiều nhất',
    ask: 'Nội dung',
    times: 'Số lượt chọn',
    themesCaption: 'Chủ đề góp ý thường gặp',
    theme: 'Chủ đề',
    comments: 'Số góp ý',
    themes: {
      access: 'Tiếp cận dịch vụ',
      procedure: 'Thủ tục hành chính',
      staff: 'Công chức',
      result: 'Kết quả giải quyết',
      feedback: 'Tiếp nhận, xử lý góp ý',
      'waiting-time': 'Thời gian chờ',
      attitude: 'Thái độ phục vụ',
      fees: 'Phí, lệ phí',
      'fewer-documents': 'Giấy tờ, hồ sơ',
      'shorter-time': 'Thời gian giải quyết',
      facilities: 'Cơ sở vật chất',
      'online-services': 'Dịch vụ công trực tuyến',
      other: 'Khác',
    },
    methodHeading: 'VI. PHƯƠNG PHÁP',
    questionnaire: (title, id, version) => `Bộ câu hỏi: ${title} (mã ${id}, phiên bản ${version}).`,
    scoring: (methodName, id, version) => `Phương pháp tính: ${methodName} (mã ${id}, phiên bản ${version}).`,
    intervalNote:
      'Khoảng tin cậy 95% theo phương pháp Wilson; kết luận "Đạt" hoặc "Chưa đạt" chỉ khi cả khoảng tin cậy nằm về một phía của mục tiêu.',
    preparedBy: 'NGƯỜI LẬP',
    head: 'THỦ TRƯỞNG ĐƠN VỊ',
    signHint: '(Ký, ghi rõ họ tên)',
  },
  en: {
    motto: ['SOCIALIST REPUBLIC OF VIET NAM', 'Independence - Freedom - Happiness'],
    number: (number) => `No.: ${number}/BC-SIPAS`,
    dateLine: (day) => `……, ${Number(day.slice(8, 10))} ${ENGLISH_MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`,
    title: 'REPORT ON THE SATISFACTION OF CITIZENS AND ORGANISATIONS',
    period: (from, to) => `From ${from} to ${to}`,
    page: (page, pages) => `Page ${page}/${pages}`,
    generalHeading: 'I. OVERALL RESULT',
    unit: 'Unit',
    periodLabel: 'Period',
    scope: 'Scope',
    withSubunits: 'Including its sub-units',
    unitOnly: 'The unit only',
    responses: 'Valid responses',
    flaggedExcluded: (count) => `${count} flagged responses left out`,
    flaggedIncluded: (count) => `Flagged responses (counted in the result): ${count}`,
    serviceField: 'Service field',
    procedure: 'Procedure',
    channel: 'Channel',
    channelMix: 'Valid responses by channel',
    channels: { kiosk: 'Counter kiosk', 'staff-assisted': 'Kiosk, assisted by staff', 'dossier-link': 'Dossier link (phone)' },
    indicator: 'Indicator',
    sipasIndex: 'Overall satisfaction index (SIPAS)',
    previousIndex: (from, to) => `Previous period (${from} - ${to})`,
    quickIndex: 'Counter quick rating',
    n: 'n',
    index: 'Index',
    interval: '95% interval',
    target: 'Target',
    gap: 'Gap (points)',
    verdict: 'Verdict',
    standing: { meets: 'Meets target', below: 'Below target', 'not-conclusive': 'Not conclusive', 'no-data': 'No data' },
    elementsHeading: 'II. RESULTS BY ELEMENT AND CRITERION',
    code: 'Code',
    elementOrCriterion: 'Element / Criterion',
    withoutAnswers: (ids) => `Criteria without answers (left out of the means): ${ids}`,
    rankingHeading: 'III. RANKING OF SUB-UNITS',
    minimumRule: (minimum) =>
      `Units with fewer than ${minimum} valid responses are not ranked. Change: places gained (+) or lost (-) in the overall ranking since the previous period.`,
    rank: 'Rank',
    unitColumn: 'Unit',
    overallRank: 'Overall rank',
    previousRank: 'Previous rank',
    change: 'Change',
    note: 'Note',
    reason: { 'below-minimum-sample': 'Not ranked (sample too small)', 'quick-only': 'Not ranked (quick ratings only)', 'no-data': 'No data' },
    block: { agency: 'Departments and agencies', commune: 'Communes and wards', other: 'Other units' },
    weakestHeading: 'IV. CRITERIA WITH THE LOWEST INDEX',
    weakestRule: (minimum) => `Only criteria with at least ${minimum} answers are compared.`,
    noWeakest: (minimum) => `No criterion has the ${minimum} answers needed to compare.`,
    criterion: 'Criterion',
    voicesHeading: 'V. WHAT CITIZENS AND ORGANISATIONS SAY',
    improvementsCaption: 'Improvements asked for most',
    ask: 'Improvement',
    times: 'Times chosen',
    themesCaption: 'Frequent comment themes',
    theme: 'Theme',
    comments: 'Comments',
    themes: {
      access: 'Access to the service',
      procedure: 'Administrative procedure',
      staff: 'Civil servants',
      result: 'Result',
      feedback: 'Feedback handling',
      'waiting-time': 'Waiting time',
      attitude: 'Attitude',
      fees: 'Fees',
      'fewer-documents': 'Documents',
      'shorter-time': 'Processing time',
      facilities: 'Facilities',
      'online-services': 'Online public services',
      other: 'Other',
    },
    methodHeading: 'VI. METHOD',
    questionnaire: (title, id, version) => `Questionnaire: ${title} (id ${id}, version ${version}).`,
    scoring: (methodName, id, version) => `Scoring method: ${methodName} (id ${id}, version ${version}).`,
    intervalNote: '95% intervals by the Wilson method; "Meets target" or "Below target" only when the whole interval lies on one side of the target.',
    preparedBy: 'PREPARED BY',
    head: 'HEAD OF THE UNIT',
    signHint: '(Signature and full name)',
  },
};
