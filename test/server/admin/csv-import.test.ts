import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../../src/server/admin/csv-import.ts';
import { InvalidInput } from '../../../src/server/errors.ts';

function failureOf(run: () => unknown): InvalidInput {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInput) return error;
    throw error;
  }
  throw new Error('expected the CSV to be refused');
}

describe('parseCsvRecords', () => {
  it('reads a header and records keyed by lower-cased, trimmed column names', () => {
    const records = parseCsvRecords('Id, Name \nhotich,Hộ tịch\n', ['id', 'name']);
    expect(records).toEqual([{ line: 2, values: { id: 'hotich', name: 'Hộ tịch' } }]);
  });

  it('reads quoted fields with separators, doubled quotes and embedded newlines, and counts lines from where a record starts', () => {
    const text = 'id,name\n"a,1","Nói ""xin chào"""\n"b","hai\ndòng"\nc,ba\n';
    expect(parseCsvRecords(text, ['id', 'name'])).toEqual([
      { line: 2, values: { id: 'a,1', name: 'Nói "xin chào"' } },
      { line: 3, values: { id: 'b', name: 'hai\ndòng' } },
      { line: 5, values: { id: 'c', name: 'ba' } },
    ]);
  });

  it('drops a byte-order mark and reads CRLF, LF and CR line ends, also mixed', () => {
    const text = '\uFEFFid,name\r\nx,Xã A\ny,Xã B\rz,Xã C\r\n';
    expect(parseCsvRecords(text, ['id']).map((record) => record.values.id)).toEqual(['x', 'y', 'z']);
  });

  it('reads the ";" separator Excel writes under Vietnamese regional settings', () => {
    const records = parseCsvRecords('id;name;note\nx;"Phường 1; Quận cũ";\n', ['id', 'name']);
    expect(records[0]!.values).toEqual({ id: 'x', name: 'Phường 1; Quận cũ', note: '' });
  });

  it('skips blank rows and normalises text to NFC', () => {
    const decomposed = 'Tân Phú'.normalize('NFD');
    const records = parseCsvRecords(`id,name\n\n , \nx,${decomposed}\n`, ['id']);
    expect(records).toEqual([{ line: 4, values: { id: 'x', name: 'Tân Phú' } }]);
  });

  it('refuses an unclosed quote, naming the field and the problem', () => {
    const failure = failureOf(() => parseCsvRecords('id,name\nx,"never closed\n', ['id']));
    expect(failure.code).toBe('invalid-request');
    expect(failure.field).toBe('csv');
    expect(failure.message).toMatch(/quoted field is never closed/);
  });

  it('refuses a stray quote inside an unquoted field with its line', () => {
    const failure = failureOf(() => parseCsvRecords('id,name\nx,ok\ny,bad"quote\n', ['id']));
    expect(failure.message).toMatch(/line 3/);
  });

  it('refuses a file whose header lacks a required column', () => {
    expect(failureOf(() => parseCsvRecords('id\nx\n', ['id', 'name'])).message).toMatch(/"name"/);
    expect(failureOf(() => parseCsvRecords('', ['id'])).code).toBe('invalid-request');
  });
});
