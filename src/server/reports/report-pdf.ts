import { createRequire } from 'node:module';
import type { OfficialReportLayout } from '../../domain/official-report.ts';
import { REPORT_FONT, reportPdfDocument } from './report-pdf-document.ts';

/**
 * Renders the official report as a PDF with pdfmake, loaded only when someone asks for a PDF so the server's
 * start-up never pays for it. Noto Sans (regular and bold, one TrueType file per weight, SIL OFL) is embedded
 * as subsets of the glyphs used, with their Unicode maps, so Vietnamese prints and extracts with its marks.
 * pdfmake reads nothing but these two files and fetches no URL.
 */

const require = createRequire(import.meta.url);
const FONT_FILES = {
  normal: require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
};

let loaded: Promise<typeof import('pdfmake')> | null = null;

function pdfmake(): Promise<typeof import('pdfmake')> {
  loaded ??= import('pdfmake').then((module) => {
    const printer = (module as { default?: typeof import('pdfmake') }).default ?? module;
    const allowed = new Set(Object.values(FONT_FILES));
    printer.setUrlAccessPolicy(() => false);
    printer.setLocalAccessPolicy((path) => allowed.has(path));
    // The report never asks for italics; they fall back to the upright faces rather than failing.
    printer.setFonts({
      [REPORT_FONT]: { normal: FONT_FILES.normal, bold: FONT_FILES.bold, italics: FONT_FILES.normal, bolditalics: FONT_FILES.bold },
    });
    return printer;
  });
  return loaded;
}

export async function renderReportPdf(layout: OfficialReportLayout): Promise<Buffer> {
  const printer = await pdfmake();
  return printer.createPdf(reportPdfDocument(layout)).getBuffer();
}
