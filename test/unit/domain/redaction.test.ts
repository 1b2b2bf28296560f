import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTION_PLACEHOLDERS, redactPersonalData, type PersonalDataKind } from '../../../src/domain/redaction.ts';

/**
 * Property tests of the redaction rules: every spelling of every personal-data format, inside generated
 * Vietnamese sentences (with and without diacritics), is replaced by its placeholder; ordinary phrases
 * with numbers ("3 lần", "15 phút", "ngày 12/3", money, years) come out unchanged.
 */

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const digits = (count: number) => fc.array(digit, { minLength: count, maxLength: count }).map((list) => list.join(''));

/** Splits a digit string into groups of the given sizes (the rest in a last group) joined by a separator. */
function grouped(value: string, sizes: readonly number[], separator: string): string {
  const groups: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= value.length) break;
    groups.push(value.slice(at, at + size));
    at += size;
  }
  if (at < value.length) groups.push(value.slice(at));
  return groups.join(separator);
}

const separator = fc.constantFrom(' ', '.', '-');

const MOBILE_PREFIXES = [
  '032',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '039',
  '056',
  '058',
  '070',
  '076',
  '077',
  '078',
  '079',
  '081',
  '083',
  '084',
  '085',
  '086',
  '088',
  '089',
  '090',
  '091',
  '093',
  '094',
  '096',
  '097',
  '098',
  '099',
];
const mobileNumber = fc.tuple(fc.constantFrom(...MOBILE_PREFIXES), digits(7)).map(([prefix, rest]) => prefix + rest);
const mobileSpelling = fc
  .tuple(mobileNumber, separator, fc.constantFrom([4, 3, 3], [3, 3, 4], [3, 4, 3], [4, 6], [3, 3, 2, 2]), fc.nat(4))
  .map(([number, sep, sizes, form]) => {
    const national = number.slice(1);
    switch (form) {
      case 0:
        return number;
      case 1:
        return grouped(number, sizes, sep.trim() === '' ? ' ' : sep);
      case 2:
        return `+84 ${grouped(national, [3, 3, 3], ' ')}`;
      case 3:
        return `+84${national}`;
      default:
        return `84${national}`;
    }
  });
const AREA_CODES = ['024', '028', '0292', '0236', '0251', '0274', '0296', '0297', '0299'];
const landlineSpelling = fc
  .tuple(fc.constantFrom(...AREA_CODES), digits(8), fc.nat(3))
  .map(([area, local]) => {
    const full = `${area}${local}`.slice(0, 11);
    return full;
  })
  .chain((full) =>
    fc.constantFrom(
      full,
      `${full.slice(0, 3)} ${full.slice(3, 7)} ${full.slice(7)}`,
      `(${full.slice(0, 3)}) ${full.slice(3, 7)} ${full.slice(7)}`,
      `${full.slice(0, 4)}.${full.slice(4, 7)}.${full.slice(7)}`,
      `+84 ${full.slice(1, 3)} ${full.slice(3, 7)} ${full.slice(7)}`,
    ),
  );

const cccd = fc.tuple(fc.integer({ min: 1, max: 96 }), digits(9)).map(([province, rest]) => `0${String(province).padStart(2, '0')}${rest}`);
const cccdSpelling = fc
  .tuple(cccd, fc.constantFrom(' ', '.', '-'), fc.constantFrom([3, 3, 3, 3], [4, 4, 4], [6, 6], [3, 4, 5], [12]))
  .map(([number, sep, sizes]) => grouped(number, sizes, sep));
const cmnd = fc.tuple(fc.integer({ min: 0, max: 3 }), digits(8)).map(([first, rest]) => `${first}${rest}`);
const cmndSpelling = fc
  .tuple(cmnd, fc.constantFrom(' ', '.', '-', ''), fc.constantFrom('CMND', 'cmnd số', 'CMT', 'chứng minh nhân dân', 'chung minh', 'số CMND là'))
  .map(([number, sep, context]) => `${context} ${grouped(number, [3, 3, 3], sep)}`);

const accountSpelling = fc
  .tuple(
    fc.integer({ min: 8, max: 19 }),
    fc.constantFrom(' ', '-', ''),
    fc.constantFrom(
      'stk',
      'STK',
      'số tài khoản',
      'so tai khoan',
      'tk',
      'TK Vietcombank',
      'tài khoản BIDV',
      'chuyển khoản vào',
      'Techcombank',
      'ngân hàng Agribank số',
    ),
  )
  .chain(([length, sep, context]) => digits(length).map((number) => `${context} ${grouped(number, [4, 4, 4, 4], sep)}`));

const plateSpelling = fc
  .tuple(
    fc.integer({ min: 11, max: 99 }),
    fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'K', 'L', 'M', 'N', 'P', 'S', 'T', 'V', 'X', 'LD'),
    fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
    digits(5),
    digits(4),
    fc.nat(5),
  )
  .map(([province, series, seriesDigit, five, four, form]) => {
    const head = `${province}${series}${seriesDigit ?? ''}`;
    switch (form) {
      case 0:
        return `${head}-${five.slice(0, 3)}.${five.slice(3)}`;
      case 1:
        return `${head} ${five.slice(0, 3)}.${five.slice(3)}`;
      case 2:
        return `${head}-${five}`;
      case 3:
        return `${head}-${four}`;
      case 4:
        return `${province}-${series}${seriesDigit ?? 1} ${five.slice(0, 3)}.${five.slice(3)}`;
      default:
        return `${head.toLowerCase()} ${five}`;
    }
  });

const emailSpelling = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9._]{1,14}[a-z0-9]$/), fc.constantFrom('gmail.com', 'yahoo.com.vn', 'hcm.gov.vn', 'outlook.com', 'gmail'))
  .map(([local, domain]) => `${local}@${domain}`);

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Nguyen', 'Tran', 'Pham', 'Danh', 'Thạch'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Ngọc', 'Minh', 'Van', 'Thi', 'Thanh'];
const GIVEN = ['An', 'Hoa', 'Lan', 'Hùng', 'Dũng', 'Tâm', 'Phương', 'Hương', 'Nam', 'Tuấn', 'A', 'B', 'Hung', 'Huong', 'Sơn', 'Thảo'];
const TITLE = ['anh', 'chị', 'chi', 'ông', 'bà', 'cô', 'chú', 'em', 'cán bộ', 'can bo', 'cb', 'Anh', 'Chị', 'nhân viên', 'nv', 'bác'];
const nameSpelling = fc
  .tuple(fc.constantFrom(...TITLE), fc.constantFrom(...FAMILY), fc.constantFrom(...MIDDLE), fc.constantFrom(...GIVEN), fc.nat(2))
  .map(([title, family, middle, given, form]) => ({
    text: form === 0 ? `${title} ${given}` : `${title} ${family} ${middle} ${given}`,
    name: form === 0 ? given : `${family} ${middle} ${given}`,
  }));

const BEFORE = [
  '',
  'Nếu cần thì gọi',
  'có gì liên hệ',
  'sđt',
  'SĐT:',
  'Số của tôi là',
  'tôi để lại',
  'Góp ý:',
  'cam on, lien he',
  'Please call',
  'thông tin:',
  'mình là',
];
const AFTER = ['', '.', ' nhé', ' để báo kết quả', ', cảm ơn', ' k nghe máy', ' nha ae', ' thanks', '!!!'];
function inSentence(part: fc.Arbitrary<string>) {
  return fc.tuple(fc.constantFrom(...BEFORE), part, fc.constantFrom(...AFTER)).map(([before, value, after]) => ({
    value,
    sentence: `${before}${before ? ' ' : ''}${value}${after}`,
  }));
}

function expectRedacted(sentence: string, value: string, kind: PersonalDataKind) {
  const redacted = redactPersonalData(sentence);
  expect(redacted).toContain(REDACTION_PLACEHOLDERS[kind]);
  expect(redacted).not.toContain(value);
  expect(redacted).not.toMatch(/\d{4}/);
}

/** REDACTION_RUNS: more cases for a deeper search (20,000 found the account spelled like two years). */
const RUNS = { numRuns: Number(process.env.REDACTION_RUNS ?? 400) };

describe('redaction of personal data', () => {
  it('replaces mobile phone numbers in every spelling', () => {
    fc.assert(
      fc.property(inSentence(mobileSpelling), ({ sentence, value }) => expectRedacted(sentence, value, 'phone')),
      RUNS,
    );
  });

  it('replaces landline numbers with their area code', () => {
    fc.assert(
      fc.property(inSentence(landlineSpelling), ({ sentence, value }) => expectRedacted(sentence, value, 'phone')),
      RUNS,
    );
  });

  it('replaces CCCD numbers (12 digits) with or without the word before them', () => {
    fc.assert(
      fc.property(inSentence(cccdSpelling), fc.constantFrom('', 'CCCD ', 'căn cước ', 'so cccd: '), ({ sentence, value }, word) => {
        expectRedacted(`${word}${sentence}`, value, 'citizen-id');
      }),
      RUNS,
    );
  });

  it('replaces CMND numbers (9 digits) named as such', () => {
    fc.assert(
      fc.property(inSentence(cmndSpelling), ({ sentence, value }) => {
        const number = value.replace(/^\D+/, '');
        const redacted = redactPersonalData(sentence);
        expect(redacted).toContain(REDACTION_PLACEHOLDERS['citizen-id']);
        expect(redacted).not.toContain(number);
      }),
      RUNS,
    );
  });

  it('replaces bank account numbers of 8 to 19 digits after an account word or a bank', () => {
    fc.assert(
      fc.property(inSentence(accountSpelling), ({ sentence, value }) => {
        const number = value.replace(/^\D+/, '');
        const redacted = redactPersonalData(sentence);
        expect(redacted).toContain(REDACTION_PLACEHOLDERS['bank-account']);
        expect(redacted).not.toContain(number);
      }),
      RUNS,
    );
  });

  it('replaces an account number that reads like years after its account word, and leaves years alone elsewhere', () => {
    expect(redactPersonalData('tài khoản BIDV 2000 2000 0')).toBe(`tài khoản BIDV ${REDACTION_PLACEHOLDERS['bank-account']} 0`);
    expect(redactPersonalData('Hồ sơ nộp năm 2019 2020 vẫn chưa xong')).toBe('Hồ sơ nộp năm 2019 2020 vẫn chưa xong');
  });

  it('replaces vehicle plates', () => {
    fc.assert(
      fc.property(inSentence(plateSpelling), ({ sentence, value }) => expectRedacted(`xe ${sentence}`, value, 'plate')),
      RUNS,
    );
  });

  it('replaces e-mail addresses', () => {
    fc.assert(
      fc.property(inSentence(emailSpelling), ({ sentence, value }) => {
        const redacted = redactPersonalData(sentence);
        expect(redacted).toContain(REDACTION_PLACEHOLDERS.email);
        expect(redacted).not.toContain(value);
      }),
      RUNS,
    );
  });

  it('replaces a capitalised full name after a title or role word, keeping the title', () => {
    const around = fc.tuple(
      fc.constantFrom('', 'Cảm ơn', 'cam on', 'Rất hài lòng với', 'Không hài lòng vì', 'Nhờ'),
      fc.constantFrom(' rất nhiệt tình', ' hướng dẫn tận tình', ' cau có', ' ở quầy 2', '.', ''),
    );
    fc.assert(
      fc.property(nameSpelling, around, ({ text, name }, [before, after]) => {
        const redacted = redactPersonalData(`${before}${before ? ' ' : ''}${text}${after}`);
        expect(redacted).toContain(REDACTION_PLACEHOLDERS.name);
        expect(redacted).not.toMatch(new RegExp(`(?<!\\p{L})${name}(?!\\p{L})`, 'u'));
      }),
      RUNS,
    );
  });

  it('is NFC in and out, and deterministic', () => {
    const decomposed = 'Gọi chị Lê Thị Hoa số 0912345678'.normalize('NFD');
    const once = redactPersonalData(decomposed);
    expect(once).toBe(once.normalize('NFC'));
    expect(once).toBe('Gọi chị [họ tên] số [số điện thoại]');
    expect(redactPersonalData(decomposed)).toBe(once);
  });
});

const DAY = fc.integer({ min: 1, max: 31 });
const MONTH = fc.integer({ min: 1, max: 12 });
const YEAR = fc.integer({ min: 1990, max: 2030 });
const SMALL = fc.integer({ min: 1, max: 99 });
const money = fc
  .tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom('.', ','))
  .map(([head, groups, sep]) => `${head}${`${sep}000`.repeat(groups)}`);

const ORDINARY_PHRASES: fc.Arbitrary<string>[] = [
  SMALL.map((n) => `chờ ${n} phút`),
  SMALL.map((n) => `đi ${n} lần`),
  SMALL.map((n) => `di ${n} lan roi`),
  fc.tuple(DAY, MONTH).map(([d, m]) => `ngày ${d}/${m}`),
  fc.tuple(DAY, MONTH, YEAR).map(([d, m, y]) => `hẹn ${d}/${m}/${y}`),
  fc.tuple(DAY, MONTH, YEAR).map(([d, m, y]) => `ngày ${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`),
  fc.tuple(DAY, MONTH, YEAR).map(([d, m, y]) => `${String(d).padStart(2, '0')}-${String(m).padStart(2, '0')}-${y}`),
  SMALL.map((n) => `${n} tiếng`),
  money.map((amount) => `lệ phí ${amount} đồng`),
  money.map((amount) => `mất ${amount}đ`),
  money.map((amount) => `tốn ${amount} vnd`),
  money.map((amount) => `hết ${amount}`),
  SMALL.map((n) => `${n}k tiền photo`),
  SMALL.map((n) => `quầy số ${n}`),
  YEAR.map((y) => `năm ${y}`),
  fc.tuple(YEAR, YEAR).map(([a, b]) => `từ ${a} đến ${b}`),
  fc.tuple(YEAR, YEAR, YEAR).map(([a, b, c]) => `các năm ${a} ${b} ${c}`),
  SMALL.map((n) => `${n} thủ tục`),
  SMALL.map((n) => `nộp ${n} bộ hồ sơ`),
  fc.tuple(fc.integer({ min: 6, max: 17 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `lúc ${h}h${String(m).padStart(2, '0')}`),
  fc.tuple(fc.integer({ min: 6, max: 17 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${h}:${String(m).padStart(2, '0')}`),
  fc.integer({ min: 1, max: 100 }).map((n) => `${n}%`),
  fc.integer({ min: 1, max: 9999 }).map((n) => `số thứ tự ${n}`),
  SMALL.map((n) => `gọi ${n} lần không ai nghe`),
  SMALL.map((n) => `tầng ${n}, phòng ${n + 100}`),
  fc.integer({ min: 1, max: 500 }).map((n) => `${n} người chờ`),
  fc.constantFrom(
    'anh ấy rất tốt',
    'chị ở quầy hướng dẫn kỹ',
    'bà con chờ lâu',
    'cô ấy cau có',
    'em cảm ơn',
    'cán bộ nhiệt tình',
    'cb hướng dẫn ok',
    'Anh chị cán bộ vui vẻ',
    'Em Cảm ơn nhiều',
  ),
  fc.constantFrom('TP Hồ Chí Minh', 'UBND Phường 5', 'Bộ phận Một cửa', 'dịch vụ công trực tuyến'),
];

describe('no redaction of ordinary text', () => {
  it('leaves generated phrases with numbers, dates, money and years unchanged', () => {
    const sentence = fc
      .array(fc.oneof(...ORDINARY_PHRASES), { minLength: 1, maxLength: 4 })
      .chain((phrases) => fc.constantFrom(', ', '. ', ' và ', ' mà ', ' - ').map((joiner) => phrases.join(joiner)));
    fc.assert(
      fc.property(sentence, (text) => {
        expect(redactPersonalData(text)).toBe(text.normalize('NFC'));
      }),
      { numRuns: 2000 },
    );
  });
});
