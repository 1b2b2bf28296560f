import { foldVietnamese } from './text-fold.ts';

/**
 * Themes of a citizen's comment, so a manager sees what people write about most: the five SIPAS elements
 * and the improvement asks. Ids reuse the improvement options of sipas.v1.json where one exists
 * (access, procedure, staff, result, feedback, shorter-time = processing time, fewer-documents =
 * documents, online-services).
 *
 * The classifier is a lexicon with phrase rules, run on the folded text (no diacritics, lower case, so
 * "chờ lâu" and "cho lau" match alike) after the usual teencode is spelled out ("ko" → "khong", "cb" →
 * "can bo"). Decisions:
 * - A theme is a topic, not a complaint: "không phải chờ lâu" is about waiting time as much as "chờ lâu
 *   quá"; whether the citizen was pleased is what the satisfaction levels measure. Negation only matters
 *   where it removes the topic: "không có góp ý" / "k có ý kiến" say nothing, and are dropped before
 *   matching (else they would read as the feedback theme).
 * - A specific theme adds the SIPAS element it belongs to (ELEMENT_OF): fees, documents and processing
 *   time are criteria of the procedure element, attitude of the civil-servant element, facilities of
 *   access. Waiting time and online services stand alone.
 * - "other" is an ask that fits no theme (opening hours, touts, interpreters, delivery): a short list of
 *   its own phrases, never a fallback, so plain thanks get no theme at all.
 * Khmer phrases are matched as written (the script has no case or tone marks to fold).
 */

export const COMMENT_THEME_IDS = [
  'access',
  'procedure',
  'staff',
  'result',
  'feedback',
  'waiting-time',
  'attitude',
  'fees',
  'fewer-documents',
  'shorter-time',
  'facilities',
  'online-services',
  'other',
] as const;
export type CommentThemeId = (typeof COMMENT_THEME_IDS)[number];

/** The five elements; the rest are the improvement asks. */
export const ELEMENT_THEME_IDS: readonly CommentThemeId[] = ['access', 'procedure', 'staff', 'result', 'feedback'];

/** The SIPAS element a specific theme is a criterion of. */
export const ELEMENT_OF: Readonly<Partial<Record<CommentThemeId, CommentThemeId>>> = {
  fees: 'procedure',
  'fewer-documents': 'procedure',
  'shorter-time': 'procedure',
  attitude: 'staff',
  facilities: 'access',
};

/** The themes with the element of each specific one added, in COMMENT_THEME_IDS order. */
export function withElementThemes(themes: Iterable<CommentThemeId>): CommentThemeId[] {
  const all = new Set<CommentThemeId>();
  for (const theme of themes) {
    all.add(theme);
    const element = ELEMENT_OF[theme];
    if (element) all.add(element);
  }
  return COMMENT_THEME_IDS.filter((theme) => all.has(theme));
}

/** Folded phrases per theme; "\d" stands for a number, a trailing "*" for any word ending. */
const LEXICON: Record<CommentThemeId, { latin: string[]; khmer?: string[] }> = {
  'waiting-time': {
    latin: [
      'cho lau',
      'cho doi',
      'doi lau',
      'phai cho',
      'cho gan',
      'cho hon',
      'cho tu',
      'cho den luot',
      'cho \\d phut',
      'cho \\d tieng',
      'cho \\d gio',
      'doi \\d',
      'doi gan',
      'dung cho',
      'nguoi dan cho',
      'dan phai cho',
      'thoi gian cho',
      'toi luot',
      'den luot',
      'xep hang',
      'goi so',
      'khong co nguoi',
      'chi \\d quay',
      'queue',
      'wait*',
      'only \\d counter',
      'dongcua luc',
      'can bo vao gio cao diem',
      'nguoi cho',
      'chen lan',
    ],
    khmer: ['រង់ចាំយូរ'],
  },
  attitude: {
    latin: [
      'thai do',
      'cau gat',
      'cau co',
      'gat',
      'hach dich',
      'quat nguoi',
      'quat thao',
      'bi quat',
      'lich su',
      'nhe nhang',
      'vui ve',
      'niem no',
      'kho chiu',
      'kho de',
      'trong khong',
      'coc can',
      'thieu ton trong',
      'de thuong',
      'rude',
      'friendly',
      'polite',
      'kind',
      'bam dien thoai',
      'noi chuyen',
    ],
    khmer: ['សុភាព'],
  },
  staff: {
    latin: [
      'can bo',
      'nhan vien',
      'cong chuc',
      'huong dan',
      'tu van',
      'giai thich',
      'nhiet tinh',
      'tan tinh',
      'chu dao',
      'chuyen mon',
      'chuyen nghiep',
      'nang luc',
      'nam ro',
      'deo the',
      'den tre',
      'di tre',
      'doc giup',
      'staff',
      'officer',
      'guidance',
      'helpful',
      'support',
      'lam viec rat tot',
      // A named person in a comment is nearly always the officer who served: "chị [họ tên] rất nhiệt tình".
      'anh [ho ten]',
      'chi [ho ten]',
      'co [ho ten]',
      'chu [ho ten]',
      'em [ho ten]',
      'ong [ho ten]',
      'ba [ho ten]',
      'can bo [ho ten]',
      'nhan vien [ho ten]',
      'ms [ho ten]',
    ],
    khmer: ['បុគ្គលិក'],
  },
  fees: {
    latin: [
      'phi',
      'le phi',
      'thu tien',
      'mat tien',
      'tru tien',
      'hoan tien',
      'nop tien',
      'bao nhieu tien',
      'sai tien',
      'tien nop',
      'tien ngoai',
      'thu them',
      'bien lai',
      'chuyen khoan',
      'ck',
      'tien mat',
      'bang gia',
      'gia ca',
      'gia cao',
      'trieu',
      '\\d dong',
      'boi duong',
      'fee',
      'fees',
      'expensive',
      'cost*',
      'paid',
      'receipt',
      'hoan phi',
    ],
    khmer: ['ថ្លៃ'],
  },
  'fewer-documents': {
    latin: [
      'giay to',
      'bo sung',
      'thanh phan ho so',
      'ban sao',
      'chung thuc',
      'mau don',
      'to khai',
      'giay xac nhan',
      'thieu giay',
      'loai giay',
      'nhieu giay',
      'them giay',
      'ho so rac roi',
      'yeu cau nhieu',
      'so ho khau',
      'ban chinh',
      'mau phieu',
      'co mau',
      'mau dien san',
      'ban mau',
      'mau to khai',
      'document*',
      'form',
      'paperwork',
      'dien sai',
      'kho dien',
      'ban giay',
    ],
    khmer: ['ឯកសារ'],
  },
  'shorter-time': {
    latin: [
      'tre hen',
      'tre \\d',
      'qua han',
      'cham',
      'lam nhanh',
      'nhanh gon',
      'giai quyet nhanh',
      'xu ly nhanh',
      'thoi gian giai quyet',
      'thoi han',
      'mat \\d',
      'chua co ket qua',
      'chua co',
      'chua xong',
      'lan thu',
      'di \\d lan',
      'dung hen',
      'som hon hen',
      'rut ngan',
      'xong',
      'ngay lam viec',
      '\\d thang',
      '\\d tuan',
      'late',
      'slow',
      'took',
      'days',
      'lam lau',
      'lai lau',
      'cho tra ket qua',
      'con lau',
    ],
    khmer: ['យឺត'],
  },
  facilities: {
    latin: [
      'ghe',
      'cho ngoi',
      'may lanh',
      'dieu hoa',
      'nong',
      'quat',
      'de ngoai',
      'o bai',
      'nuoc uong',
      've sinh',
      'cho de xe',
      'de xe',
      'giu xe',
      'gui xe',
      'dau xe',
      'bai xe',
      'wifi',
      '4g',
      'boc so',
      'man hinh',
      'may in',
      'may tinh',
      'chi dan',
      'loi di',
      'xe lan',
      'phong cho',
      'sach se',
      'mat me',
      'chat',
      'lanh',
      'cho choi',
      'giu tre',
      'bao ve',
      'seat*',
      'parking',
      'air condition*',
      'hot',
      'waitingroom',
    ],
    khmer: ['កន្លែងអង្គុយ', 'ក្តៅ'],
  },
  'online-services': {
    latin: [
      'online',
      'truc tuyen',
      'qua mang',
      'tren mang',
      'dich vu cong',
      'vneid',
      'app',
      'ung dung',
      'portal',
      'qua mail',
      'qua email',
      'dien tu',
      'tra cuu',
      'dang nhap',
      'website',
      'web',
      'mang cham',
    ],
  },
  feedback: {
    latin: [
      'gop y',
      'phan anh',
      'kien nghi',
      'phan hoi',
      'hom thu',
      'duong day nong',
      'hotline',
      'tong dai',
      'khieu nai',
      'lang nghe y kien',
      'nghe may',
      'bat may',
      'goi lai',
      'lien he lai',
      'complaint',
      'feedback',
      // Contact details left in a comment ask for an answer.
      '[so dien thoai]',
      '[email]',
    ],
    khmer: ['ទូរស័ព្ទមកវិញ'],
  },
  result: {
    latin: [
      'ket qua dung',
      'ket qua sai',
      'ket qua bi',
      'ket qua khong dung',
      'sai ten',
      'sai ngay',
      'ghi sai',
      'in sai',
      'bi sai',
      'tra ve',
      'tra lai',
      'that lac',
      'wrong',
      'result',
      'ly do',
    ],
  },
  procedure: {
    latin: ['thu tuc', 'niem yet', 'cong khai', 'quy trinh', 'rom ra', 'ruom ra', 'procedure*', 'posted', 'so tay'],
  },
  access: { latin: [] },
  other: {
    latin: ['thu 7', 'mo cua', 'gio lam viec', 'co moi', 'nguoi dung ngoai', 'thong dich', 'phien dich', 'tai nha', 'english', 'khong nhan ho so'],
    khmer: ['អ្នកបកប្រែ'],
  },
};

/** Teencode and shorthand spelled out, word by word. */
const SHORTHAND: Readonly<Record<string, string>> = {
  ko: 'khong',
  k: 'khong',
  kg: 'khong',
  hok: 'khong',
  hong: 'khong',
  khg: 'khong',
  dc: 'duoc',
  wa: 'qua',
  ms: 'moi',
  nv: 'nhan vien',
  cb: 'can bo',
  kq: 'ket qua',
  dt: 'dien thoai',
};
/** "15p", "10h": a number glued to its unit. */
const NUMBER_WITH_UNIT = /^(\d+)([ph])$/;

/** Phrases that say there is nothing to say ("không có góp ý"): dropped before matching. */
const NOTHING_TO_SAY = /(?:khong|het) (?:co )?(?:gop y|y kien)(?: gi)?(?: them)?|no comment/g;
/** Phrases whose words mean something else alone: the hot line is not a hot room, a closed door is not money. */
const SHIELDED = /duong day nong|dong cua|waiting (?:room|area)/g;
const SHIELDED_AS: Readonly<Record<string, string>> = {
  'duong day nong': 'hotline',
  'dong cua': 'dongcua',
  'waiting room': 'waitingroom',
  'waiting area': 'waitingroom',
};
const NEEDS_PHRASE_PASS = /y kien|gop y|no comment|day nong|dong cua|waiting r|waiting a/;

/** One lexicon phrase as words; "#" is any number, a last word ending in "*" any word it starts. */
interface PhraseRule {
  theme: CommentThemeId;
  words: readonly string[];
  lastIsPrefix: boolean;
}

const NUMBER_WORD = '#';

/** Phrases by their first word, so a comment is read once, word by word (13 regexes cost 10 µs a comment). */
const PHRASES_BY_FIRST_WORD = new Map<string, PhraseRule[]>();
/** Phrases of one word ending in "*" ("wait*"): checked against every word's start. */
const PREFIX_WORDS: PhraseRule[] = [];
const KHMER_PHRASES: { theme: CommentThemeId; phrase: string }[] = [];

for (const theme of COMMENT_THEME_IDS) {
  const { latin, khmer = [] } = LEXICON[theme];
  for (const phrase of latin) {
    const lastIsPrefix = phrase.endsWith('*');
    const words = (lastIsPrefix ? phrase.slice(0, -1) : phrase).split(' ').map((word) => (word === '\\d' ? NUMBER_WORD : word));
    const rule = { theme, words, lastIsPrefix };
    if (lastIsPrefix && words.length === 1) PREFIX_WORDS.push(rule);
    else PHRASES_BY_FIRST_WORD.set(words[0]!, [...(PHRASES_BY_FIRST_WORD.get(words[0]!) ?? []), rule]);
  }
  for (const phrase of khmer) KHMER_PHRASES.push({ theme, phrase });
}

const DIGITS_ONLY = /^\d+$/;
const KHMER_LETTER = /[\u1780-\u17ff]/;

function wordMatches(expected: string, word: string | undefined, prefix: boolean): boolean {
  if (word === undefined) return false;
  if (expected === NUMBER_WORD) return DIGITS_ONLY.test(word);
  return prefix ? word.startsWith(expected) : word === expected;
}

function phraseMatchesAt(rule: PhraseRule, words: readonly string[], at: number): boolean {
  const last = rule.words.length - 1;
  for (let offset = 1; offset <= last; offset++) {
    if (!wordMatches(rule.words[offset]!, words[at + offset], rule.lastIsPrefix && offset === last)) return false;
  }
  return true;
}

const BETWEEN_WORDS = /[^a-z0-9[\]\u1780-\u17ff]+/g;

/** The words of the text as the lexicon reads them: folded, shorthand spelled out, "nothing to say" dropped. */
export function wordsForThemes(text: string): string[] {
  const words: string[] = [];
  for (const word of foldVietnamese(text).replace(BETWEEN_WORDS, ' ').split(' ')) {
    if (word === '') continue;
    const withUnit = NUMBER_WITH_UNIT.exec(word);
    if (withUnit) words.push(withUnit[1]!, withUnit[2] === 'p' ? 'phut' : 'gio');
    else {
      const spelled = SHORTHAND[word];
      if (spelled) words.push(...spelled.split(' '));
      else words.push(word);
    }
  }
  const joined = words.join(' ');
  if (!NEEDS_PHRASE_PASS.test(joined)) return words;
  return joined
    .replace(NOTHING_TO_SAY, ' ')
    .replace(SHIELDED, (phrase) => SHIELDED_AS[phrase] ?? phrase)
    .split(' ')
    .filter((word) => word !== '');
}

/** The themes of one comment, elements included, in COMMENT_THEME_IDS order; [] for none. */
export function classifyCommentThemes(text: string): CommentThemeId[] {
  const words = wordsForThemes(text);
  const found = new Set<CommentThemeId>();
  words.forEach((word, at) => {
    const candidates = DIGITS_ONLY.test(word) ? PHRASES_BY_FIRST_WORD.get(NUMBER_WORD) : PHRASES_BY_FIRST_WORD.get(word);
    if (candidates) for (const rule of candidates) if (!found.has(rule.theme) && phraseMatchesAt(rule, words, at)) found.add(rule.theme);
    for (const rule of PREFIX_WORDS) if (word.startsWith(rule.words[0]!)) found.add(rule.theme);
  });
  if (KHMER_LETTER.test(text)) for (const { theme, phrase } of KHMER_PHRASES) if (text.includes(phrase)) found.add(theme);
  return withElementThemes(found);
}

/**
 * The classifier's version: raised whenever a change to the lexicon or the rules changes what it finds,
 * so the server finds the themes of stored comments again (those a person corrected are kept).
 */
export const THEME_CLASSIFIER_VERSION = 1;

/** The themes of a response's comments together, in COMMENT_THEME_IDS order. */
export function themesOfComments(comments: readonly string[]): CommentThemeId[] {
  const found = new Set(comments.flatMap((text) => classifyCommentThemes(text)));
  return COMMENT_THEME_IDS.filter((theme) => found.has(theme));
}

/** A theme set as stored: ",fees,staff," (so a theme is found with one LIKE '%,fees,%'); the empty set is ",". */
export function encodeThemeSet(themes: Iterable<CommentThemeId>): string {
  const present = new Set(themes);
  return `,${COMMENT_THEME_IDS.filter((theme) => present.has(theme)).join(',')}${present.size > 0 ? ',' : ''}`;
}

/** The themes of a stored set, in COMMENT_THEME_IDS order; unknown ids (a later release's) are left out. */
export function decodeThemeSet(stored: string): CommentThemeId[] {
  const present = new Set(stored.split(','));
  return COMMENT_THEME_IDS.filter((theme) => present.has(theme));
}
