import { localDayBoundsUtc, localDayOf } from '../../domain/local-day.ts';
import { SCALES, type Questionnaire, type ScaleKind } from '../../domain/questionnaire.ts';
import type { SurveyResponse } from '../../domain/response.ts';
import { isDissatisfied } from '../../domain/report-headline.ts';

/**
 * Generated, plausible history for the demo: working-hour answers over past days, mostly satisfied, with
 * some elements weaker than others so the dashboard has something to show. Deterministic for a given seed
 * and day, so two fresh demos look alike.
 */

const DAY_MS = 86_400_000;
/** The share of demo answers given with a clerk's help at the kiosk (the staff-assisted channel). */
const ASSISTED_SHARE = 1 / 15;

/** mulberry32: tiny, fast, and good enough to make demo data look random. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A UUID v7 from a timestamp and the seeded generator, so demo ids are reproducible and time-ordered. */
export function seededUuidV7(epochMs: number, random: () => number): string {
  const hex = (digits: number) => Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join('');
  const time = epochMs.toString(16).padStart(12, '0').slice(-12);
  const variant = (8 + Math.floor(random() * 4)).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A level drawn so that most people are satisfied; `mood` shifts an element up or down. */
function levelOn(scale: ScaleKind, random: () => number, mood: number): number {
  const levels = SCALES[scale].levels;
  const weights = scale === 'five-level' ? [0.03, 0.05, 0.12 + mood, 0.45, 0.35 - mood] : [0.1 + mood, 0.45, 0.45 - mood];
  let draw = random() * weights.reduce((sum, weight) => sum + weight, 0);
  for (const [index, weight] of weights.entries()) {
    draw -= weight;
    if (draw <= 0) return levels[index]!;
  }
  return levels[levels.length - 1]!;
}

/** What someone who rated a criterion below the middle writes: the dashboard lists these as complaints. */
const DEMO_COMPLAINTS = [
  'Chỗ ngồi chờ hơi chật vào buổi sáng.',
  'Mong có thêm máy lấy số thứ tự.',
  'Nên niêm yết rõ hơn mức phí, lệ phí.',
  'Thời gian chờ trả kết quả còn lâu.',
].map((text) => text.normalize('NFC'));
/** Anyone else may also thank the staff. */
const DEMO_COMMENTS = [
  ...DEMO_COMPLAINTS,
  ...['Cán bộ hướng dẫn nhiệt tình, chu đáo.', 'Thủ tục nhanh hơn lần trước, cảm ơn.'].map((text) => text.normalize('NFC')),
];

/** Elements some units do worse on: access and feedback handling, as surveys commonly find. */
const ELEMENT_MOOD: Record<string, number> = { E1: 0.12, E5: 0.08 };

function answersFor(questionnaire: Questionnaire, random: () => number, complete: boolean): SurveyResponse['answers'] {
  const answers: SurveyResponse['answers'] = {};
  for (const element of questionnaire.elements) {
    for (const criterion of element.criteria) {
      // About one criterion in twelve is left as "does not apply".
      if (random() < 0.08) continue;
      answers[criterion.id] = levelOn(element.scale, random, ELEMENT_MOOD[element.id] ?? 0);
    }
  }
  if (!complete) {
    // Someone walked away: keep only the first few answers.
    const kept = Object.keys(answers).slice(0, 3 + Math.floor(random() * 5));
    return Object.fromEntries(kept.map((id) => [id, answers[id]!]));
  }
  // A thank-you under "what people complain about" would make the demo look broken.
  const comments = isDissatisfied(questionnaire, answers) ? DEMO_COMPLAINTS : DEMO_COMMENTS;
  for (const question of questionnaire.sections.flatMap((section) => section.questions)) {
    if (question.kind === 'scale') answers[question.id] = levelOn(question.scale, random, 0);
    else if (question.kind === 'single-choice' && random() < 0.6) answers[question.id] = pick(random, question.options).id;
    else if (question.kind === 'multiple-choice' && random() < 0.7) {
      const count = 1 + Math.floor(random() * question.maxChoices);
      answers[question.id] = [...new Set(Array.from({ length: count }, () => pick(random, question.options).id))];
    } else if (question.kind === 'free-text' && random() < 0.15) answers[question.id] = pick(random, comments);
  }
  return answers;
}

export interface DemoHistoryPlan {
  device: { id: string; unitId: string };
  questionnaire: Questionnaire;
  counterIds: readonly string[];
  serviceFieldIds: readonly string[];
  /** Procedures of those fields: about half the answers in a field that has some name one. */
  procedures: readonly { id: string; serviceFieldId: string }[];
  /**
   * The unit's agency code when its kiosk asks for the dossier code: most complete answers then carry one,
   * as a one-stop system prints it (agency code, receipt day yymmdd, serial).
   */
  dossierCodeAgency?: string;
  timeZone: string;
  days: number;
  /** Average answers per working day. */
  perDay: number;
  seed: number;
  now: Date;
}

export interface DemoDay {
  localDay: string;
  responses: SurveyResponse[];
}

/** Answers per local day, oldest first, numbered 1, 2, 3, … like the tablet numbers them. */
export function demoHistory(plan: DemoHistoryPlan): DemoDay[] {
  const random = seededRandom(plan.seed);
  // Its own sequence, so the procedures leave every other drawn value as it was without them.
  const procedureRandom = seededRandom(plan.seed + 1);
  const dossierRandom = seededRandom(plan.seed + 2);
  const assistRandom = seededRandom(plan.seed + 3);
  const days: DemoDay[] = [];
  let sequence = 0;
  for (let daysAgo = plan.days - 1; daysAgo >= 0; daysAgo -= 1) {
    const localDay = localDayOf(new Date(plan.now.getTime() - daysAgo * DAY_MS).toISOString(), plan.timeZone);
    const weekday = new Date(`${localDay}T00:00:00.000Z`).getUTCDay();
    // One-stop counters work Monday to Friday and Saturday morning.
    const expected = weekday === 0 ? 0 : weekday === 6 ? plan.perDay / 3 : plan.perDay;
    const count = Math.max(0, Math.round(expected * (0.5 + random())));
    const opening = Date.parse(localDayBoundsUtc(localDay, plan.timeZone).startUtcIso) + 7.5 * 3_600_000;
    const times = Array.from({ length: count }, () => opening + Math.floor(random() * 9 * 3_600_000)).sort((a, b) => a - b);
    const responses: SurveyResponse[] = [];
    for (const submittedMs of times) {
      if (submittedMs > plan.now.getTime()) continue;
      const complete = random() > 0.05;
      const screens = plan.questionnaire.elements.map((element) => element.id);
      const durations = Object.fromEntries(screens.map((screen) => [screen, 4_000 + Math.floor(random() * 20_000)]));
      const totalMs = Object.values(durations).reduce((sum, ms) => sum + ms, 0);
      sequence += 1;
      const response: SurveyResponse = {
        id: seededUuidV7(submittedMs, random),
        questionnaireId: plan.questionnaire.id,
        questionnaireVersion: plan.questionnaire.version,
        deviceId: plan.device.id,
        deviceSequence: sequence,
        unitId: plan.device.unitId,
        counterId: plan.counterIds.length > 0 ? pick(random, plan.counterIds) : null,
        serviceFieldId: plan.serviceFieldIds.length > 0 ? pick(random, plan.serviceFieldIds) : null,
        locale: random() < 0.92 ? 'vi' : 'en',
        startedAt: new Date(submittedMs - totalMs).toISOString(),
        submittedAt: new Date(submittedMs).toISOString(),
        complete,
        answers: answersFor(plan.questionnaire, random, complete),
        screenDurationsMs: durations,
        dossierCode: null,
        procedureId: null,
        channel: assistRandom() < ASSISTED_SHARE ? 'staff-assisted' : 'kiosk',
      };
      const fieldProcedures = plan.procedures.filter((procedure) => procedure.serviceFieldId === response.serviceFieldId);
      if (fieldProcedures.length > 0 && procedureRandom() < 0.5) response.procedureId = pick(procedureRandom, fieldProcedures).id;
      if (plan.dossierCodeAgency && complete && dossierRandom() < 0.8) {
        const serial = String(responses.length + 1).padStart(4, '0');
        response.dossierCode = `${plan.dossierCodeAgency}-${localDay.slice(2).replaceAll('-', '')}-${serial}`;
      }
      responses.push(response);
    }
    if (responses.length > 0) days.push({ localDay, responses });
  }
  return days;
}
