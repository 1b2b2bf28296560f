import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QuestionnairesScreen } from '../../../src/app/manage/admin/QuestionnairesScreen.tsx';
import type { UnitTreeReply } from '../../../src/domain/manage-api.ts';
import { methodLabel, SIPAS_2017 } from '../../../src/domain/methods/index.ts';
import { BUNDLED_QUESTIONNAIRES } from '../../../src/domain/questionnaires/index.ts';
import { QUESTIONNAIRE_TEMPLATES } from '../../../src/domain/templates/index.ts';
import { renderWithManageI18n } from './render-manage.tsx';
import { stubFetch, unitTreeReply } from './report-factory.ts';
import { previewMethods, type MethodPreviewRequest } from '../../../src/domain/method-preview.ts';
import { tallyFromEntries } from '../../../src/domain/tally.ts';
import { fireEvent } from '@testing-library/react';

const SIPAS = BUNDLED_QUESTIONNAIRES.find((questionnaire) => questionnaire.id === 'sipas')!;
const [OUTPATIENT] = QUESTIONNAIRE_TEMPLATES;

function treeWithOutpatient(): UnitTreeReply {
  const tree = unitTreeReply();
  const method = (scoring: typeof SIPAS_2017) => ({ ...methodLabel(scoring), legalBasis: scoring.legalBasis, notes: scoring.notes });
  return {
    ...tree,
    questionnaires: [
      { ...tree.questionnaires[0]!, method: method(SIPAS_2017) },
      {
        id: OUTPATIENT!.id,
        version: 1,
        mode: 'full',
        title: OUTPATIENT!.title,
        locales: OUTPATIENT!.locales,
        method: method(OUTPATIENT!.scoringMethod!),
      },
    ],
  };
}

function stubAdminApi() {
  return stubFetch((request) => {
    if (request.url === '/api/v1/admin/questionnaire-templates') return { status: 200, body: { templates: QUESTIONNAIRE_TEMPLATES } };
    if (request.url === '/api/v1/admin/questionnaires/sipas/versions/1') return { status: 200, body: SIPAS };
    if (request.method === 'POST' && request.url === '/api/v1/admin/questionnaires/method-preview') {
      const { questionnaire, unitId, from, to } = request.body as MethodPreviewRequest;
      // E1.1: 8 answers, 6 satisfied; E2.1: 4 answers, 1 satisfied; nothing else answered.
      const tally = tallyFromEntries([
        { criterionId: 'E1.1', level: 5, count: 6 },
        { criterionId: 'E1.1', level: 2, count: 2 },
        { criterionId: 'E2.1', level: 4, count: 1 },
        { criterionId: 'E2.1', level: 1, count: 3 },
      ]);
      return { status: 200, body: previewMethods({ unitId, period: { from, to }, n: 8, basis: SIPAS, draft: questionnaire }, tally) };
    }
    if (request.method === 'PUT' && request.url === '/api/v1/admin/units/xa-a/questionnaires') {
      const unit = unitTreeReply().units[1]!;
      return { status: 200, body: { ...unit, fullQuestionnaireId: (request.body as { full: string | null }).full } };
    }
    const draftAnswer = answerDrafts(request);
    if (draftAnswer) return draftAnswer;
    return { status: 404, body: { error: { code: 'not-found', message: request.url } } };
  });
}

/** The drafts endpoints over an in-memory store, as the server keeps them (test/server/questionnaire-drafts.test.ts). */
const savedDrafts = new Map<string, { id: string; version: number; text: string }>();
function answerDrafts(request: { method: string; url: string; body?: unknown }) {
  const base = '/api/v1/admin/questionnaire-drafts';
  const head = (draft: { id: string; version: number }) => ({ ...draft, title: null, savedAt: '2026-12-07T03:00:00.000Z', savedBy: 'admin' });
  if (request.method === 'GET' && request.url === base) return { status: 200, body: { drafts: [...savedDrafts.values()].map(head) } };
  if (request.method === 'PUT' && request.url === base) {
    const text = (request.body as { text: string }).text;
    const { id, version } = JSON.parse(text) as { id: string; version: number };
    savedDrafts.set(`${id}/${version}`, { id, version, text });
    return { status: 200, body: head({ id, version }) };
  }
  const draft = savedDrafts.get(request.url.slice(base.length + 1));
  if (request.method === 'GET' && draft) return { status: 200, body: { ...head(draft), text: draft.text } };
  return null;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The screen with the bundled SIPAS copied into the editor as version 2, and the draft's JSON as it stands. */
async function withSipasCopied() {
  const { fetchStub, requests } = stubAdminApi();
  vi.stubGlobal('fetch', fetchStub);
  const user = userEvent.setup();
  renderWithManageI18n(<QuestionnairesScreen tree={treeWithOutpatient()} onPublished={() => undefined} />);
  const [sipas] = within(screen.getByRole('region', { name: 'Các phiên bản đã công bố' })).getAllByRole('button', {
    name: 'Sao chép thành phiên bản 2',
  });
  await user.click(sipas!);
  const json = () => JSON.parse((screen.getByRole('textbox', { name: 'Nội dung JSON' }) as HTMLTextAreaElement).value) as typeof SIPAS;
  return { user, requests, json };
}

describe('questionnaires and their scoring methods for administrators', () => {
  it("name each published version's method and what it rests on, with its assumptions one click away", async () => {
    const { fetchStub } = stubAdminApi();
    vi.stubGlobal('fetch', fetchStub);
    renderWithManageI18n(<QuestionnairesScreen tree={treeWithOutpatient()} onPublished={() => undefined} />);
    const versions = within(screen.getByRole('region', { name: 'Các phiên bản đã công bố' }))
      .getAllByRole('listitem')
      .filter((item) => item.parentElement?.classList.contains('questionnaire-list'));
    expect(versions).toHaveLength(2);
    expect(within(versions[0]!).getByText(/Phương pháp tính: Chỉ số SIPAS theo phương pháp năm 2017/)).toBeTruthy();
    expect(within(versions[1]!).getByText(`Phương pháp tính: ${OUTPATIENT!.scoringMethod!.name.vi}`, { exact: false })).toBeTruthy();
    expect(within(versions[1]!).getByText(/Căn cứ: Quyết định số 3869\/QĐ-BYT/)).toBeTruthy();
    expect(within(versions[1]!).getByText(`Cách tính và giả định (${OUTPATIENT!.scoringMethod!.notes.length} ghi chú)`)).toBeTruthy();
  });

  it('show each questionnaire once by its newest version, older versions folded under it', () => {
    const { fetchStub } = stubAdminApi();
    vi.stubGlobal('fetch', fetchStub);
    const tree = treeWithOutpatient();
    const outpatient = tree.questionnaires[1]!;
    renderWithManageI18n(
      <QuestionnairesScreen
        tree={{ ...tree, questionnaires: [tree.questionnaires[0]!, { ...outpatient, version: 2 }, outpatient] }}
        onPublished={() => undefined}
      />,
    );
    const region = screen.getByRole('region', { name: 'Các phiên bản đã công bố' });
    expect(within(region).getByText(/Khảo sát hài lòng người bệnh ngoại trú — phiên bản 2/)).toBeTruthy();
    expect(within(region).getByText('Phiên bản trước (1)')).toBeTruthy();
    expect(within(region).getAllByRole('button', { name: 'Sao chép thành phiên bản 3' })).toHaveLength(1);
  });

  it('copy a published version into the draft as the next version number', async () => {
    const { json } = await withSipasCopied();
    expect(await screen.findByText(/Đã đưa “Khảo sát/)).toBeTruthy();
    expect(json()).toEqual({ ...SIPAS, version: 2 });
  });

  it('start a draft from a template, which carries its method, as version 2 when version 1 exists', async () => {
    const { fetchStub } = stubAdminApi();
    vi.stubGlobal('fetch', fetchStub);
    const user = userEvent.setup();
    renderWithManageI18n(<QuestionnairesScreen tree={treeWithOutpatient()} onPublished={() => undefined} />);
    const templates = screen.getByRole('region', { name: 'Bắt đầu từ bảng hỏi mẫu' });
    const [outpatient] = await within(templates).findAllByRole('listitem');
    expect(within(outpatient!).getByText('5 yếu tố, 30 tiêu chí')).toBeTruthy();
    await user.click(within(outpatient!).getByRole('button', { name: 'Dùng mẫu này' }));
    const draft = JSON.parse((screen.getByRole('textbox', { name: 'Nội dung JSON' }) as HTMLTextAreaElement).value) as typeof SIPAS;
    expect(draft.version).toBe(2);
    expect(draft.scoringMethod?.id).toBe('outpatient-satisfaction-2019');
  });

  it('edit a copied version in the form: reword, translate, add, reorder and remove, the JSON following every change', async () => {
    const { fetchStub, requests } = stubAdminApi();
    vi.stubGlobal('fetch', fetchStub);
    const user = userEvent.setup();
    renderWithManageI18n(<QuestionnairesScreen tree={treeWithOutpatient()} onPublished={() => undefined} />);
    const editor = screen.getByRole('region', { name: 'Soạn phiếu khảo sát' });
    expect(within(editor).getByRole('status').textContent).toMatch(/Chưa có bản nháp/);
    const [sipas] = within(screen.getByRole('region', { name: 'Các phiên bản đã công bố' })).getAllByRole('button', {
      name: 'Sao chép thành phiên bản 2',
    });
    await user.click(sipas!);
    const json = () => JSON.parse((screen.getByRole('textbox', { name: 'Nội dung JSON' }) as HTMLTextAreaElement).value) as typeof SIPAS;
    const first = within(editor).getByRole('group', { name: 'Yếu tố 1 (E1)' });

    const title = within(first).getByRole('textbox', { name: 'Tên yếu tố' });
    await user.clear(title);
    await user.type(title, 'Nơi tiếp nhận hồ sơ');
    expect(json().elements[0]!.title.vi).toBe('Nơi tiếp nhận hồ sơ');

    await user.click(within(first).getByRole('button', { name: 'Thêm tiêu chí vào yếu tố E1' }));
    const added = `E1.${SIPAS.elements[0]!.criteria.length + 1}`;
    await user.type(within(first).getByRole('textbox', { name: `Tiêu chí ${added}` }), 'Có nước uống miễn phí');
    await user.click(within(first).getByRole('button', { name: `Đưa lên: tiêu chí ${added}` }));
    const criteria = json().elements[0]!.criteria;
    expect(criteria.at(-2)).toEqual({ id: added, text: { vi: 'Có nước uống miễn phí' } });

    // Translating shows the Vietnamese beside each English text.
    await user.selectOptions(within(editor).getByRole('combobox', { name: 'Ngôn ngữ đang soạn' }), 'en');
    const inEnglish = within(first).getByRole('textbox', { name: `Tiêu chí ${added}` });
    expect(within(first).getByText('Tiếng Việt: Có nước uống miễn phí')).toBeTruthy();
    await user.type(inEnglish, 'Free drinking water');
    expect(json().elements[0]!.criteria.at(-2)!.text).toEqual({ vi: 'Có nước uống miễn phí', en: 'Free drinking water' });

    await user.click(within(first).getByRole('button', { name: 'Xóa: tiêu chí E1.1' }));
    await user.click(within(editor).getByRole('button', { name: 'Đưa lên: yếu tố E2' }));
    const movedUp = within(editor).getByRole('group', { name: 'Yếu tố 1 (E2)' });
    await user.selectOptions(within(movedUp).getByRole('combobox', { name: 'Thang đánh giá' }), 'three-level');
    const edited = json();
    expect(edited.elements[0]!.scale).toBe('three-level');
    expect(edited.elements.map((element) => element.id)).toEqual(['E2', 'E1', ...SIPAS.elements.slice(2).map((element) => element.id)]);
    expect(edited.elements[1]!.criteria.map((criterion) => criterion.id)).not.toContain('E1.1');
    // Everything else is kept: the sections, the method.
    expect({ ...edited, elements: SIPAS.elements, version: 1 }).toEqual(SIPAS);

    // The sections after the elements: an option added to a profile question, a limit changed, a free-text question added.
    await user.selectOptions(within(editor).getByRole('combobox', { name: 'Ngôn ngữ đang soạn' }), 'vi');
    const profile = within(editor).getByRole('group', { name: 'Phần 3 (profile)' });
    await user.click(within(profile).getByRole('button', { name: 'Thêm lựa chọn cho câu gender' }));
    await user.type(
      within(profile)
        .getAllByRole('textbox', { name: /^Lựa chọn option-/ })
        .at(-1)!,
      'Không muốn trả lời',
    );
    const improvements = within(editor).getByRole('group', { name: 'Phần 2 (improvements)' });
    const most = within(improvements).getByRole('spinbutton', { name: 'Số lựa chọn tối đa' });
    await user.clear(most);
    await user.type(most, '2');
    await user.selectOptions(within(improvements).getByRole('combobox', { name: 'Loại câu hỏi sẽ thêm' }), 'free-text');
    await user.click(within(improvements).getByRole('button', { name: 'Thêm câu hỏi vào phần improvements' }));
    await user.type(within(improvements).getByRole('textbox', { name: /\(Trả lời tự do\)$/ }), 'Điều gì khác cần cải thiện?');
    const withSections = json();
    const gender = withSections.sections[2]!.questions[0]!;
    expect(gender.kind === 'single-choice' && gender.options.at(-1)!.text).toEqual({ vi: 'Không muốn trả lời' });
    const [asks, newQuestion] = withSections.sections[1]!.questions;
    expect(asks!.kind === 'multiple-choice' && asks!.maxChoices).toBe(2);
    expect(newQuestion).toMatchObject({ kind: 'free-text', maxLength: 1000, text: { vi: 'Điều gì khác cần cải thiện?' } });

    await user.click(screen.getByRole('button', { name: 'Lưu bản nháp' }));
    const saved = requests.find((request) => request.method === 'PUT' && request.url === '/api/v1/admin/questionnaire-drafts');
    expect(JSON.parse((saved!.body as { text: string }).text)).toEqual(withSections);
  });

  it("set a version's own method in the form: satisfied levels, legal basis, element weights and an element's figure", async () => {
    const { user, requests, json } = await withSipasCopied();
    const method = screen.getByRole('group', { name: 'Cách tính chỉ số của phiên bản này' });
    expect(within(method).getByText(/^Đang dùng cách tính có sẵn: /).textContent).toContain(SIPAS_2017.name.vi);
    expect(json().scoringMethod).toBeUndefined();

    await user.click(within(method).getByRole('checkbox', { name: '4 · Hài lòng' }));
    expect(within(method).getByText(`Phiên bản này có cách tính riêng: Cách tính của ${SIPAS.title.vi}, phiên bản 2.`)).toBeTruthy();
    const basis = within(method).getByRole('textbox', { name: 'Căn cứ (số, ngày văn bản)' });
    await user.clear(basis);
    await user.type(basis, 'Quyết định 5997/QĐ-UBND ngày 02/12/2025');

    const elementWeightsStatus = () => within(method).getAllByRole('status').at(-1)!;
    await user.click(within(method).getByRole('checkbox', { name: 'Các yếu tố có trọng số bằng nhau' }));
    const e1 = within(method).getByRole('textbox', { name: 'Trọng số của yếu tố E1 (%)' }) as HTMLInputElement;
    expect(e1.value).toBe('20');
    await user.clear(e1);
    await user.type(e1, '27,5');
    expect(elementWeightsStatus().textContent).toBe('Tổng trọng số đang là 107,5%, phải bằng 100% mới xuất bản được.');
    // Publishing names each field at fault in Vietnamese, with its raw path beside it; nothing is sent.
    const firstCriterion = within(screen.getByRole('group', { name: 'Yếu tố 1 (E1)' })).getByRole('textbox', { name: 'Tiêu chí E1.1' });
    await user.clear(firstCriterion);
    await user.click(screen.getByRole('button', { name: 'Kiểm tra và công bố' }));
    const problems = within(screen.getByRole('alert'))
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(problems).toEqual([
      'Yếu tố E1 › tiêu chí E1.1 › nội dung (Tiếng Việt): chưa có nội dung. elements.0.criteria.0.text.vi',
      'Cách tính › cây chỉ số › các yếu tố: tổng trọng số đang là 107,5%, phải bằng 100%. scoringMethod.tree.elements',
    ]);
    expect(requests.some((request) => request.method === 'POST')).toBe(false);
    await user.type(firstCriterion, 'Nơi ngồi chờ có đủ chỗ ngồi');
    const e2 = within(method).getByRole('textbox', { name: 'Trọng số của yếu tố E2 (%)' });
    await user.clear(e2);
    await user.type(e2, '12,5');
    expect(elementWeightsStatus().textContent).toBe('Tổng trọng số: 100%.');

    // An element's criteria get weights of their own, their sum said apart from the elements'.
    const e4 = within(method).getByRole('group', { name: 'Trọng số các tiêu chí của yếu tố E4' });
    await user.click(within(e4).getByRole('checkbox', { name: 'Các tiêu chí của yếu tố E4 có trọng số bằng nhau' }));
    for (const [criterion, percent] of [
      ['E4.1', '50'],
      ['E4.2', '30'],
      ['E4.3', '20'],
    ] as const) {
      const field = within(e4).getByRole('textbox', { name: `Trọng số của tiêu chí ${criterion} (%)` });
      await user.clear(field);
      await user.type(field, percent);
    }
    expect(within(e4).getByRole('status').textContent).toBe('Tổng trọng số: 100%.');

    await user.selectOptions(within(method).getByRole('combobox', { name: 'Chỉ số yếu tố E5 tính bằng' }), 'combination');
    const share = within(method).getByRole('textbox', { name: 'Phần của các tiêu chí trong yếu tố E5 (%)' });
    await user.clear(share);
    await user.type(share, '70');
    expect(within(method).getByText('Phần còn lại, 30%, là của câu hỏi “nhìn chung”.')).toBeTruthy();

    const own = json().scoringMethod!;
    expect(own).toMatchObject({
      id: 'sipas-v2',
      legalBasis: { vi: 'Quyết định 5997/QĐ-UBND ngày 02/12/2025' },
      satisfiedLevels: { 'five-level': [5] },
    });
    expect(own.tree!.elements.map((node) => [node.id, node.weight])).toEqual([
      ['E1', 0.275],
      ['E2', 0.125],
      ['E3', 0.2],
      ['E4', 0.2],
      ['E5', 0.2],
    ]);
    expect(own.tree!.elements[3]!.criteria).toEqual([
      { id: 'E4.1', weight: 0.5 },
      { id: 'E4.2', weight: 0.3 },
      { id: 'E4.3', weight: 0.2 },
    ]);
    expect(own.tree!.elements[4]!.figure).toEqual({
      kind: 'combination',
      questionId: 'overall',
      criteriaWeight: 0.7,
      inGeneralWeight: 0.30000000000000004,
    });

    await user.click(within(method).getByRole('button', { name: 'Bỏ cách tính riêng, dùng cách tính có sẵn' }));
    expect(json().scoringMethod).toBeUndefined();
  });

  it('show the draft on the kiosk live, at a tablet’s or a phone’s size, in the language being edited', async () => {
    const { user } = await withSipasCopied();
    const preview = screen.getByRole('region', { name: 'Xem trước trên kiosk' });
    const frame = within(preview).getByTitle('Xem trước kiosk: Máy tính bảng ngang (1280 × 800)') as HTMLIFrameElement;
    expect(frame.getAttribute('src')).toBe('/manage/preview');
    const posted = vi.spyOn(frame.contentWindow!, 'postMessage');
    const lastPosted = () => posted.mock.calls.at(-1)![0] as { questionnaire: typeof SIPAS; locale: string };

    const title = within(screen.getByRole('group', { name: 'Yếu tố 1 (E1)' })).getByRole('textbox', { name: 'Tên yếu tố' });
    await user.clear(title);
    await user.type(title, 'Nơi tiếp nhận hồ sơ');
    expect(lastPosted()).toMatchObject({ type: 'sipas:kiosk-preview', locale: 'vi', questionnaire: { version: 2 } });
    expect(lastPosted().questionnaire.elements[0]!.title.vi).toBe('Nơi tiếp nhận hồ sơ');
    expect(posted.mock.calls.at(-1)![1]).toBe(window.location.origin);

    // The preview asks again once its page listens; a message from any other window is ignored.
    posted.mockClear();
    window.dispatchEvent(
      new MessageEvent('message', { data: { type: 'sipas:kiosk-preview-ready' }, origin: window.location.origin, source: window }),
    );
    expect(posted).not.toHaveBeenCalled();
    window.dispatchEvent(
      new MessageEvent('message', { data: { type: 'sipas:kiosk-preview-ready' }, origin: window.location.origin, source: frame.contentWindow }),
    );
    expect(posted).toHaveBeenCalledTimes(1);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Ngôn ngữ đang soạn' }), 'km');
    expect(lastPosted().locale).toBe('km');
    await user.selectOptions(screen.getByRole('combobox', { name: /^Bản dịch Tiếng Khmer/ }), 'reviewed');
    expect(lastPosted().questionnaire.locales.km).toBe('reviewed');

    await user.click(within(preview).getByRole('button', { name: 'Điện thoại (390 × 844)' }));
    expect([frame.getAttribute('width'), frame.getAttribute('height'), frame.title]).toEqual([
      '390',
      '844',
      'Xem trước kiosk: Điện thoại (390 × 844)',
    ]);

    // A draft that is not a questionnaire yet keeps the last valid one in the frame, and says so.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Ngôn ngữ đang soạn' }), 'vi');
    posted.mockClear();
    await user.clear(title);
    expect(within(preview).getByRole('status').textContent).toMatch(/^Bản nháp đang có lỗi nên bản xem trước giữ lần hợp lệ gần nhất/);
    expect(posted).not.toHaveBeenCalled();
    // A frame that loads again meanwhile gets that last valid draft.
    window.dispatchEvent(
      new MessageEvent('message', { data: { type: 'sipas:kiosk-preview-ready' }, origin: window.location.origin, source: frame.contentWindow }),
    );
    expect(lastPosted().questionnaire.elements[0]!.title.vi).toBe('Nơi tiếp nhận hồ sơ');
  });

  it('set the full survey of a unit, saying what it inherits otherwise', async () => {
    const { fetchStub, requests } = stubAdminApi();
    vi.stubGlobal('fetch', fetchStub);
    const saved = vi.fn();
    const user = userEvent.setup();
    renderWithManageI18n(<QuestionnairesScreen tree={treeWithOutpatient()} onPublished={saved} />);
    const form = screen.getByRole('form', { name: 'Bảng hỏi của đơn vị' });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Đơn vị' }), 'xa-a');
    const full = within(form).getByRole('combobox', { name: 'Khảo sát đầy đủ' }) as HTMLSelectElement;
    expect(full.selectedOptions[0]!.textContent).toBe('Theo đơn vị cấp trên (hiện là: Khảo sát SIPAS)');
    await user.selectOptions(full, OUTPATIENT!.id);
    await user.click(within(form).getByRole('button', { name: 'Lưu bảng hỏi của đơn vị' }));
    expect(await within(form).findByText(/Đã lưu bảng hỏi của Xã A/)).toBeTruthy();
    expect(requests.find((request) => request.method === 'PUT')?.body).toEqual({ full: OUTPATIENT!.id, quick: null, dossierLink: null });
    expect(saved).toHaveBeenCalled();
  });

  it("try the draft's method on a past month beside the method in force, and say what is wrong with a draft first", async () => {
    const { fetchStub, requests } = stubAdminApi();
    vi.stubGlobal('fetch', fetchStub);
    const user = userEvent.setup();
    renderWithManageI18n(<QuestionnairesScreen tree={treeWithOutpatient()} onPublished={() => undefined} />);
    const form = screen.getByRole('form', { name: 'Thử cách tính của bản nháp trên số liệu đã có' });
    await user.click(within(form).getByRole('button', { name: 'Tính thử' }));
    expect(within(form).getByText(/Nội dung không phải JSON hợp lệ/)).toBeTruthy();
    expect(requests.some((request) => request.url.endsWith('/method-preview'))).toBe(false);

    // The province's draft: SIPAS as version 2, the first element weighing half.
    const weighted = {
      ...SIPAS,
      version: 2,
      scoringMethod: {
        ...SIPAS_2017,
        id: 'sipas-tinh-2027',
        name: { vi: 'SIPAS của tỉnh (2027)' },
        tree: {
          elements: SIPAS.elements.map((element, position) => ({
            id: element.id,
            weight: position === 0 ? 0.5 : 0.125,
            figure: { kind: 'mean-of-criteria' },
          })),
        },
      },
    };
    fireEvent.input(screen.getByRole('textbox', { name: 'Nội dung JSON' }), { target: { value: JSON.stringify(weighted) } });
    fireEvent.input(within(form).getByLabelText('Tháng'), { target: { value: '2026-11' } });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Đơn vị (gồm các đơn vị trực thuộc)' }), 'xa-a');
    await user.click(within(form).getByRole('button', { name: 'Tính thử' }));

    expect(await within(form).findByText('Xã A, tháng 11/2026: 8 phiếu đầy đủ của phiên bản 1, tính theo hai cách.')).toBeTruthy();
    const body = requests.find((request) => request.url.endsWith('/method-preview'))!.body as MethodPreviewRequest;
    expect([body.unitId, body.from, body.to, body.questionnaire.version]).toEqual(['xa-a', '2026-11-01', '2026-11-30', 2]);
    const rows = within(form)
      .getAllByRole('row')
      .map((row) =>
        within(row)
          .queryAllByRole('cell')
          .map((cell) => cell.textContent),
      );
    // Equal weights: (75 + 25) / 2 = 50; the draft's: 0.5 × 75 + 0.125 × 25 over the weights that have answers (0.625) = 65.
    expect(rows[1]).toEqual(['50,00%', '65,00%', '+15,00']);
    expect(within(form).getByRole('columnheader', { name: 'Bản nháp: SIPAS của tỉnh (2027) (phiên bản 2)' })).toBeTruthy();
    expect(within(form).queryByText(/theo từng người trả lời/)).toBeNull();

    // Respondents' shares are counted only under a version whose own method takes them: the preview says so.
    const byRespondent = { ...weighted, scoringMethod: { ...weighted.scoringMethod, tree: null, shares: 'respondent-level' } };
    fireEvent.input(screen.getByRole('textbox', { name: 'Nội dung JSON' }), { target: { value: JSON.stringify(byRespondent) } });
    await user.click(within(form).getByRole('button', { name: 'Tính thử' }));
    expect(
      await within(form).findByText(
        'Phương pháp của bản nháp tính tỷ lệ hài lòng theo từng người trả lời. Phiếu đã lưu của phiên bản 1 được đếm theo từng câu trả lời nên chưa cho ra chỉ số các yếu tố theo phương pháp mới; chỉ số này có từ các phiếu trả lời phiên bản mới sau khi xuất bản.',
      ),
    ).toBeTruthy();
  });

  it('keep a draft on the server and open it again into the editor after the page was left', async () => {
    savedDrafts.clear();
    const { fetchStub } = stubAdminApi();
    vi.stubGlobal('fetch', fetchStub);
    const user = userEvent.setup();
    const first = renderWithManageI18n(<QuestionnairesScreen tree={treeWithOutpatient()} onPublished={() => undefined} />);
    expect(await screen.findByText(/Chưa có bản nháp nào/)).toBeTruthy();
    const halfWritten = '{ "id": "sipas", "version": 2, "elements": [] }';
    fireEvent.input(screen.getByRole('textbox', { name: 'Nội dung JSON' }), { target: { value: halfWritten } });
    await user.click(screen.getByRole('button', { name: 'Lưu bản nháp' }));
    expect(await screen.findByText(/Đã lưu bản nháp “sipas” phiên bản 2 trên máy chủ/)).toBeTruthy();
    first.unmount();

    renderWithManageI18n(<QuestionnairesScreen tree={treeWithOutpatient()} onPublished={() => undefined} />);
    const drafts = screen.getByRole('region', { name: 'Bản nháp đã lưu' });
    expect(await within(drafts).findByText('sipas — phiên bản 2')).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Nội dung JSON' }) as HTMLTextAreaElement).value).toBe('');
    await user.click(within(drafts).getByRole('button', { name: 'Mở vào khung soạn thảo' }));
    await waitFor(() => expect((screen.getByRole('textbox', { name: 'Nội dung JSON' }) as HTMLTextAreaElement).value).toBe(halfWritten));
    expect(screen.getByText('Đã mở bản nháp sipas phiên bản 2 vào khung soạn thảo.')).toBeTruthy();
  });
});
