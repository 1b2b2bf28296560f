import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './chromium.ts';
import { expectNoSeriousAxeViolations } from './kiosk-pages.ts';
import { freePort, startServer, temporarySqliteFile, type RunningServer } from './server-process.ts';
import { formatIndex, formatIndexForExport } from '../../src/domain/format.ts';
import { localDayOf } from '../../src/domain/local-day.ts';
import { reportReplySchema } from '../../src/domain/manage-api.ts';
import { questionnaireSchema } from '../../src/domain/questionnaire.ts';
import { scoreQuestionnaire } from '../../src/domain/scoring.ts';
import { tallyResponses } from '../../src/domain/tally.ts';

const WARD_ID = 'demo-phuong-an-hoa';
const WARD_NAME = 'Phường An Hòa';
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** The demo accounts main.ts prints at start: "demo manager: quanly-anhoa / sipas-demo (demo-phuong-an-hoa)". */
function demoCredentials(output: string, role: 'admin' | 'manager'): { username: string; password: string } {
  const match = new RegExp(`demo ${role}: (\\S+) / (\\S+)`).exec(output);
  if (!match) throw new Error(`the server printed no ${role} credentials:\n${output}`);
  return { username: match[1]!, password: match[2]! };
}

/** The month before the current one in Vietnam: fully inside the demo's 60 days of history. */
function previousMonth(now: Date): string {
  const [year, month] = localDayOf(now.toISOString(), TIME_ZONE).split('-').map(Number) as [number, number];
  const previous = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  return `${previous.year}-${String(previous.month).padStart(2, '0')}`;
}

/**
 * The indices recomputed independently of the server's daily tallies: raw responses of the ward's subtree
 * in the month, read straight from the SQLite file, scored with the domain code.
 */
function recomputeFromRawResponses(file: string, month: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const units = db.prepare('SELECT id, parent_id, merged_into_id FROM units').all() as {
      id: string;
      parent_id: string | null;
      merged_into_id: string | null;
    }[];
    const subtree = new Set([WARD_ID]);
    for (let grew = true; grew;) {
      grew = false;
      for (const unit of units) {
        const parent = unit.merged_into_id ?? unit.parent_id;
        if (parent && subtree.has(parent) && !subtree.has(unit.id)) {
          subtree.add(unit.id);
          grew = true;
        }
      }
    }
    const placeholders = [...subtree].map(() => '?').join(',');
    const rows = db
      .prepare(
        `SELECT questionnaire_version, answers, complete FROM responses
         WHERE questionnaire_id = 'sipas' AND unit_id IN (${placeholders}) AND local_day BETWEEN ? AND ?`,
      )
      .all(...subtree, `${month}-01`, `${month}-31`) as { questionnaire_version: number; answers: string; complete: number }[];
    const version = Math.max(...rows.map((row) => row.questionnaire_version));
    const definition = db.prepare("SELECT definition FROM questionnaires WHERE id = 'sipas' AND version = ?").get(version) as { definition: string };
    const questionnaire = questionnaireSchema.parse(JSON.parse(definition.definition));
    const responses = rows
      .filter((row) => row.questionnaire_version === version)
      .map((row) => ({ answers: JSON.parse(row.answers) as Record<string, unknown>, complete: row.complete === 1 }));
    const score = scoreQuestionnaire(questionnaire, tallyResponses(questionnaire, responses as never));
    return { score, completeResponses: responses.filter((response) => response.complete).length };
  } finally {
    db.close();
  }
}

/** Every cell as export text: numbers with two decimals and a dot, as format.ts writes indices for CSV/XLSX. */
function cellTexts(workbook: ExcelJS.Workbook): string[] {
  const texts: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const raw = cell.value;
        const value = typeof raw === 'object' && raw !== null && 'result' in raw ? raw.result : raw;
        texts.push(typeof value === 'number' ? formatIndexForExport(value) : String(value));
      }),
    ),
  );
  return texts;
}

describe("the managers' dashboard in a real browser", () => {
  let server: RunningServer;
  let browser: Browser;
  const databaseFile = temporarySqliteFile();

  beforeAll(async () => {
    server = await startServer({ port: await freePort(), databaseUrl: databaseFile });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  });

  it('signs in, reads a month of a ward matching the raw responses, exports XLSX and signs out', async () => {
    const { username, password } = demoCredentials(server.output(), 'manager');
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${server.origin}/manage`);

    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Báo cáo chỉ số hài lòng' }).waitFor();

    const month = previousMonth(new Date());
    await page.getByRole('combobox', { name: /^Đơn vị/ }).selectOption(WARD_ID);
    await page.getByLabel('Tháng', { exact: true }).fill(month);
    await page.getByRole('heading', { level: 2, name: WARD_NAME }).waitFor();
    const [year, monthNumber] = month.split('-');
    await expect.poll(() => page.locator('.report__header p').textContent()).toContain(`01/${monthNumber}/${year}`);
    await expect.poll(() => page.locator('p.loading').count()).toBe(0);

    const expected = recomputeFromRawResponses(databaseFile, month);
    expect(expected.completeResponses).toBeGreaterThan(30);
    expect(expected.score.overall).not.toBeNull();
    expect(await page.getByTestId('overall-index').textContent()).toBe(formatIndex(expected.score.overall, 'vi-VN'));
    const criterion = expected.score.elements[2]!.criteria[0]!;
    const criterionRow = page.locator(`tr[data-criterion="${criterion.criterionId}"]`);
    expect(await criterionRow.locator('td').nth(0).textContent()).toBe(new Intl.NumberFormat('vi-VN').format(criterion.n));
    expect(await criterionRow.locator('td').nth(1).textContent()).toBe(formatIndex(criterion.index, 'vi-VN'));
    await expectNoSeriousAxeViolations(page, 'the report');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải Excel (XLSX)' }).click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    const texts = cellTexts(workbook);
    expect(texts).toContain(formatIndexForExport(expected.score.overall));
    expect(texts).toContain(formatIndexForExport(criterion.index));

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập trang quản lý' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Đăng nhập trang quản lý' }).waitFor();
    await context.close();
  });

  it("answers first at 1440×900 and 390×844: the headline figures are the report API's, above the fold, without horizontal overflow", async () => {
    const { username, password } = demoCredentials(server.output(), 'manager');
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${server.origin}/manage`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(password);
    // The report the screen asked for, as the API answered it.
    const answered = page.waitForResponse((response) => response.url().includes('/api/v1/reports/summary') && response.ok());
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    // The default period is the last complete month, said in words.
    const month = previousMonth(new Date());
    await expect.poll(() => page.getByTestId('default-period').textContent()).toBe(`Tháng trước — tháng ${month.slice(5, 7)}/${month.slice(0, 4)}`);
    await page.getByTestId('headline-index').waitFor();
    await expect.poll(() => page.locator('p.loading').count()).toBe(0);

    const report = reportReplySchema.parse(await (await answered).json());
    expect(report.period.from).toBe(`${month}-01`);
    expect(report.overall.n).toBeGreaterThan(0);
    const verdicts = { meets: 'Đạt', below: 'Chưa đạt', 'not-conclusive': 'Chưa đủ kết luận', 'no-data': 'Chưa có dữ liệu' };
    expect(await page.getByTestId('headline-verdict').textContent()).toBe(verdicts[report.overall.verdict]);
    expect(await page.getByTestId('headline-index').textContent()).toBe(formatIndex(report.overall.index, 'vi-VN'));
    expect(await page.getByTestId('headline-n').textContent()).toBe(`${new Intl.NumberFormat('vi-VN').format(report.overall.n)} phiếu`);
    expect(await page.getByTestId('headline-interval').textContent()).toContain(formatIndex(report.overall.interval!.high, 'vi-VN'));
    expect(await page.getByTestId('headline-change').textContent()).toContain(formatIndex(report.headline.previous.index, 'vi-VN'));
    const criteria = await page.getByTestId('weakest-criteria').locator('li strong').allTextContents();
    expect(criteria).toEqual(report.headline.weakestCriteria.map((criterion) => formatIndex(criterion.index, 'vi-VN')));

    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(viewport);
      // As a phone opens it: the chart is drawn for the width it has.
      await page.reload();
      await page.getByTestId('headline-index').waitFor();
      await expect.poll(() => page.locator('p.loading').count()).toBe(0);
      const overflow = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('body *')]
          .filter((element) => element.getBoundingClientRect().right > width + 1 && !element.closest('.table-scroll, .index-table'))
          .slice(0, 5)
          .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
        return { by: document.documentElement.scrollWidth - width, wide };
      });
      expect(overflow, `horizontal overflow at ${viewport.width}`).toEqual({ by: 0, wide: [] });
      // The indices and the ranking need no sideways scrolling even on a phone, where each row is a card.
      const tablesWiderThanTheirBox = await page.evaluate(`[...document.querySelectorAll('.index-table, .ranking-table')]
        .filter((table) => table.scrollWidth > table.parentElement.clientWidth + 1).map((table) => table.className)`);
      expect(tablesWiderThanTheirBox, `tables scrolling sideways at ${viewport.width}`).toEqual([]);
      // The pickers (unit, period, language) are drawn in the page's font, not the browser's default.
      const fonts = await page.evaluate(() => ({
        page: getComputedStyle(document.querySelector('.manage')!).fontFamily,
        selects: [...new Set([...document.querySelectorAll('select')].map((select) => getComputedStyle(select).fontFamily))],
      }));
      expect(fonts.selects).toEqual([fonts.page]);
      const verdict = await page.getByTestId('headline-verdict').boundingBox();
      expect(verdict!.y + verdict!.height, `the verdict above the fold at ${viewport.width}`).toBeLessThanOrEqual(viewport.height);
      if (viewport.width === 1440) {
        const complaints = await page.locator('.answer__complaints').boundingBox();
        expect(complaints!.y, 'the complaints start above the fold').toBeLessThan(viewport.height);
      }
      await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS ?? tmpdir()}/report-${viewport.width}x${viewport.height}.png` });
      await expectNoSeriousAxeViolations(page, `the report at ${viewport.width}×${viewport.height}`);
      const minor = await page.evaluate(async () => {
        const axe = (
          window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }
        ).axe;
        return (await axe.run(document)).violations.map((violation) => ({
          id: violation.id,
          nodes: violation.nodes.slice(0, 3).map((node) => node.target),
        }));
      });
      expect(minor, `every axe violation at ${viewport.width}`).toEqual([]);
    }
    await context.close();
  });

  it('prints the report on A4 with the unit, the period, the time it was made and numbered pages', async () => {
    const { username, password } = demoCredentials(server.output(), 'manager');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${server.origin}/manage`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(password);
    const answered = page.waitForResponse((response) => response.url().includes('/api/v1/reports/summary') && response.ok());
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('headline-index').waitFor();
    await expect.poll(() => page.locator('p.loading').count()).toBe(0);
    const report = reportReplySchema.parse(await (await answered).json());
    // Chromium's own print-to-PDF, as "Print → Save as PDF" makes it; poppler reads the text back.
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const file = `${tmpdir()}/sipas-report-print-${Date.now()}.pdf`;
    writeFileSync(file, pdf);
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize('NFC');
    const pages = text.split('\f').filter((pageText) => pageText.trim() !== '');
    expect(pages.length).toBeGreaterThan(1);
    const [first] = pages as [string];
    const day = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
    expect(first).toContain(report.unit.name.vi!);
    expect(first).toContain(`Từ ${day(report.period.from)} đến ${day(report.period.to)}`);
    expect(first).toMatch(/Lập lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
    pages.forEach((pageText, index) => expect(pageText, `page ${index + 1}`).toMatch(new RegExp(`\\b${index + 1}\\s*/\\s*${pages.length}\\s*$`)));
    // A4: 595 × 842 points.
    const size = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/.exec(pdf.toString('latin1'));
    expect(size && [Math.round(Number(size[1])), Math.round(Number(size[2]))]).toEqual([595, 842]);
    await context.close();
  });
});
