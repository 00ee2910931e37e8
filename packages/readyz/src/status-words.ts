// Status words (`options.statusWords`): the words JSON bodies say instead of ok/degraded/fail, per group, for
// scripts written against other health endpoints (seed 002 expects `ready`). Resolved once, with each group's
// plain healthy body prebuilt, so the hot path writes a constant as it does without words.
import type { HealthStatus } from '@rollgate/contract';
import { type ProbeGroupName, rejectUnknownOptions } from '@rollgate/core';
import { readyzError } from './errors.js';
import type { ReadyzGroupWords, ReadyzStatusWords } from './types.js';

/** One group's words, every status filled in, and its plain healthy body. */
export interface GroupWords {
  /** The word for each engine status. */
  readonly words: Readonly<Record<HealthStatus, string>>;
  /** `{"status":"<ok word>"}`, exactly as JSON.stringify writes it. */
  readonly okBody: string;
}

/** Each group's words; the probe route speaks readiness's. */
export type WordsByGroup = Readonly<Record<ProbeGroupName, GroupWords>>;

// The contract's HealthStatusWord, restated because readyz never loads zod; the contract's tests parse bodies.
const WORD = /^[a-z][a-z0-9_-]{0,31}$/;
const GROUP_KEYS = Object.keys({
  readiness: true,
  liveness: true,
  startup: true,
} satisfies Record<keyof ReadyzStatusWords, true>);
const WORD_KEYS = Object.keys({ ok: true, degraded: true, fail: true } satisfies Record<
  keyof ReadyzGroupWords,
  true
>);

const PLAIN: GroupWords = Object.freeze({
  words: Object.freeze({ ok: 'ok', degraded: 'degraded', fail: 'fail' }),
  okBody: '{"status":"ok"}',
});

/** The engine's own words for every group: what bodies say without `statusWords`. */
export const PLAIN_WORDS: WordsByGroup = Object.freeze({ startup: PLAIN, liveness: PLAIN, readiness: PLAIN });

/** Checks `options.statusWords`; throws `ROLLGATE_ERR_READYZ_INVALID_OPTION` or `ROLLGATE_ERR_UNKNOWN_OPTION`. */
export function resolveStatusWords(option: ReadyzStatusWords | undefined): WordsByGroup {
  if (option === undefined) return PLAIN_WORDS;
  if (typeof option !== 'object' || option === null || Array.isArray(option))
    throw readyzError('ROLLGATE_ERR_READYZ_INVALID_OPTION', 'statusWords must be an object of groups');
  rejectUnknownOptions(option, GROUP_KEYS, 'createReadyz statusWords');
  return Object.freeze({
    startup: groupWords('startup', option.startup),
    liveness: groupWords('liveness', option.liveness),
    readiness: groupWords('readiness', option.readiness),
  });
}

function groupWords(group: ProbeGroupName, given: ReadyzGroupWords | undefined): GroupWords {
  if (given === undefined) return PLAIN;
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    throw readyzError(
      'ROLLGATE_ERR_READYZ_INVALID_OPTION',
      `statusWords.${group} must be { ok?, degraded?, fail? }`,
    );
  rejectUnknownOptions(given, WORD_KEYS, `createReadyz statusWords.${group}`);
  const words = { ok: 'ok', degraded: 'degraded', fail: 'fail' };
  for (const status of ['ok', 'degraded', 'fail'] as const) {
    const word = given[status];
    if (word === undefined) continue;
    if (typeof word !== 'string' || !WORD.test(word)) {
      throw readyzError(
        'ROLLGATE_ERR_READYZ_INVALID_OPTION',
        `statusWords.${group}.${status} must be a lowercase word of 1 to 32 characters, such as "ready"`,
      );
    }
    words[status] = word;
  }
  // A word must say one thing: a script cannot tell `ready` (ok) from `ready` (fail).
  if (words.fail === words.ok || words.fail === words.degraded) {
    throw readyzError(
      'ROLLGATE_ERR_READYZ_INVALID_OPTION',
      `statusWords.${group}: fail must differ from ok and degraded`,
    );
  }
  return Object.freeze({ words: Object.freeze(words), okBody: JSON.stringify({ status: words.ok }) });
}
