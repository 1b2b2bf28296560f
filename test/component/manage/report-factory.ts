import type { CriterionReport, ReportReply, UnitTreeReply } from '../../../src/domain/manage-api.ts';

/** A contract-shaped criterion; figures are what the server would send at full precision. */
export function criterionReport(overrides: Partial<CriterionReport> & Pick<CriterionReport, 'id'>): CriterionReport {
  return {
    text: { vi: `Tiêu chí ${overrides.id}`, en: `Criterion ${overrides.id}` },
    n: 40,
    satisfied: 35,
    index: 87.5,
    interval: { low: 73.9, high: 94.5 },
    levelCounts: [1, 2, 2, 15, 20],
    target: 85,
    gap: 2.5,
    additionalNeeded: 0,
    standing: 'not-conclusive',
    ...overrides,
  };
}

const commentPlace = { unitId: 'xa-a', unitName: { vi: 'Xã A' }, serviceFieldId: 'ho-tich', serviceFieldName: { vi: 'Hộ tịch' }, counterId: null };

export function reportReply(overrides: Partial<ReportReply> = {}): ReportReply {
  return {
    unit: { id: 'tinh', name: { vi: 'Tỉnh Demo', en: 'Demo Province' }, timeZone: 'Asia/Ho_Chi_Minh' },
    period: { from: '2026-07-01', to: '2026-07-31' },
    filters: { serviceFieldId: null, procedureId: null, includeSubunits: true, channel: null },
    channels: [
      { channel: 'kiosk', complete: 102 },
      { channel: 'staff-assisted', complete: 0 },
      { channel: 'dossier-link', complete: 18 },
    ],
    questionnaire: { id: 'sipas', version: 1, title: { vi: 'Khảo sát SIPAS', en: 'SIPAS survey' }, mode: 'full', versionsWithAnswers: [1] },
    method: { id: 'sipas-2017', version: 1, name: { vi: 'Chỉ số SIPAS theo phương pháp năm 2017', en: 'SIPAS index, 2017 method' } },
    responses: { complete: 120, incomplete: 3, withDossierCode: 96 },
    overall: { index: 87.345, target: 85, gap: 2.345, standing: 'meets', n: 120, interval: { low: 80.2, high: 92.1 }, verdict: 'not-conclusive' },
    headline: {
      minimumSample: 30,
      previous: {
        period: { from: '2026-06-01', to: '2026-06-30' },
        index: 84.1,
        n: 98,
        verdict: 'not-conclusive',
        quickIndex: 80,
        otherVersionsOnly: false,
      },
      weakestUnits: [{ unitId: 'xa-a', name: { vi: 'Xã A' }, index: 91.2, n: 75 }],
      weakestCriteria: [
        { criterionId: 'E1.2', elementId: 'E1', text: { vi: 'Tiêu chí E1.2', en: 'Criterion E1.2' }, index: 60, n: 50 },
        { criterionId: 'E1.1', elementId: 'E1', text: { vi: 'Tiêu chí E1.1', en: 'Criterion E1.1' }, index: 87.5, n: 40 },
      ],
      complaints: [],
      sparkline: {
        granularity: 'month',
        points: Array.from({ length: 12 }, (_, i) => ({
          period: `2025-${String(i + 1).padStart(2, '0')}`,
          n: i === 3 ? 0 : 50 + i,
          index: i === 3 ? null : 80 + (i % 5),
          version: i === 3 ? null : 1,
        })),
        methods: [
          {
            version: 1,
            method: { id: 'sipas-2017', version: 1, name: { vi: 'Chỉ số SIPAS theo phương pháp năm 2017', en: 'SIPAS index, 2017 method' } },
          },
        ],
      },
    },
    elements: [
      {
        id: 'E1',
        title: { vi: 'Tiếp cận dịch vụ', en: 'Access to the service' },
        index: 87.5,
        gap: 2.5,
        criteria: [
          criterionReport({ id: 'E1.1' }),
          criterionReport({
            id: 'E1.2',
            n: 50,
            satisfied: 30,
            index: 60,
            interval: { low: 46.2, high: 72.4 },
            gap: -25,
            additionalNeeded: 84,
            standing: 'below',
            levelCounts: [5, 5, 10, 20, 10],
          }),
          criterionReport({
            id: 'E1.3',
            n: 0,
            satisfied: 0,
            index: null,
            interval: null,
            gap: null,
            additionalNeeded: null,
            standing: 'no-data',
            levelCounts: [0, 0, 0, 0, 0],
          }),
        ],
      },
    ],
    criteriaWithoutAnswers: ['E1.3'],
    quick: {
      questionnaireId: 'counter-rating',
      method: { id: 'counter-rating-2025', version: 1, name: { vi: 'Đánh giá nhanh tại quầy (3 mức)', en: 'Counter rating (3 levels)' } },
      title: { vi: 'Đánh giá nhanh tại quầy', en: 'Counter rating' },
      n: 8,
      satisfied: 7,
      index: 87.5,
      interval: { low: 52.9, high: 97.8 },
      levelCounts: [1, 3, 4],
      verdict: 'not-conclusive',
    },
    ranking: {
      minimumSample: 30,
      rows: [
        {
          unitId: 'xa-a',
          name: { vi: 'Xã A' },
          responses: 80,
          n: 75,
          index: 91.2,
          rank: 1,
          reason: null,
          quickIndex: null,
          quickN: 0,
          previousRank: 2,
          block: 'commune',
          blockRank: null,
        },
        {
          unitId: 'xa-b',
          name: { vi: 'Xã B' },
          responses: 12,
          n: 12,
          index: 95,
          rank: null,
          reason: 'below-minimum-sample',
          quickIndex: null,
          quickN: 0,
          previousRank: null,
          block: 'commune',
          blockRank: null,
        },
        {
          unitId: 'xa-c',
          name: { vi: 'Xã C' },
          responses: 0,
          n: 0,
          index: null,
          rank: null,
          reason: 'no-data',
          quickIndex: null,
          quickN: 0,
          previousRank: null,
          block: 'commune',
          blockRank: null,
        },
      ],
    },
    trend: {
      granularity: 'week',
      target: 85,
      points: [{ period: '2026-06-29', from: '2026-07-01', to: '2026-07-05', responses: 4, index: 80, themes: [] }],
    },
    improvements: [
      { optionId: 'shorter-time', text: { vi: 'Rút ngắn thời gian giải quyết' }, count: 9 },
      { optionId: 'online', text: { vi: 'Thêm dịch vụ trực tuyến' }, count: 0 },
    ],
    comments: [
      {
        responseId: 'r-newest',
        themesCorrected: false,
        submittedAt: '2026-07-20T03:00:00.000Z',
        localDay: '2026-07-20',
        text: 'Mới nhất <b>không đậm</b>',
        ...commentPlace,
        dissatisfied: false,
        themes: [],
      },
      {
        responseId: 'r-older',
        themesCorrected: false,
        submittedAt: '2026-07-02T03:00:00.000Z',
        localDay: '2026-07-02',
        text: 'Cũ hơn',
        ...commentPlace,
        dissatisfied: true,
        themes: [],
      },
    ],
    commentsTruncated: false,
    commentThemes: [],
    flagged: { count: 0, byReason: [] },
    flaggedExcluded: false,
    ...overrides,
  };
}

export function unitTreeReply(): UnitTreeReply {
  return {
    rootIds: ['tinh'],
    units: [
      {
        id: 'tinh',
        parentId: null,
        kind: 'province',
        name: { vi: 'Tỉnh Demo' },
        timeZone: 'Asia/Ho_Chi_Minh',
        mergedIntoId: null,
        fullQuestionnaireId: null,
        quickQuestionnaireId: null,
        agencyCode: null,
        dossierLinkMode: null,
      },
      {
        id: 'xa-a',
        parentId: 'tinh',
        kind: 'commune',
        name: { vi: 'Xã A' },
        timeZone: 'Asia/Ho_Chi_Minh',
        mergedIntoId: null,
        fullQuestionnaireId: null,
        quickQuestionnaireId: null,
        agencyCode: null,
        dossierLinkMode: null,
      },
    ],
    serviceFields: [{ id: 'ho-tich', name: { vi: 'Hộ tịch' } }],
    procedures: [{ id: '1.001193', serviceFieldId: 'ho-tich', name: { vi: 'Đăng ký khai sinh' } }],
    questionnaires: [{ id: 'sipas', version: 1, mode: 'full', title: { vi: 'Khảo sát SIPAS' }, locales: { vi: 'reviewed' } }],
  };
}

export interface StubbedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A fetch that answers by method and path with contract-shaped JSON, recording every request. */
export function stubFetch(answer: (request: StubbedRequest) => { status: number; body?: unknown; headers?: Record<string, string> }) {
  const requests: StubbedRequest[] = [];
  const fetchStub = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const request: StubbedRequest = {
      method: init.method ?? 'GET',
      url: String(input),
      headers: Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([key, value]) => [key.toLowerCase(), value])),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(request);
    const { status, body, headers } = answer(request);
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
  };
  return { fetchStub, requests };
}
