import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseFormula, toCsv, UTF8_BOM } from '../../../../src/domain/export/csv.ts';

describe('CSV for Excel', () => {
  it('starts with a byte-order mark and ends rows with CRLF', () => {
    const csv = toCsv([
      ['a', 'b'],
      [1, 'Hộ tịch'],
    ]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.slice(1)).toBe('a,b\r\n1,Hộ tịch\r\n');
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(null)).toBe('');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    for (const start of ['+', '-', '@', '\t', '\r']) expect(neutraliseFormula(`${start}x`)).toBe(`'${start}x`);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('a=1')).toBe('a=1');
  });

  it('leaves numbers alone, negative ones included', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(87.35)).toBe('87.35');
  });

  it("writes the ';' variant Excel opens under Vietnamese regional settings, quoting cells that hold either separator", () => {
    const csv = toCsv(
      [
        ['Đơn vị', 'Ghi chú'],
        ['Xã An Hòa', 'chờ lâu; thiếu ghế'],
        ['Phường 1, Quận cũ', null],
      ],
      'excel-vi',
    );
    expect(csv).toBe(`${UTF8_BOM}Đơn vị;Ghi chú\r\nXã An Hòa;"chờ lâu; thiếu ghế"\r\n"Phường 1, Quận cũ";\r\n`);
    expect(toCsv([['a;b', 'c']])).toBe(`${UTF8_BOM}"a;b",c\r\n`);
  });
});
