/**
 * Ballot-stuffing flags (a child pressing twenty times, an officer rating himself). A flag never drops
 * an answer: reports can exclude flagged responses and say how many and why.
 */
export const STUFFING_FLAGS = ['burst', 'too-fast', 'repeated-pattern', 'clock-skew', 'clock-uncertain'] as const;
export type StuffingFlag = (typeof STUFFING_FLAGS)[number];

export interface FlagThresholds {
  /** At least `count` completions from one device within `withinSeconds` are a burst. */
  burst: { count: number; withinSeconds: number };
  /** A full survey completed faster than this, from start to submit, is implausible. */
  tooFastSeconds: number;
  /** The same answers to the scored criteria `times` full surveys in a row from one device. */
  repeatedPatternTimes: number;
  /** A device clock further than this from the server's, in minutes. */
  clockSkewMinutes: number;
}

export const DEFAULT_FLAG_THRESHOLDS: FlagThresholds = {
  burst: { count: 10, withinSeconds: 20 },
  tooFastSeconds: 15,
  repeatedPatternTimes: 5,
  clockSkewMinutes: 60,
};

/** What the flags look at for one response of one device. */
export interface FlagSubject {
  id: string;
  deviceSequence: number;
  /** Server-corrected submit time, ms since the epoch (device clock skew removed). */
  submittedAtMs: number;
  /** Device-clock duration from start to submit. */
  durationMs: number;
  complete: boolean;
  /** Full surveys only: the quick rating's few levels repeat naturally. */
  fullSurvey: boolean;
  /** Answers to the scored criteria, canonical (same answers ⇒ same text); '' when none. */
  pattern: string;
  clockSkewMs: number;
  /** The clock changed between answering and syncing, and the server cannot know the answer's real time. */
  clockUncertain?: boolean;
}

/** The canonical text of a response's scored answers, for the repeated-pattern rule. */
export function answerPattern(answers: Record<string, unknown>, scoredIds: ReadonlySet<string>): string {
  return Object.keys(answers)
    .filter((id) => scoredIds.has(id))
    .sort()
    .map((id) => `${id}=${String(answers[id])}`)
    .join(';');
}

/**
 * Flags for a device's responses, given its recent history (at least the last `burst.count` and
 * `repeatedPatternTimes` by sequence) and the newly arrived ones. Rules over runs (burst, repeated
 * pattern) flag every member of the run, history included, so a run is flagged whole whichever
 * batch completed it. Returns only the responses that carry at least one flag.
 */
export function computeStuffingFlags(subjects: readonly FlagSubject[], thresholds: FlagThresholds): Map<string, Set<StuffingFlag>> {
  const flags = new Map<string, Set<StuffingFlag>>();
  const add = (id: string, flag: StuffingFlag) => {
    const set = flags.get(id) ?? new Set<StuffingFlag>();
    set.add(flag);
    flags.set(id, set);
  };
  const completed = subjects.filter((subject) => subject.complete);

  const byTime = [...completed].sort((a, b) => a.submittedAtMs - b.submittedAtMs || a.deviceSequence - b.deviceSequence);
  const { count, withinSeconds } = thresholds.burst;
  for (let end = count - 1; end < byTime.length; end += 1) {
    const first = byTime[end - count + 1]!;
    const last = byTime[end]!;
    if (last.submittedAtMs - first.submittedAtMs <= withinSeconds * 1000) {
      for (let member = end - count + 1; member <= end; member += 1) add(byTime[member]!.id, 'burst');
    }
  }

  for (const subject of completed) {
    if (subject.fullSurvey && subject.durationMs < thresholds.tooFastSeconds * 1000) add(subject.id, 'too-fast');
  }

  const fullBySequence = completed.filter((subject) => subject.fullSurvey).sort((a, b) => a.deviceSequence - b.deviceSequence);
  let runStart = 0;
  for (let index = 1; index <= fullBySequence.length; index += 1) {
    const current = fullBySequence[index];
    const runPattern = fullBySequence[runStart]!.pattern;
    if (current && current.pattern === runPattern && runPattern !== '') continue;
    if (index - runStart >= thresholds.repeatedPatternTimes && runPattern !== '') {
      for (let member = runStart; member < index; member += 1) add(fullBySequence[member]!.id, 'repeated-pattern');
    }
    runStart = index;
  }

  for (const subject of subjects) {
    if (Math.abs(subject.clockSkewMs) > thresholds.clockSkewMinutes * 60_000) add(subject.id, 'clock-skew');
    if (subject.clockUncertain) add(subject.id, 'clock-uncertain');
  }
  return flags;
}

/** Flags as stored: sorted, comma-separated, '' for none. */
export function serializeFlags(flags: Iterable<StuffingFlag>): string {
  return [...new Set(flags)].sort().join(',');
}

export function parseFlags(text: string): StuffingFlag[] {
  return text.split(',').filter((flag): flag is StuffingFlag => (STUFFING_FLAGS as readonly string[]).includes(flag));
}
