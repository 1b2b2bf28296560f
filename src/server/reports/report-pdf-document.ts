import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { pageLabel, type OfficialReportLayout, type OfficialReportTable } from '../../domain/official-report.ts';

/**
 * The pdfmake document of an official report: A4 portrait, the administrative header of a Vietnamese
 * report (issuer and number left, national motto and date right), the sections as laid out by
 * domain/official-report.ts, the signature block, and "Trang 1/3" in every footer. Drawing only: every
 * word and figure comes from the layout.
 */

export const REPORT_FONT = 'NotoSans';
/** Columns whose cells are all at most this long (figures, intervals, verdicts) stay on one line. */
const SHORT_CELL = 20;

/**
 * Noto Sans's glyph composition (OpenType ccmp) draws a precomposed letter such as "ị" as "i" plus a dot
 * below; pdfkit then maps the "i" glyph to whichever text first used it, and a copied or extracted text
 * reads "dich vu" for "dịch vụ" or "Nơị" for "Nơi". Without ccmp every Vietnamese letter is its own
 * precomposed glyph (the font has them all), which prints the same and extracts exactly. fontkit takes an
 * object that switches a feature off; the types only know the list form.
 */
function withoutGlyphComposition(): TDocumentDefinitions['defaultStyle'] {
  return { fontFeatures: { ccmp: false } as unknown as NonNullable<NonNullable<TDocumentDefinitions['defaultStyle']>['fontFeatures']> };
}

export function reportPdfDocument(layout: OfficialReportLayout): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [50, 40, 40, 50],
    language: layout.language,
    info: { title: layout.title, subject: `${layout.issuer} ${layout.number}`, creator: 'SIPAS Collect' },
    defaultStyle: { ...withoutGlyphComposition(), font: REPORT_FONT, fontSize: 9, lineHeight: 1.15 },
    styles: {
      heading: { bold: true, fontSize: 10.5, margin: [0, 12, 0, 4] },
      caption: { bold: true, margin: [0, 6, 0, 3] },
      tableHeader: { bold: true, fillColor: '#eeeeee', alignment: 'center' },
    },
    footer: (currentPage: number, pageCount: number) => ({
      text: pageLabel(currentPage, pageCount, layout.language),
      alignment: 'center',
      fontSize: 8,
      margin: [0, 20, 0, 0],
    }),
    content: [header(layout), ...layout.sections.flatMap(sectionContent), signatureBlock(layout)],
  };
}

function header(layout: OfficialReportLayout): Content[] {
  return [
    {
      columns: [
        {
          width: '45%',
          stack: [
            { text: layout.issuer, bold: true },
            { text: layout.number, margin: [0, 4, 0, 0] },
          ],
          alignment: 'center',
        },
        {
          width: '55%',
          stack: [
            { text: layout.motto[0], bold: true },
            { text: layout.motto[1], bold: true },
            { text: layout.dateLine, margin: [0, 6, 0, 0] },
          ],
          alignment: 'center',
        },
      ],
    },
    { text: layout.title, bold: true, fontSize: 13, alignment: 'center', margin: [0, 18, 0, 2] },
    { text: layout.subtitle, alignment: 'center', margin: [0, 0, 0, 6] },
  ];
}

function sectionContent(section: OfficialReportLayout['sections'][number]): Content[] {
  return [
    { text: section.heading, style: 'heading' },
    ...section.paragraphs.map((paragraph): Content => ({ text: paragraph, margin: [0, 0, 0, 2] })),
    ...section.tables.flatMap(({ caption, table }): Content[] => [...(caption ? [{ text: caption, style: 'caption' }] : []), tableContent(table)]),
  ];
}

function tableContent(table: OfficialReportTable): Content {
  // Columns of figures and short words keep their width on one line; the columns of names and notes share
  // what is left and wrap.
  const wraps = table.columns.map(
    (_, position) => position === table.stretch || table.rows.some((row) => (row.cells[position] ?? '').length > SHORT_CELL),
  );
  const headerRow: TableCell[] = table.columns.map((column) => ({ text: column, style: 'tableHeader' }));
  const bodyRows: TableCell[][] = table.rows.map((row) =>
    row.cells.map((cell, position): TableCell => ({
      text: cell,
      bold: row.emphasis,
      alignment: wraps[position] || position === 0 ? 'left' : 'right',
      noWrap: !wraps[position],
    })),
  );
  return {
    table: { headerRows: 1, widths: wraps.map((wrap) => (wrap ? '*' : 'auto')), body: [headerRow, ...bodyRows], dontBreakRows: true },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      hLineColor: () => '#999999',
      vLineColor: () => '#999999',
      paddingLeft: () => 3,
      paddingRight: () => 3,
    },
    margin: [0, 2, 0, 4],
  };
}

function signatureBlock(layout: OfficialReportLayout): Content {
  return {
    columns: layout.signatures.map((signature) => ({
      width: '*',
      alignment: 'center',
      stack: [{ text: signature.title, bold: true }, { text: signature.hint }],
    })),
    margin: [0, 28, 0, 0],
    unbreakable: true,
  };
}
