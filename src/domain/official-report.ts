import { formatIndex } from './format.ts';
import { localDayOf } from './local-day.ts';
import { localize } from './localize.ts';
import type { RankingRow, ReportReply } from './manage-api.ts';
import { rankChange } from './report-headline.ts';
import { channelShares } from './response-channel.ts';
import { OFFICIAL_REPORT_LABELS, type OfficialReportLabels } from './official-report-labels.ts';

/**
 * The official ranked report (the A4 PDF a Department of Home Affairs circulates), laid out from the same
 * report reply the dashboard shows: which sections, rows and words, in which order, every figure already
 * written as a person reads it (63,67%, 05/12/2026). The PDF builder only draws what this says, so the
 * rules live here and are tested without a PDF. The report number counts the unit's earlier PDF reports
 * of the calendar year (in the unit's zone).
 */

export type OfficialReportLanguage = 'vi' | 'en';

export interface OfficialReportTable {
  columns: string[];
  /** The column that takes the width left over (a name or a criterion's text). */
  stretch: number;
  rows: { cells: string[]; emphasis: boolean }[];
}

export interface OfficialReportSection {
  heading: string;
  paragraphs: string[];
  tables: { caption: string | null; table: OfficialReportTable }[];
}

export interface OfficialReportLayout {
  language: OfficialReportLanguage;
  /** Left of the header: the issuing unit and the report number ("Số: 3/BC-SIPAS"). */
  issuer: string;
  number: string;
  /** Right of the header: the national motto and the place-and-date line. */
  motto: [string, string];
  dateLine: string;
  title: string;
  subtitle: string;
  sections: OfficialReportSection[];
  signatures: { title: string; hint: string }[];
}

export interface OfficialReportContext {
  /** The query's locale: English labels for 'en…', Vietnamese otherwise; names localised alike. */
  locale: string;
  reportNumber: number;
  generatedAt: Date;
}

/** The labels' language for a query locale: English only when asked for, Vietnamese first. */
export function officialReportLanguage(locale: string): OfficialReportLanguage {
  return locale.toLowerCase().startsWith('en') ? 'en' : 'vi';
}

/** 'YYYY-MM-DD' as 05/12/2026, the way Vietnamese documents write a day. */
export function dayAsVietnamese(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

/**
 * The number of the next PDF report of a unit: one more than its reports generated earlier in the same
 * calendar year, the year read in the unit's zone (a report at 23:30 on 31 December in Hà Nội is that
 * year's). `earlier` are the audit entries of earlier generations, any unit, any year.
 */
export function nextReportNumber(
  earlier: readonly { at: string; unitId: unknown }[],
  unitId: string,
  now: Date,
  timeZone: string,
): { number: number; year: number } {
  const year = localYearOf(now.toISOString(), timeZone);
  const sameUnitAndYear = earlier.filter((entry) => entry.unitId === unitId && localYearOf(entry.at, timeZone) === year);
  return { number: sameUnitAndYear.length + 1, year };
}

function localYearOf(instant: string, timeZone: string): number {
  return Number(localDayOf(instant, timeZone).slice(0, 4));
}

export function officialReportLayout(report: ReportReply, context: OfficialReportContext): OfficialReportLayout {
  const language = officialReportLanguage(context.locale);
  const labels = OFFICIAL_REPORT_LABELS[language];
  const name = (text: Parameters<typeof localize>[0]) => localize(text, language);
  const today = localDayOf(context.generatedAt.toISOString(), report.unit.timeZone);
  const write = writers(language);
  const sections: OfficialReportSection[] = [generalSection(report, labels, write, name), elementsSection(report, labels, write, name)];
  const ranking = rankingSection(report, labels, write, name);
  if (ranking) sections.push(ranking);
  sections.push(weakestSection(report, labels, write, name));
  const voices = voicesSection(report, labels, write, name);
  if (voices) sections.push(voices);
  sections.push(methodSection(report, labels, name));
  return {
    language,
    issuer: name(report.unit.name).toLocaleUpperCase(language),
    number: labels.number(context.reportNumber),
    motto: labels.motto,
    dateLine: labels.dateLine(today),
    title: labels.title,
    subtitle: labels.period(dayAsVietnamese(report.period.from), dayAsVietnamese(report.period.to)),
    sections,
    signatures: [
      { title: labels.preparedBy, hint: labels.signHint },
      { title: labels.head, hint: labels.signHint },
    ],
  };
}

/** "Trang 1/3": the footer of every page. */
export function pageLabel(page: number, pages: number, locale: string): string {
  return OFFICIAL_REPORT_LABELS[officialReportLanguage(locale)].page(page, pages);
}

interface Writers {
  index: (value: number | null) => string;
  count: (value: number) => string;
  points: (value: number | null) => string;
  interval: (interval: { low: number; high: number } | null) => string;
}

function writers(language: OfficialReportLanguage): Writers {
  const counts = new Intl.NumberFormat(language);
  const points = new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
  return {
    index: (value) => formatIndex(value, language),
    count: (value) => counts.format(value),
    points: (value) => (value === null ? '—' : points.format(value)),
    interval: (interval) => (interval === null ? '—' : `${formatIndex(interval.low, language)} – ${formatIndex(interval.high, language)}`),
  };
}

type Name = (text: Parameters<typeof localize>[0]) => string;

/** The cells of a measured figure: its count, index and interval, the target, the gap to it and the verdict. */
function measuredCells(
  write: Writers,
  figure: { n: number; index: number | null; interval: { low: number; high: number } | null },
  target: number | null,
  gap: string,
  verdict: string,
): string[] {
  return [write.count(figure.n), write.index(figure.index), write.interval(figure.interval), write.index(target), gap, verdict];
}

function row(cells: string[], emphasis = false) {
  return { cells, emphasis };
}

function generalSection(report: ReportReply, labels: OfficialReportLabels, write: Writers, name: Name): OfficialReportSection {
  const overall = report.overall;
  const paragraphs = [
    `${labels.unit}: ${name(report.unit.name)}`,
    `${labels.periodLabel}: ${labels.period(dayAsVietnamese(report.period.from), dayAsVietnamese(report.period.to))}`,
    `${labels.scope}: ${report.filters.includeSubunits ? labels.withSubunits : labels.unitOnly}`,
    `${labels.responses}: ${write.count(report.responses.complete)}`,
    report.flaggedExcluded ? labels.flaggedExcluded(write.count(report.flagged.count)) : labels.flaggedIncluded(write.count(report.flagged.count)),
  ];
  if (report.filters.serviceFieldId) paragraphs.push(`${labels.serviceField}: ${report.filters.serviceFieldId}`);
  if (report.filters.procedureId) paragraphs.push(`${labels.procedure}: ${report.filters.procedureId}`);
  if (report.filters.channel) paragraphs.push(`${labels.channel}: ${labels.channels[report.filters.channel]}`);
  // The mix is said whenever the answers came by more than one way, whatever channel the figures keep to.
  const mix = channelShares(report.channels);
  if (mix.length > 1) {
    const parts = mix.map((entry) => `${labels.channels[entry.channel]} ${write.count(entry.complete)} (${write.index(entry.share)})`);
    paragraphs.push(`${labels.channelMix}: ${parts.join('; ')}`);
  }
  const previous = report.headline.previous;
  const table: OfficialReportTable = {
    columns: [labels.indicator, labels.n, labels.index, labels.interval, labels.target, labels.gap, labels.verdict],
    stretch: 0,
    rows: [
      row([labels.sipasIndex, ...measuredCells(write, overall, overall.target, write.points(overall.gap), labels.standing[overall.verdict])], true),
      row([
        labels.previousIndex(dayAsVietnamese(previous.period.from), dayAsVietnamese(previous.period.to)),
        write.count(previous.n),
        write.index(previous.index),
        '',
        write.index(overall.target),
        '',
        labels.standing[previous.verdict],
      ]),
    ],
  };
  if (report.quick) {
    table.rows.push(
      row([
        `${labels.quickIndex} (${name(report.quick.title)})`,
        ...measuredCells(write, report.quick, overall.target, '', labels.standing[report.quick.verdict]),
      ]),
    );
  }
  return { heading: labels.generalHeading, paragraphs, tables: [{ caption: null, table }] };
}

function elementsSection(report: ReportReply, labels: OfficialReportLabels, write: Writers, name: Name): OfficialReportSection {
  const rows: OfficialReportTable['rows'] = [];
  for (const element of report.elements) {
    rows.push(
      row(
        [element.id, name(element.title), '', write.index(element.index), '', write.index(report.overall.target), write.points(element.gap), ''],
        true,
      ),
    );
    for (const criterion of element.criteria) {
      rows.push(
        row([
          criterion.id,
          name(criterion.text),
          ...measuredCells(write, criterion, criterion.target, write.points(criterion.gap), labels.standing[criterion.standing]),
        ]),
      );
    }
  }
  const paragraphs = report.criteriaWithoutAnswers.length > 0 ? [labels.withoutAnswers(report.criteriaWithoutAnswers.join(', '))] : [];
  return {
    heading: labels.elementsHeading,
    paragraphs,
    tables: [
      {
        caption: null,
        table: {
          columns: [labels.code, labels.elementOrCriterion, labels.n, labels.index, labels.interval, labels.target, labels.gap, labels.verdict],
          stretch: 1,
          rows,
        },
      },
    ],
  };
}

/**
 * The sub-units ranked on the SIPAS index. When the ranking holds both agencies and communes/wards each block
 * gets its own table ranked within it (rows keep the reply's best-first order); units below the minimum
 * sample are listed unranked with the reason. The change counts places in the overall ranking, the only
 * previous rank the reply keeps.
 */
function rankingSection(report: ReportReply, labels: OfficialReportLabels, write: Writers, name: Name): OfficialReportSection | null {
  const rows = report.ranking.rows;
  if (rows.length === 0) return null;
  const byBlock = rows.some((candidate) => candidate.blockRank !== null);
  const rankingRow = (unit: RankingRow) => {
    const rank = byBlock ? unit.blockRank : unit.rank;
    return row([
      rank === null ? '—' : String(rank),
      name(unit.name),
      write.index(unit.index),
      write.count(unit.n),
      ...(byBlock ? [unit.rank === null ? '—' : String(unit.rank)] : []),
      unit.previousRank === null ? '—' : String(unit.previousRank),
      changeText(rankChange(unit.rank, unit.previousRank)),
      unit.reason === null ? '' : labels.reason[unit.reason],
    ]);
  };
  const columns = [
    labels.rank,
    labels.unitColumn,
    labels.index,
    labels.n,
    ...(byBlock ? [labels.overallRank] : []),
    labels.previousRank,
    labels.change,
    labels.note,
  ];
  const tables = byBlock
    ? (['agency', 'commune', null] as const)
        .map((block) => ({ block, members: rows.filter((candidate) => candidate.block === block) }))
        .filter(({ members }) => members.length > 0)
        .map(({ block, members }) => ({ caption: labels.block[block ?? 'other'], table: { columns, stretch: 1, rows: members.map(rankingRow) } }))
    : [{ caption: null, table: { columns, stretch: 1, rows: rows.map(rankingRow) } }];
  return { heading: labels.rankingHeading, paragraphs: [labels.minimumRule(write.count(report.ranking.minimumSample))], tables };
}

/** Places gained since the previous period: "+3" up, "-2" down, "0" unchanged, "—" not ranked in one of them. */
function changeText(change: number | null): string {
  if (change === null) return '—';
  return change > 0 ? `+${change}` : String(change);
}

function weakestSection(report: ReportReply, labels: OfficialReportLabels, write: Writers, name: Name): OfficialReportSection {
  const weakest = report.headline.weakestCriteria;
  if (weakest.length === 0)
    return { heading: labels.weakestHeading, paragraphs: [labels.noWeakest(write.count(report.headline.minimumSample))], tables: [] };
  return {
    heading: labels.weakestHeading,
    paragraphs: [labels.weakestRule(write.count(report.headline.minimumSample))],
    tables: [
      {
        caption: null,
        table: {
          columns: [labels.code, labels.criterion, labels.n, labels.index],
          stretch: 1,
          rows: weakest.map((criterion) =>
            row([criterion.criterionId, name(criterion.text), write.count(criterion.n), write.index(criterion.index)]),
          ),
        },
      },
    ],
  };
}

/** What people ask to improve and what their comments are about, when the period has any. */
function voicesSection(report: ReportReply, labels: OfficialReportLabels, write: Writers, name: Name): OfficialReportSection | null {
  const tables: OfficialReportSection['tables'] = [];
  const asks = report.improvements.filter((item) => item.count > 0).slice(0, 5);
  if (asks.length > 0) {
    tables.push({
      caption: labels.improvementsCaption,
      table: { columns: [labels.ask, labels.times], stretch: 0, rows: asks.map((item) => row([name(item.text), write.count(item.count)])) },
    });
  }
  const themes = report.commentThemes.slice(0, 5);
  if (themes.length > 0) {
    tables.push({
      caption: labels.themesCaption,
      table: {
        columns: [labels.theme, labels.comments],
        stretch: 0,
        rows: themes.map((item) => row([labels.themes[item.theme], write.count(item.count)])),
      },
    });
  }
  return tables.length === 0 ? null : { heading: labels.voicesHeading, paragraphs: [], tables };
}

function methodSection(report: ReportReply, labels: OfficialReportLabels, name: Name): OfficialReportSection {
  const questionnaire = report.questionnaire;
  return {
    heading: labels.methodHeading,
    paragraphs: [
      labels.questionnaire(name(questionnaire.title), questionnaire.id, questionnaire.version),
      labels.scoring(name(report.method.name), report.method.id, report.method.version),
      labels.intervalNote,
    ],
    tables: [],
  };
}
