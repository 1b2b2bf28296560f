import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionGroup, auditSentence, DESCRIBED_AUDIT_ACTIONS, type AuditNames } from '../../../src/domain/audit-sentences.ts';
import en from '../../../src/app/manage/i18n/en.json';
import vi from '../../../src/app/manage/i18n/vi.json';

const names: AuditNames = {
  unit: (id) => ({ 'xa-tan-phu': 'Xã Tân Phú', province: 'Tỉnh Demo' })[id],
  questionnaire: (id) => (id === 'sipas' ? 'Khảo sát SIPAS' : undefined),
  serviceField: (id) => (id === 'tu-phap' ? 'Tư pháp' : undefined),
  device: (id) => (id === '0190f5a0-1111-7000-8000-00000000aaaa' ? 'Máy quầy 1' : undefined),
};

/** Action expressions that are template literals, with every value they take in src/server. */
const TEMPLATE_ACTIONS: Record<string, string[]> = {
  "`alert.${action === 'acknowledge' ? 'acknowledged' : 'resolved'}`": ['alert.acknowledged', 'alert.resolved'],
  '`report.exported.${format}`': ['report.exported.csv', 'report.exported.xlsx'],
};

function serverFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? serverFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Every action the server writes to audit_log, read from the source so a new action without a sentence fails here. */
function actionsWrittenByServer(): Set<string> {
  const actions = new Set<string>();
  for (const file of serverFiles('src/server')) {
    const source = readFileSync(file, 'utf8');
    // The repository writes whatever action it is given; its callers name them.
    const writesAudit = ['appendAudit(', 'writeAudited(', "insertInto('audit_log')"].some((call) => source.includes(call));
    if (file.endsWith('audit-repository.ts') || !writesAudit) continue;
    for (const [, expression] of source.matchAll(/\baction: (`[^`]*`|[^,}\n]+)/g)) {
      const trimmed = expression!.trim();
      // A parameter's type (`action: string`) names no action; the callers that fill it do.
      if (trimmed === 'string') continue;
      if (trimmed.startsWith('`')) {
        expect(TEMPLATE_ACTIONS, `${file}: list the values of ${trimmed} in TEMPLATE_ACTIONS`).toHaveProperty([trimmed]);
        TEMPLATE_ACTIONS[trimmed]!.forEach((action) => actions.add(action));
      } else if (/^[A-Z_]+$/.test(trimmed)) {
        const constant = serverFiles('src/server')
          .map((other) => readFileSync(other, 'utf8').match(new RegExp(`const ${trimmed} = '([^']+)'`))?.[1])
          .find(Boolean);
        expect(constant, `${file}: the value of ${trimmed}`).toBeDefined();
        actions.add(constant!);
      } else {
        const literals = [...trimmed.matchAll(/'([^']+)'/g)].map((match) => match[1]!);
        expect(literals.length, `${file}: read the action of "${trimmed}"`).toBeGreaterThan(0);
        literals.forEach((action) => actions.add(action));
      }
    }
  }
  return actions;
}

function lookup(messages: unknown, key: string): unknown {
  return key
    .replace(/^manage\./, '')
    .split('.')
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);
}

/** The sentence as the screen renders it: terms translated, then the values interpolated. */
function render(messages: unknown, sentence: ReturnType<typeof auditSentence>): string {
  const values: Record<string, string> = { ...sentence.values };
  for (const [name, term] of Object.entries(sentence.terms)) values[name] = (lookup(messages, term.key) as string | undefined) ?? term.fallback;
  const template = lookup(messages, sentence.key);
  expect(typeof template, sentence.key).toBe('string');
  return (template as string).replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    expect(values, `${sentence.key} uses {{${name}}}`).toHaveProperty([name]);
    return values[name]!;
  });
}

describe('audit sentences', () => {
  it('has a sentence in vi and en for every action the server writes, and a group to filter it by', () => {
    const written = actionsWrittenByServer();
    expect(written.size).toBeGreaterThanOrEqual(35);
    for (const action of written) {
      expect(DESCRIBED_AUDIT_ACTIONS, action).toContain(action);
      expect(auditActionGroup(action), action).not.toBeNull();
      const sentence = auditSentence({ actor: 'admin', action, detail: {} }, names, 'vi');
      expect(sentence.key).not.toBe('manage.audit.sentence.unknown');
      for (const messages of [vi, en]) expect(render(messages, sentence)).not.toMatch(/\{\{|undefined/);
    }
    for (const action of DESCRIBED_AUDIT_ACTIONS) expect(written, `${action} is described but no longer written`).toContain(action);
  });

  it('reads an Excel export with the unit name and the period as dd/mm/yyyy', () => {
    const entry = {
      actor: 'admin',
      action: 'report.exported.xlsx',
      detail: { unitId: 'xa-tan-phu', from: '2026-11-01', to: '2026-11-30', locale: 'vi' },
    };
    expect(render(vi, auditSentence(entry, names, 'vi'))).toBe('admin đã xuất báo cáo Excel của Xã Tân Phú, 01/11/2026–30/11/2026');
    expect(render(en, auditSentence(entry, names, 'en'))).toBe('admin exported the Excel report of Xã Tân Phú, 01/11/2026–30/11/2026');
  });

  it('names a tablet as the Devices screen does, and one it cannot name by the random end of its id', () => {
    const enrolled = (deviceId: string) => ({ actor: `device:${deviceId}`, action: 'device.enrolled', detail: { deviceId, unitId: 'xa-tan-phu' } });
    expect(render(vi, auditSentence(enrolled('0190f5a0-1111-7000-8000-00000000aaaa'), names, 'vi'))).toBe(
      'Máy tính bảng “Máy quầy 1” đã đăng ký vào Xã Tân Phú',
    );
    // Enrolled in the same minute as the first: the same first eight characters, told apart by the last.
    expect(render(vi, auditSentence(enrolled('0190f5a0-2222-7000-8000-00000000bbbb'), names, 'vi'))).toBe(
      'Máy tính bảng “0000bbbb” đã đăng ký vào Xã Tân Phú',
    );
  });

  it('names a numbered PDF report, an account with its role, and the system in words', () => {
    const pdf = { unitId: 'province', from: '2026-11-05', to: '2026-11-05', reportNumber: 12, reportYear: 2026 };
    expect(render(vi, auditSentence({ actor: 'lan', action: 'report.exported.pdf', detail: pdf }, names, 'vi'))).toBe(
      'lan đã xuất báo cáo PDF số 12/2026 của Tỉnh Demo, 05/11/2026',
    );
    const account = { id: 'a1', username: 'nva', role: 'manager', unitId: 'xa-tan-phu' };
    expect(render(vi, auditSentence({ actor: 'admin', action: 'account.created', detail: account }, names, 'vi'))).toBe(
      'admin đã tạo tài khoản nva (Lãnh đạo, quản lý) cho Xã Tân Phú',
    );
    const admin = { ...account, role: 'admin', unitId: null };
    expect(render(en, auditSentence({ actor: 'admin', action: 'account.created', detail: admin }, names, 'en'))).toMatch(
      /^admin created the account nva \(Administrator\) for /,
    );
    expect(
      render(vi, auditSentence({ actor: 'admin', action: 'account.updated', detail: { id: 'a1', username: 'nva', disabled: true } }, names, 'vi')),
    ).toBe('admin đã vô hiệu hóa tài khoản nva');
    expect(render(vi, auditSentence({ actor: 'system', action: 'alert.opened', detail: { unitId: 'xa-tan-phu' } }, names, 'vi'))).toBe(
      'Hệ thống đã mở một cảnh báo cho Xã Tân Phú',
    );
  });

  it('falls back to the stored id for a unit it cannot name, and to a generic sentence for an unknown action', () => {
    expect(render(vi, auditSentence({ actor: 'admin', action: 'kiosk-settings.saved', detail: { unitId: 'gone' } }, names, 'vi'))).toBe(
      'admin đã lưu cài đặt kiosk của gone',
    );
    expect(render(vi, auditSentence({ actor: 'admin', action: 'backup.made', detail: {} }, names, 'vi'))).toBe(
      'admin đã thực hiện thao tác “backup.made”',
    );
    expect(render(en, auditSentence({ actor: 'admin', action: 'backup.made', detail: {} }, names, 'en'))).toBe('admin performed “backup.made”');
  });
});
