import { foldVietnamese } from './text-fold.ts';

/**
 * Personal data removed from a citizen's free text before it is stored, on the tablet and again on the
 * server: the product promises no personal data (Law 91/2025/QH15 on personal data protection). Each
 * kind is replaced by a Vietnamese placeholder, so a manager still reads what the comment is about.
 *
 * Rules, in order (a later rule never sees what an earlier one replaced):
 * 1. e-mail addresses;
 * 2. vehicle plates: two digits of the province, a series of one or two letters and maybe a digit, then
 *    four or five digits ("59A-123.45", "51F1 234.56", "30E-12345", "59-X1 123.45");
 * 3. runs of digits, joined across single spaces, dots and dashes ("0912 345 678", "079.203.001.234"),
 *    classified by their length, their first digits and the words just before them ("sđt", "stk",
 *    "cccd", a bank's name): phones (0… with 10 or 11 digits, +84/84…), citizen IDs (CCCD 12 digits
 *    starting with 0, CMND 9 digits; a passport, one capital and 7 digits, goes with them) and bank accounts (8 to 19 digits after an account word, or 10 to 19
 *    digits that are nothing else). Money ("150.000.000 đồng", "1.500.000"), dates ("12.03.2026") and
 *    lists of years stay, and so does every run shorter than 9 digits without a word that names it;
 * 4. a full name after a title or role word ("anh Nguyễn Văn A", "cán bộ Lê Thị Hoa", "cb Hoa") or
 *    starting with a common family name ("Nguyễn Văn An"): capitalised words only, so "anh ấy", "bà con"
 *    stay; a name typed in lower case is found only among the given names of LOWER_CASE_GIVEN_NAMES.
 * Deterministic and NFC in, NFC out.
 */

export type PersonalDataKind = 'phone' | 'citizen-id' | 'email' | 'bank-account' | 'plate' | 'name';

export const REDACTION_PLACEHOLDERS: Readonly<Record<PersonalDataKind, string>> = {
  phone: '[số điện thoại]',
  'citizen-id': '[số CCCD]',
  email: '[email]',
  'bank-account': '[số tài khoản]',
  plate: '[biển số xe]',
  name: '[họ tên]',
};

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*/gu;

const PLATE = /(?<![\p{L}\p{M}\p{N}])\d{2}[ -]?[A-Za-z]{1,2}\d?(?:[ ]?[-.][ ]?|[ ])?(?:\d{3}[.]\d{2}|\d{4,5})(?![\p{L}\p{M}\p{N}]|[.,]\d)/gu;

/** Digits, ASCII or Khmer (a Khmer keyboard types ០–៩). */
const D = '[0-9\u17e0-\u17e9]';
/** Between groups: one space, dot or dash (". " ends a sentence, " - " separates a range). */
const SEPARATOR = '[.\u2013 \u00a0-]';
/** A group joined after a separator has 2 to 6 digits: "2026 0912345678" or "… 1990, 3 lần" stay apart. */
const DIGIT_RUN = new RegExp(
  `(?<!${D}|[.,/])(?:\\+[ ]?)?(?:\\(?${D}{1,6}\\)?(?:${SEPARATOR}\\(?${D}{2,6}\\)?)+(?!${D})|${D}(?: ${D}){8,}(?!${D})|${D}+)`,
  'gu',
);

/** Words that name what the number just after them is (folded; the nearest one wins). */
const CONTEXT_WORDS: readonly (readonly [PersonalDataKind, string])[] = [
  ['phone', 'sdt|so dt|dt|dien thoai|dthoai|so may|di dong|goi|goi lai|lien he|lh|zalo|zl|sms|nhan tin|hotline|phone|tel|mobile|call|contact|ទូរស័ព្ទ'],
  ['citizen-id', 'cccd|cmnd|cmt|can cuoc|chung minh|dinh danh|so dinh danh|ho chieu|passport|id'],
  [
    'bank-account',
    'stk|so tk|tk|tai khoan|so tai khoan|account|acc|chuyen khoan|ck|ngan hang|bank|vietcombank|vcb|techcombank|tcb|bidv|agribank|vietinbank|mbbank|mb|acb|tpbank|sacombank|vpbank|shb|hdbank|ocb|vib|momo',
  ],
];
const CONTEXT = new RegExp(
  `(?:^|[^\\p{L}\\p{N}])(?:${CONTEXT_WORDS.map(([kind, words]) => `(?<${kind.replace('-', '_')}>${words})`).join('|')})(?=[^\\p{L}\\p{N}]|$)`,
  'gu',
);
const CONTEXT_WINDOW = 40;

const CURRENCY_AFTER = /^\s?(?:d\b|dong|vnd|nghin|ngan|trieu|tr\b|ty\b|ti\b|usd|\$|%|lan\b|nguoi\b)/u;
const MONEY_SHAPE = /^[1-9]\d{0,2}(?:([.,])\d{3})(?:\1\d{3})*$/u;
/** One date or a range of them: "12.03.2026", "01-01-1993", "1.3.2026-15.3.2026". */
const DATE_SHAPE = /^(?:\d{1,2}[.-]\d{1,2}[.-](?:\d{4}|\d{2})(?:[-\u2013]|$))+$/u;
const YEARS_SHAPE = /^(?:(?:19|20)\d{2}[ .,-]*)+$/u;

function kindFromContext(before: string): PersonalDataKind | null {
  const folded = foldVietnamese(before);
  let kind: PersonalDataKind | null = null;
  for (const match of folded.matchAll(CONTEXT)) {
    const groups = match.groups ?? {};
    if (groups.phone) kind = 'phone';
    else if (groups.citizen_id) kind = 'citizen-id';
    else if (groups.bank_account) kind = 'bank-account';
  }
  return kind;
}

function asciiDigits(text: string): string {
  return text.replace(/[\u17e0-\u17e9]/g, (digit) => String(digit.charCodeAt(0) - 0x17e0)).replace(/[^0-9]/g, '');
}

/** What a run of digits is, or null when it is an ordinary number. */
function classifyDigitRun(run: string, before: string, after: string): PersonalDataKind | null {
  const digits = asciiDigits(run);
  const length = digits.length;
  if (length < 7) return null;
  if (run.startsWith('+') && length >= 10 && length <= 13) return 'phone';
  const plain = run.replace(/[\u17e0-\u17e9]/g, (digit) => String(digit.charCodeAt(0) - 0x17e0)).trim();
  // Money never starts with 0, and "0912345678 k nghe máy" is a phone followed by "không".
  if (!digits.startsWith('0') && CURRENCY_AFTER.test(foldVietnamese(after.slice(0, 8)))) return null;
  const context = kindFromContext(before.slice(-CONTEXT_WINDOW));
  // Right after an account or ID word, "2000 2000 0" is that number, not a list of years.
  const numberWord = context === 'bank-account' || context === 'citizen-id';
  if (DATE_SHAPE.test(plain) || (!numberWord && YEARS_SHAPE.test(plain))) return null;
  // "1.500.000" is money even after "chuyển khoản" or "gọi"; only an ID is written like it ("CMND 123.456.789").
  if (context !== 'citizen-id' && MONEY_SHAPE.test(plain)) return null;
  if (context === 'bank-account' && length >= 8 && length <= 19) return 'bank-account';
  if (context === 'citizen-id' && length >= 9 && length <= 12) return 'citizen-id';
  if (context === 'phone' && length <= 11) return 'phone';
  if (digits.startsWith('84') && (length === 11 || length === 12) && digits[2] !== '0') return 'phone';
  if (length < 9) return null;
  if (digits.startsWith('0') && (length === 10 || length === 11)) return 'phone';
  if (length === 12 && digits.startsWith('0')) return 'citizen-id';
  if (length === 9) return 'citizen-id';
  return length <= 19 ? 'bank-account' : null;
}

/** Title and role words a name follows; matched with either case of the first letter. */
const TITLES = [
  'anh',
  'chị',
  'chi',
  'ông',
  'ong',
  'bà',
  'ba',
  'cô',
  'co',
  'chú',
  'chu',
  'em',
  'bác',
  'bac',
  'cậu',
  'dì',
  'cháu',
  'cán bộ',
  'can bo',
  'cb',
  'nhân viên',
  'nhan vien',
  'nv',
  'đồng chí',
  'dong chi',
  'đ/c',
  'công chức',
  'cong chuc',
  'mr',
  'mr.',
  'mrs',
  'mrs.',
  'ms',
  'ms.',
  'miss',
  'sir',
];
const FAMILY_NAMES =
  'Nguyễn|Nguyen|Trần|Tran|Lê|Le|Phạm|Pham|Hoàng|Hoang|Huỳnh|Huynh|Phan|Vũ|Vu|Võ|Vo|Đặng|Dang|Bùi|Bui|Đỗ|Do|Hồ|Ho|Ngô|Ngo|Dương|Duong|Lý|Ly|Đinh|Dinh|Trương|Truong|Lâm|Lam|Mai|Tô|To|Đoàn|Doan|Thái|Thai|Châu|Chau|Danh|Thạch|Thach|Trịnh|Trinh|Đào|Dao|Lương|Luong|Tạ|Ta|Kiều|Kieu|Quách|Quach|Lưu|Luu|Triệu|Trieu|Vương|Vuong|Tăng|Tang|Hà|Ha|Cao';

function eitherCase(word: string): string {
  const first = word[0]!;
  return `[${first}${first.toUpperCase()}]${word
    .slice(1)
    .replace(/[./]/g, (c) => `\\${c}`)
    .replace(/ /g, '\\s+')}`;
}
const NAME_WORD = '\\p{Lu}(?:[\\p{Ll}\\p{M}]+|\\p{Lu}*)(?![\\p{L}\\p{M}\\p{N}])';
const TITLED_NAME = new RegExp(
  `(?<![\\p{L}\\p{M}\\p{N}])(${[...TITLES]
    .sort((a, b) => b.length - a.length)
    .map(eitherCase)
    .join('|')})([ \\t]+)(${NAME_WORD}(?:[ \\t]${NAME_WORD}){0,3})`,
  'gu',
);
/**
 * A given name typed in lower case after a personal title ("chị hoa ở quầy 2"): only names that are not
 * also everyday words after a title ("anh hùng", "cô thu phí", "chị em", "mai", "minh" are left alone).
 */
const LOWER_CASE_GIVEN_NAMES =
  'hoa|lan|hương|hạnh|thảo|trang|linh|ngọc|dũng|tuấn|phương|nga|hằng|nhung|huy|hiếu|phúc|quân|cường|thắng|đạt|hưng|vy|yến|loan|huyền|tuyết|diệp|oanh|thúy|vân|trinh|khoa|duy|tín|lộc|nhàn|dung|nhi|ngân|giang|huệ|cúc|đào|xuân|thủy|trâm|quyên|kiên|hậu|tài';
const LOWER_CASE_TITLED_NAME = new RegExp(
  `(?<![\\p{L}\\p{M}\\p{N}])(anh|chị|cô|chú|em|bác|ông|bà|cán bộ|cb|nv|nhân viên)([ \\t]+)(?:${LOWER_CASE_GIVEN_NAMES})(?![\\p{L}\\p{M}\\p{N}])`,
  'gu',
);
const PASSPORT = /(?<![\p{L}\p{N}])[A-Z]\d{7}(?![\p{L}\p{N}])/gu;
const TITLED_NAME_AGAIN = new RegExp(TITLED_NAME.source, 'gu');
const FAMILY_LED_NAME = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${FAMILY_NAMES})(?:[ \\t]${NAME_WORD}){2,3}`, 'gu');

/** Capitalised words after a title that are not a name (folded): pronouns, places, sentence starts. */
const NOT_A_NAME = new Set(
  (
    'anh chi ong ba co chu em bac cau di chau toi chung no ay rat khong ko k cam on xin cho vui nhiet giai lam hoi noi ' +
    'duoc dc da la ma va cung o tu den xa quan huyen tinh pho tp ubnd uy ban so phong bo phan mot cua ' +
    'nha nuoc thue cong ca tiep ket qua the thank thanks i we you he she it please and ok oke ' +
    'wifi internet online app web website zalo facebook vneid google hcc tthc cccd cmnd bhxh bhyt dvc qr sdt stk nv cb ' +
    'hom nay sang chieu qua mai luc ve sau truoc neu khi sao gi nao'
  ).split(' '),
);
const NOT_A_NAME_PHRASES = new Set(['ho chi minh', 'ha noi', 'ha tinh', 'ha giang', 'ha nam', 'cao bang', 'cao lanh']);

function redactTitledName(_match: string, title: string, gap: string, words: string): string {
  const nameWords = words.split(/[ \t]/);
  let kept = 0;
  while (kept < nameWords.length && !NOT_A_NAME.has(foldVietnamese(nameWords[kept]!))) kept += 1;
  // Not a name ("Anh Chị Hoa", "Em Cảm ơn"): a title among the words may still start one.
  if (kept === 0) return `${title}${gap}${words.replace(TITLED_NAME_AGAIN, redactTitledName)}`;
  return `${title}${gap}${REDACTION_PLACEHOLDERS.name}`;
}

function redactFamilyLedName(match: string): string {
  const folded = foldVietnamese(match);
  for (const phrase of NOT_A_NAME_PHRASES) if (folded.startsWith(phrase)) return match;
  const words = match.split(/[ \t]/);
  if (NOT_A_NAME.has(foldVietnamese(words[1]!))) return match;
  return REDACTION_PLACEHOLDERS.name;
}

/** The text with every personal datum it holds replaced by its placeholder (NFC). */
export function redactPersonalData(text: string): string {
  let result = text.normalize('NFC');
  if (result.includes('@')) result = result.replace(EMAIL, REDACTION_PLACEHOLDERS.email);
  if (!/[0-9\u17e0-\u17e9]/.test(result)) return redactNames(result);
  result = result.replace(PLATE, REDACTION_PLACEHOLDERS.plate).replace(PASSPORT, REDACTION_PLACEHOLDERS['citizen-id']);
  result = result.replace(DIGIT_RUN, (run: string, offset: number, whole: string) => {
    // Glued to a word: "sdt0912345678" is a phone, "H29-240101-0001" part of a code.
    if (/[\p{L}\p{M}]/u.test(whole[offset - 1] ?? '') && /[^0-9\u17e0-\u17e9+]/.test(run)) return run;
    const kind = classifyDigitRun(run, whole.slice(Math.max(0, offset - CONTEXT_WINDOW), offset), whole.slice(offset + run.length));
    return kind ? REDACTION_PLACEHOLDERS[kind] : run;
  });
  return redactNames(result);
}

function redactNames(text: string): string {
  return text
    .replace(TITLED_NAME, redactTitledName)
    .replace(FAMILY_LED_NAME, redactFamilyLedName)
    .replace(LOWER_CASE_TITLED_NAME, (_match, title: string, gap: string) => `${title}${gap}${REDACTION_PLACEHOLDERS.name}`);
}

/** True when the text holds something redactPersonalData replaces. */
export function containsPersonalData(text: string): boolean {
  return redactPersonalData(text) !== text.normalize('NFC');
}
