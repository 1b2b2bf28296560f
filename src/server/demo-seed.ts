import { upsertProcedure } from './db/units-admin-repository.ts';
import type { Kysely } from 'kysely';
import { DEFAULT_KIOSK_SETTINGS, type KioskSettings } from '../domain/kiosk-settings.ts';
import { localDayOf } from '../domain/local-day.ts';
import type { LocalizedText } from '../domain/questionnaire.ts';
import { enrolDevice, issueEnrolmentCode } from './enrolment/enrolment.ts';
import { createAccount } from './auth/create-account.ts';
import { DEMO_PASSWORD } from './auth/demo-password.ts';
import { QuestionnaireCatalog } from './db/questionnaires-repository.ts';
import type { Database } from './db/schema.ts';
import { insertCounter, insertServiceField, insertUnit, offerServiceFields, saveKioskSettings, setTarget } from './db/units-repository.ts';
import { demoHistory } from './demo/demo-history.ts';
import { ingestBatch } from './sync/ingest-batch.ts';
import { hasRatedCriterion } from '../domain/survey-flow.ts';
import { dossierLinkDeviceId, linkQuestionnaireOf, storeDossierRating } from './dossier-links/dossier-ratings.ts';

/**
 * A demo province a newcomer can explore at once: a department and two communes/wards with their
 * one-stop centres and counters, the usual service fields, targets, kiosk settings, and enrolled demo
 * tablets whose history went through the same ingest path as real uploads.
 */

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** A name in Vietnamese and English, and in Khmer for the names citizens see on a Khmer kiosk. */
const vi = (vietnamese: string, english: string, khmer?: string): LocalizedText => ({
  vi: vietnamese.normalize('NFC'),
  en: english,
  ...(khmer ? { km: khmer } : {}),
});

export const DEMO_PROVINCE_ID = 'demo-province';
/** The centre whose kiosk link main.ts prints. */
export const DEMO_KIOSK_UNIT_ID = 'demo-an-hoa-centre';

interface DemoCentre {
  parent: { id: string; kind: string; name: LocalizedText };
  /** agencyCode: its demo code under Decision 20/2020/QĐ-TTg ("H99": no real province has it). */
  centre: { id: string; name: LocalizedText; agencyCode?: string };
  counters: number;
}

const CENTRES: DemoCentre[] = [
  {
    parent: { id: 'demo-so-tu-phap', kind: 'agency', name: vi('Sở Tư pháp', 'Department of Justice') },
    centre: {
      id: 'demo-so-tu-phap-mot-cua',
      name: vi('Bộ phận Một cửa Sở Tư pháp', 'One-stop desk of the Department of Justice', 'ផ្នែកច្រកចេញចូលតែមួយ មន្ទីរយុត្តិធម៌'),
      agencyCode: '000.00.31.H99',
    },
    counters: 2,
  },
  {
    parent: { id: 'demo-phuong-an-hoa', kind: 'ward', name: vi('Phường An Hòa', 'An Hòa Ward') },
    centre: {
      id: DEMO_KIOSK_UNIT_ID,
      name: vi(
        'Trung tâm Phục vụ hành chính công phường An Hòa',
        'Public Administrative Service Centre of An Hòa Ward',
        'មជ្ឈមណ្ឌលបម្រើសេវារដ្ឋបាលសាធារណៈ សង្កាត់ An Hòa',
      ),
    },
    counters: 3,
  },
  {
    parent: { id: 'demo-xa-tan-phu', kind: 'commune', name: vi('Xã Tân Phú', 'Tân Phú Commune') },
    centre: { id: 'demo-tan-phu-mot-cua', name: vi('Bộ phận Một cửa xã Tân Phú', 'One-stop desk of Tân Phú Commune', 'ផ្នែកច្រកចេញចូលតែមួយ ឃុំ Tân Phú') },
    counters: 2,
  },
];

const SERVICE_FIELDS: { id: string; name: LocalizedText }[] = [
  { id: 'dat-dai', name: vi('Đất đai', 'Land', 'ដីធ្លី') },
  { id: 'ho-tich', name: vi('Hộ tịch', 'Civil status', 'អត្រានុកូលដ្ឋាន') },
  { id: 'tu-phap', name: vi('Tư pháp', 'Justice', 'យុត្តិធម៌') },
  { id: 'dang-ky-kinh-doanh', name: vi('Đăng ký kinh doanh', 'Business registration', 'ការចុះបញ្ជីអាជីវកម្ម') },
  { id: 'xay-dung', name: vi('Xây dựng', 'Construction', 'សំណង់') },
  { id: 'bao-hiem-xa-hoi', name: vi('Bảo hiểm xã hội', 'Social insurance', 'ធានារ៉ាប់រងសង្គម') },
  { id: 'lao-dong-tbxh', name: vi('Lao động – Thương binh và Xã hội', 'Labour, invalids and social affairs', 'ការងារ អតីតយុទ្ធជន និងកិច្ចការសង្គម') },
  { id: 'khac', name: vi('Khác', 'Other', 'ផ្សេងៗ') },
];

/** A few procedures (thủ tục hành chính) of the busiest fields, so the report can be filtered by one. */
const PROCEDURES: { id: string; serviceFieldId: string; name: LocalizedText }[] = [
  { id: '1.001193', serviceFieldId: 'ho-tich', name: vi('Đăng ký khai sinh', 'Birth registration', 'ការចុះបញ្ជីកំណើត') },
  { id: '1.000894', serviceFieldId: 'ho-tich', name: vi('Đăng ký kết hôn', 'Marriage registration', 'ការចុះបញ្ជីអាពាហ៍ពិពាហ៍') },
  {
    id: '2.000635',
    serviceFieldId: 'ho-tich',
    name: vi('Cấp bản sao trích lục hộ tịch', 'Copy of a civil status extract', 'ការចេញច្បាប់ចម្លងដកស្រង់អត្រានុកូលដ្ឋាន'),
  },
  {
    id: '1.004227',
    serviceFieldId: 'dat-dai',
    name: vi('Đăng ký biến động quyền sử dụng đất', 'Registration of a change of land-use rights', 'ការចុះបញ្ជីការផ្លាស់ប្តូរសិទ្ធិប្រើប្រាស់ដី'),
  },
  {
    id: '1.003003',
    serviceFieldId: 'dat-dai',
    name: vi('Cấp Giấy chứng nhận quyền sử dụng đất lần đầu', 'First land-use right certificate', 'ការចេញវិញ្ញាបនបត្រសិទ្ធិប្រើប្រាស់ដីលើកដំបូង'),
  },
  {
    id: '2.000815',
    serviceFieldId: 'tu-phap',
    name: vi('Chứng thực bản sao từ bản chính', 'Certified copy of an original', 'ការបញ្ជាក់ច្បាប់ចម្លងពីច្បាប់ដើម'),
  },
  { id: '2.000884', serviceFieldId: 'tu-phap', name: vi('Chứng thực chữ ký', 'Signature certification', 'ការបញ្ជាក់ហត្ថលេខា') },
];

/** The department handles its own fields; the communes inherit the province's full list. */
const DEPARTMENT_FIELDS = ['tu-phap', 'ho-tich', 'khac'];

const KIOSK_SETTINGS: Record<string, Partial<KioskSettings>> = {
  // Citizens rate their dossier quickly, by its code, at the department's counter: the per-dossier export has rows.
  'demo-so-tu-phap-mot-cua': {
    mode: 'quick',
    dossierCode: { ask: 'optional', pattern: DEFAULT_KIOSK_SETTINGS.dossierCode.pattern },
    askProcedure: true,
  },
  [DEMO_KIOSK_UNIT_ID]: { counterId: 'demo-an-hoa-centre-quay-1' },
  'demo-tan-phu-mot-cua': { mode: 'quick' },
};

/** Demo tablets with history; their sequence numbers listed in `withheld` never arrive, so the ledger shows a gap. */
const DEMO_DEVICES = [
  {
    id: '0190f5a0-0000-7000-8000-0000000000a1',
    name: 'Máy tính bảng mẫu – An Hòa',
    unitId: DEMO_KIOSK_UNIT_ID,
    questionnaireId: 'sipas',
    perDay: 6,
    seed: 20_250_701,
    withheld: [] as number[],
  },
  {
    id: '0190f5a0-0000-7000-8000-0000000000b2',
    name: 'Máy tính bảng mẫu – Tân Phú',
    unitId: 'demo-tan-phu-mot-cua',
    questionnaireId: 'counter-rating',
    perDay: 4,
    seed: 20_250_702,
    withheld: [37, 38],
  },
  {
    id: '0190f5a0-0000-7000-8000-0000000000c3',
    name: 'Máy tính bảng mẫu – Sở Tư pháp',
    unitId: 'demo-so-tu-phap-mot-cua',
    questionnaireId: 'counter-rating',
    perDay: 5,
    seed: 20_250_703,
    withheld: [] as number[],
  },
];

const HISTORY_DAYS = 60;

/** The demo's dashboard accounts, printed at start so a newcomer can sign in at /manage. */
export const DEMO_ACCOUNTS = [
  { username: 'admin', password: DEMO_PASSWORD, displayName: 'Quản trị Demo', role: 'admin', unitId: null },
  { username: 'quanly-anhoa', password: DEMO_PASSWORD, displayName: 'Quản lý Phường An Hòa', role: 'manager', unitId: 'demo-phuong-an-hoa' },
] as const;

export interface DemoSummary {
  units: number;
  devices: number;
  responses: number;
  /** Of those responses, the ratings citizens gave on their phones through dossier links. */
  dossierLinkRatings: number;
}

export async function seedDemo(db: Kysely<Database>, now: Date = new Date()): Promise<DemoSummary> {
  const year = Number(localDayOf(now.toISOString(), TIME_ZONE).slice(0, 4));
  await insertUnit(db, { id: DEMO_PROVINCE_ID, parentId: null, kind: 'province', name: vi('Tỉnh Demo', 'Demo Province'), timeZone: TIME_ZONE });
  for (const [position, field] of SERVICE_FIELDS.entries()) await insertServiceField(db, { ...field, position });
  await offerServiceFields(
    db,
    DEMO_PROVINCE_ID,
    SERVICE_FIELDS.map((field) => field.id),
  );
  for (const procedure of PROCEDURES) await upsertProcedure(db, procedure);

  let units = 1;
  for (const [position, { parent, centre, counters }] of CENTRES.entries()) {
    await insertUnit(db, { ...parent, parentId: DEMO_PROVINCE_ID, timeZone: TIME_ZONE, position });
    await insertUnit(db, { ...centre, parentId: parent.id, kind: 'service-centre', timeZone: TIME_ZONE });
    units += 2;
    for (let number = 1; number <= counters; number += 1) {
      await insertCounter(db, {
        id: `${centre.id}-quay-${number}`,
        unitId: centre.id,
        name: vi(`Quầy ${number}`, `Counter ${number}`, `បញ្ជរ ${number}`),
        position: number,
      });
    }
    await saveKioskSettings(db, centre.id, { ...DEFAULT_KIOSK_SETTINGS, ...KIOSK_SETTINGS[centre.id] }, now);
  }
  await offerServiceFields(db, 'demo-so-tu-phap', DEPARTMENT_FIELDS);

  // Reform plans set "above 85%" for the province and a stricter 90% for some communes.
  await setTarget(db, { unitId: DEMO_PROVINCE_ID, questionnaireId: 'sipas', year, percent: 85 });
  await setTarget(db, { unitId: DEMO_PROVINCE_ID, questionnaireId: 'counter-rating', year, percent: 85 });
  await setTarget(db, { unitId: 'demo-phuong-an-hoa', questionnaireId: 'sipas', year, percent: 90 });

  for (const account of DEMO_ACCOUNTS) await createAccount(db, account, { now, actor: 'demo-seed' });

  let responses = 0;
  const catalog = new QuestionnaireCatalog(db);
  for (const device of DEMO_DEVICES) responses += await seedDemoDevice(db, catalog, device, now);
  const dossierLinkRatings = await seedDemoDossierLinkRatings(db, catalog, now);
  return { units, devices: DEMO_DEVICES.length, responses: responses + dossierLinkRatings, dossierLinkRatings };
}

/** The department whose one-stop system prints a dossier link on its result slips in the demo. */
const DEMO_LINK_UNIT_ID = 'demo-so-tu-phap-mot-cua';

/**
 * A month of ratings citizens gave on their phones through the dossier links on the department's result
 * slips (the unit's questionnaire for links: the full survey), stored as the dossier-link page stores them,
 * so the dashboard shows its channel mix and the per-dossier export has dossier-link rows.
 */
async function seedDemoDossierLinkRatings(db: Kysely<Database>, catalog: QuestionnaireCatalog, now: Date): Promise<number> {
  const { questionnaire } = await linkQuestionnaireOf(db, catalog, DEMO_LINK_UNIT_ID);
  const agencyCode = CENTRES.find(({ centre }) => centre.id === DEMO_LINK_UNIT_ID)?.centre.agencyCode ?? 'H99';
  const procedures = PROCEDURES.filter((procedure) => DEPARTMENT_FIELDS.includes(procedure.serviceFieldId));
  const days = demoHistory({
    device: { id: dossierLinkDeviceId(DEMO_LINK_UNIT_ID), unitId: DEMO_LINK_UNIT_ID },
    questionnaire,
    counterIds: [],
    serviceFieldIds: DEPARTMENT_FIELDS,
    procedures,
    timeZone: TIME_ZONE,
    days: 30,
    perDay: 3,
    seed: 2112,
    now,
  });
  let stored = 0;
  for (const { localDay, responses } of days) {
    for (const [serial, response] of responses.entries()) {
      if (!response.complete || !hasRatedCriterion(questionnaire, response.answers)) continue;
      const dossierCode = `${agencyCode}-${localDay.slice(2).replaceAll('-', '')}-${String(5001 + serial)}`;
      await storeDossierRating(db, catalog, {
        fields: {
          keyId: 'demo',
          unitId: DEMO_LINK_UNIT_ID,
          dossierCode,
          procedureCode: response.procedureId ?? procedures[0]!.id,
          issuedOn: localDay,
          expiresOn: localDay,
        },
        submission: {
          id: response.id,
          questionnaireId: response.questionnaireId,
          questionnaireVersion: response.questionnaireVersion,
          locale: response.locale,
          startedAt: response.startedAt,
          answers: response.answers,
          screenDurationsMs: response.screenDurationsMs,
        },
        receivedAt: new Date(response.submittedAt),
      });
      stored += 1;
    }
  }
  return stored;
}

/** A unit whose kiosk asks for the dossier code gets answers that carry one, under its agency code. */
function dossierCodesOf(unitId: string): { dossierCodeAgency?: string } {
  const agencyCode = CENTRES.find(({ centre }) => centre.id === unitId)?.centre.agencyCode;
  const asks = (KIOSK_SETTINGS[unitId]?.dossierCode?.ask ?? 'off') !== 'off';
  return asks && agencyCode ? { dossierCodeAgency: agencyCode } : {};
}

async function seedDemoDevice(
  db: Kysely<Database>,
  catalog: QuestionnaireCatalog,
  device: (typeof DEMO_DEVICES)[number],
  now: Date,
): Promise<number> {
  const enrolledAt = new Date(now.getTime() - (HISTORY_DAYS + 1) * 86_400_000);
  const { code } = await issueEnrolmentCode(db, { unitId: device.unitId, now: enrolledAt, actor: 'demo-seed' });
  await enrolDevice(db, { code, deviceId: device.id, deviceName: device.name }, enrolledAt);

  const questionnaire = (await catalog.listPublishedVersions([device.questionnaireId])).at(-1);
  if (!questionnaire) throw new Error(`the demo needs the bundled questionnaire "${device.questionnaireId}"`);
  const counterIds = (await db.selectFrom('counters').select('id').where('unit_id', '=', device.unitId).orderBy('position').execute()).map(
    (row) => row.id,
  );
  const serviceFieldIds = device.unitId === 'demo-so-tu-phap-mot-cua' ? DEPARTMENT_FIELDS : SERVICE_FIELDS.map((field) => field.id);
  const days = demoHistory({
    device: { id: device.id, unitId: device.unitId },
    questionnaire,
    counterIds,
    serviceFieldIds,
    procedures: PROCEDURES.filter((procedure) => serviceFieldIds.includes(procedure.serviceFieldId)),
    ...dossierCodesOf(device.unitId),
    timeZone: TIME_ZONE,
    days: HISTORY_DAYS,
    perDay: device.perDay,
    seed: device.seed,
    now,
  });

  let stored = 0;
  for (const day of days) {
    // Each day's answers arrive in one upload a few minutes after the last one, as a tablet online would.
    const last = day.responses.at(-1)!;
    const receivedAt = new Date(Math.min(Date.parse(last.submittedAt) + 5 * 60_000, now.getTime()));
    const delivered = day.responses.filter((response) => !device.withheld.includes(response.deviceSequence));
    const reply = await ingestBatch(db, catalog, {
      device: { id: device.id, unitId: device.unitId },
      batch: { deviceTime: receivedAt.toISOString(), highestIssuedSequence: last.deviceSequence, pendingCount: 0, responses: delivered },
      receivedAt,
    });
    const refused = reply.results.find((result) => result.status === 'rejected');
    if (refused) throw new Error(`demo history was refused: ${JSON.stringify(refused)}`);
    stored += delivered.length;
  }
  return stored;
}
