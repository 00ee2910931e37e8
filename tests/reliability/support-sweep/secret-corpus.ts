// The secrets the leak sweep plants in probe errors, and the sweep itself. Planted: every form of
// packages/core/src/probe/secret-forms.ts (URL userinfo, key=value and quoted passwords, bearer and Authorization,
// webhook URLs, signed-URL signatures, JWTs, AWS keys, PEM blocks, the prefixed token families), plus exact
// secrets registered three ways (createHealth `secrets`, `addSecret()`, a probe's `secrets`) written raw,
// percent-encoded, form-encoded, base64, base64url, inside a base64 blob and inside JSON. Swept for: each leaked
// fragment raw, percent-encoded (both cases), form-encoded, JSON-escaped and in base64/base64url at every byte
// alignment, in the text as captured and in every string a JSON text decodes to.
import { EXACT_SECRET, SECRET_FORMS } from '../../../packages/core/src/probe/secret-forms.js';

/** One planted secret: the error text a probe fails with and the fragments that must never leave. */
export interface PlantedSecret {
  /** What the form is. */
  readonly name: string;
  /** The error text. */
  readonly text: string;
  /** Fragments that must appear in no output, in no encoding. */
  readonly leaks: readonly string[];
}

/** Registered with `createHealth({ secrets })`. */
export const REGISTERED_SECRET = EXACT_SECRET;
/** Registered with `health.addSecret()` after the probes. */
export const ADDED_SECRET = 'added-Later-Secret-77';
/** Registered by its probe's own `secrets`. */
export const PROBE_SECRET = 'probe-Own-Secret-99';
/** A registered secret with characters JSON escapes (`"` and `\`), so its JSON-escaped form differs from it. */
export const ESCAPED_SECRET = 'qu"ote\\d-Secret-55';
/** The drill admin route's bearer token: it must never come back either. */
export const ADMIN_TOKEN = 'admin-Bearer-Token-0123456789';

const EXACT = [
  ['registered', REGISTERED_SECRET],
  ['added later', ADDED_SECRET],
  ['probe-owned', PROBE_SECRET],
  ['JSON-escaping', ESCAPED_SECRET],
] as const;

/** base64 of a UTF-8 string. */
export const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
/** base64url of a UTF-8 string, without padding. */
export const base64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

// Each exact secret in each encoding an error message carries one in.
function exactForms(label: string, secret: string): PlantedSecret[] {
  const encoded = encodeURIComponent(secret);
  const forms: [string, string][] = [
    ['raw', `vault said ${secret} is wrong`],
    ['percent-encoded', `GET /login?u=app&x=${encoded} answered 401`],
    [
      'lower-case percent-encoded',
      `GET /login?x=${encoded.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())} 401`,
    ],
    ['form-encoded', `body u=app&x=${encoded.replace(/%20/g, '+')} refused`],
    ['base64', `blob ${base64(secret)} refused`],
    ['base64 inside a blob', `blob ${base64(`user:${secret}:tail`)} refused`],
    ['base64url', `blob ${base64url(`xy${secret}`)} refused`],
    ['inside JSON', `bad config ${JSON.stringify({ note: secret, user: 'app' })}`],
  ];
  return forms.map(([form, text]) => ({ name: `${label} exact secret, ${form}`, text, leaks: [secret] }));
}

/** Every planted secret, one probe each. */
export const PLANTED: readonly PlantedSecret[] = [
  ...SECRET_FORMS.map((form) => ({ name: form.name, text: form.text, leaks: form.leaks })),
  ...EXACT.flatMap(([label, secret]) => exactForms(label, secret)),
];

/** Every fragment swept for (the admin token too). */
export const LEAKS: readonly string[] = [...new Set([...PLANTED.flatMap((p) => p.leaks), ADMIN_TOKEN])];

// A base64 fragment shorter than this would match unrelated base64 by chance.
const MIN_BASE64_FRAGMENT = 8;

/** Every encoding of `leak` the sweep looks for, each with its name. */
export function encodingsOf(leak: string): { encoding: string; text: string }[] {
  const out = new Map<string, string>();
  const add = (encoding: string, text: string) => {
    if (!out.has(text)) out.set(text, encoding);
  };
  add('raw', leak);
  const percent = encodeURIComponent(leak);
  add('percent-encoded', percent);
  add(
    'percent-encoded, lower case',
    percent.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
  );
  add('form-encoded', percent.replace(/%20/g, '+'));
  add('JSON-escaped', JSON.stringify(leak).slice(1, -1));
  const bytes = Buffer.from(leak, 'utf8');
  for (let lead = 0; lead < 3; lead++) {
    // The characters that encode the leak's bytes alone, whatever precedes it at this alignment.
    const padded = Buffer.concat([Buffer.alloc(lead), bytes]);
    const first = lead === 0 ? 0 : 4;
    const last = Math.floor(padded.length / 3) * 4;
    const fragment = padded.toString('base64').slice(first, last);
    if (fragment.length >= MIN_BASE64_FRAGMENT) {
      add(`base64 (offset ${lead})`, fragment);
      add(`base64url (offset ${lead})`, fragment.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  add('base64', bytes.toString('base64'));
  add('base64url', bytes.toString('base64url'));
  return [...out].map(([text, encoding]) => ({ encoding, text }));
}

/** One captured output. */
export interface Captured {
  /** Where it came from (`fastify /readyz?verbose body`, `log line 3`, `span readyz.probe attributes`). */
  readonly where: string;
  /** Its text as it left. */
  readonly text: string;
}

/** One leak the sweep found. */
export interface Leak {
  /** The fragment. */
  readonly leak: string;
  /** In which encoding. */
  readonly encoding: string;
  /** In which output. */
  readonly where: string;
}

/**
 * Every leak in `captured`: each text is searched as it is and, when it is JSON, in every string it decodes to
 * (a JSON body escapes what it carries, so a raw `"` in a secret is only found decoded).
 */
export function sweep(captured: readonly Captured[], leaks: readonly string[] = LEAKS): Leak[] {
  const needles = leaks.flatMap((leak) => encodingsOf(leak).map((e) => ({ leak, ...e })));
  const found: Leak[] = [];
  for (const item of captured) {
    // One haystack per output: NUL never occurs in a needle, so no match spans two of the joined texts.
    const haystack = [item.text, ...decodedStrings(item.text)].join('\u0000');
    for (const needle of needles) {
      if (haystack.includes(needle.text)) {
        found.push({ leak: needle.leak, encoding: needle.encoding, where: item.where });
      }
    }
  }
  return found;
}

// JSON texts, and JSON lines (a stream sink's output, a captured log record followed by its inspected form).
function decodedStrings(text: string): string[] {
  const out: string[] = [];
  for (const line of text.trim().split('\n')) {
    if (!/^\s*[[{"]/.test(line)) continue;
    try {
      collectStrings(JSON.parse(line), out);
    } catch {
      // Not JSON (or not one JSON value per line): searched as text only.
    }
  }
  return out;
}

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      collectStrings(item, out);
    }
  }
}
