// @rollgate/readyz/testing: checks a mounted readyz endpoint against the HTTP behaviour table, so a
// service owner can prove in their own tests that the endpoints Kubernetes calls behave as agreed.
// It speaks plain HTTP (fetch), so it works against any implementation, not only this router, and imports no
// test runner: vitest, jest and node:test all call it the same way.
// Over 300 lines on purpose: it is one table of checks, each a few lines, read top to bottom against DESIGN.md's
// HTTP table; the dependency drills live in conformance/.

import { errorMessageWithCause } from '@rollgate/contract/errors';
import { checkDependencies, type DependencyHooks } from './conformance/dependencies.js';
import type { ReadyzGroupWords, ReadyzStatusWords } from './types.js';

export type { DependencyHooks } from './conformance/dependencies.js';

/** A fetch-like function: `readyz.fetch`, a framework's `inject` wrapped in a Request, or `fetch` itself. */
export type FetchLike = (request: Request) => Promise<Response>;

/** One conformance result; `check` is a stable id such as `readyz.cache-control`. */
export interface ConformanceFinding {
  /** Whether the endpoint behaved as the table says. */
  ok: boolean;
  /** Stable id of the check. */
  check: string;
  /** What was seen (and expected, when not ok). */
  message: string;
  /** The dependency broken for this check (dependency checks only). */
  dependency?: string;
  /** What the contract expects (dependency checks), for `assertReadyzConformance`'s diff. */
  expected?: string;
  /** What the endpoint did (dependency checks). */
  actual?: string;
  /** Milliseconds from the hook's return to the deciding answer (the `fails` and `restores` checks). */
  elapsedMs?: number;
}

/** Options of `checkReadyzConformance()`. */
export interface ConformanceOptions {
  /** Readiness path under the target (default `/readyz`). */
  readyzPath?: string;
  /** Liveness path, or false to skip (default `/livez`). */
  livezPath?: string | false;
  /** Base of the per-probe route (default: `readyzPath`). */
  probePath?: string;
  /** A probe name the service does not have (default `rollgate-conformance-no-such-probe`). */
  unknownProbe?: string;
  /** Check `Accept: application/health+json` negotiation (default true). */
  healthJson?: boolean;
  /** Headers sent with every request (authentication, host). */
  headers?: Record<string, string>;
  /** fetch used when the target is a URL (default `globalThis.fetch`). */
  fetch?: FetchLike;
  /** Per-request timeout in ms (default 5000). */
  timeoutMs?: number;
  /**
   * Dependencies to break, by the name the 503 body must give (`{ Redis: { fail, restore } }`): each in turn must
   * be 200 healthy, 503 naming it with an `error` within `failWithinMs` of `fail()` while liveness stays 200, and
   * 200 again within `restoreWithinMs` of `restore()`.
   */
  dependencies?: Readonly<Record<string, DependencyHooks>>;
  /** Longest wait for 503 after a dependency's `fail()` (default 5000, the probe timeout cap). */
  failWithinMs?: number;
  /** Longest wait for 200 after a dependency's `restore()` (default 15000). */
  restoreWithinMs?: number;
  /** Pause between polls while waiting for 503 or 200 (default 100). */
  pollIntervalMs?: number;
  /**
   * The status words the endpoint was configured with (`createReadyz({ statusWords })`): bodies are then expected
   * to say these (`ready`, `not_ready`, `alive`, …) instead of `ok`, `degraded` and `fail`.
   */
  statusWords?: ReadyzStatusWords;
}

/** The three words one group's bodies say. */
interface Words {
  ok: string;
  degraded: string;
  fail: string;
}

function wordsOf(given: ReadyzGroupWords | undefined): Words {
  return { ok: given?.ok ?? 'ok', degraded: given?.degraded ?? 'degraded', fail: given?.fail ?? 'fail' };
}

interface Seen {
  status: number;
  headers: Headers;
  text: string;
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;
const HEALTH_JSON_TYPE = /^application\/health\+json\s*(;|$)/i;

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the JSON body of a group answer against its status code, in the group's words. */
function bodyFinding(check: string, seen: Seen, words: Words): ConformanceFinding {
  const body = parse(seen.text);
  if (!isRecord(body))
    return { ok: false, check, message: `body is not a JSON object: ${seen.text.slice(0, 120)}` };
  const status = body.status;
  if (seen.status === 200) {
    if (status === words.ok || status === words.degraded) {
      return { ok: true, check, message: `200 with status "${status}"` };
    }
    return {
      ok: false,
      check,
      message: `200 must carry status "${words.ok}" or "${words.degraded}", got ${JSON.stringify(status)}`,
    };
  }
  if (seen.status === 503) {
    const named = typeof body.dependency === 'string' || typeof body.reason === 'string';
    if (status === words.fail && named)
      return { ok: true, check, message: '503 names the failing dependency or reason' };
    return {
      ok: false,
      check,
      message: `503 must carry status "${words.fail}" and a "dependency" (or "reason")`,
    };
  }
  return { ok: false, check, message: `expected 200 or 503, got ${seen.status}` };
}

/**
 * Runs the readyz HTTP behaviour table against `target` (a base URL such as `http://127.0.0.1:8080/ops`,
 * or a fetch-like function) and returns one finding per rule: status codes, body shapes, JSON content
 * type, `Cache-Control: no-store` everywhere, HEAD without body, 405 with `Allow` for POST, 404 for an
 * unknown probe, and health+json negotiation. Never throws; an unreachable endpoint is a failed finding.
 */
export async function checkReadyzConformance(
  target: string | URL | FetchLike,
  options: ConformanceOptions = {},
): Promise<ConformanceFinding[]> {
  const readyzPath = options.readyzPath ?? '/readyz';
  const probePath = options.probePath ?? readyzPath;
  const unknownProbe = options.unknownProbe ?? 'rollgate-conformance-no-such-probe';
  const timeoutMs = options.timeoutMs ?? 5000;
  const base = typeof target === 'function' ? 'http://readyz.test' : String(target).replace(/\/+$/, '');
  const send: FetchLike =
    typeof target === 'function' ? target : (options.fetch ?? ((request) => globalThis.fetch(request)));
  const findings: ConformanceFinding[] = [];
  const note = (check: string, ok: boolean, message: string) => findings.push({ ok, check, message });

  async function call(check: string, path: string, init: RequestInit = {}): Promise<Seen | undefined> {
    try {
      const headers = new Headers(options.headers);
      new Headers(init.headers).forEach((value, name) => {
        headers.set(name, value);
      });
      const request = new Request(base + path, { ...init, headers, signal: AbortSignal.timeout(timeoutMs) });
      const response = await send(request);
      return { status: response.status, headers: response.headers, text: await response.text() };
    } catch (error) {
      note(check, false, `request failed: ${errorMessageWithCause(error)}`);
      return undefined;
    }
  }

  function common(prefix: string, seen: Seen, type: RegExp = JSON_TYPE): void {
    const cache = seen.headers.get('cache-control') ?? '';
    note(
      `${prefix}.cache-control`,
      /(^|,)\s*no-store\s*(,|$)/i.test(cache),
      cache ? `Cache-Control: ${cache}` : 'Cache-Control is missing (expected no-store)',
    );
    const contentType = seen.headers.get('content-type') ?? '';
    note(`${prefix}.content-type`, type.test(contentType), `Content-Type: ${contentType || '(none)'}`);
  }

  async function group(prefix: string, path: string, words: Words): Promise<Seen | undefined> {
    const seen = await call(`${prefix}.status`, path);
    if (!seen) return undefined;
    note(`${prefix}.status`, seen.status === 200 || seen.status === 503, `GET ${path} → ${seen.status}`);
    common(prefix, seen);
    findings.push(bodyFinding(`${prefix}.body`, seen, words));
    if (seen.status === 200 && parse(seen.text) !== undefined) {
      const body = parse(seen.text);
      if (isRecord(body) && body.status === words.ok && body.unknown_excluded === undefined) {
        const plain = JSON.stringify({ status: words.ok });
        const exact = seen.text === plain;
        note(
          `${prefix}.ok-body`,
          exact,
          exact ? `body is ${plain}` : `expected ${plain}, got ${seen.text.slice(0, 120)}`,
        );
      }
    }
    return seen;
  }

  const ready = await group('readyz', readyzPath, wordsOf(options.statusWords?.readiness));

  const head = await call('head.no-body', readyzPath, { method: 'HEAD' });
  if (head) {
    note(
      'head.no-body',
      head.text === '',
      head.text === '' ? 'HEAD has no body' : `HEAD returned ${head.text.length} characters`,
    );
    const same = ready === undefined || Math.floor(head.status / 100) === Math.floor(ready.status / 100);
    note(
      'head.status',
      same && (head.status === 200 || head.status === 503),
      `HEAD ${readyzPath} → ${head.status}`,
    );
    const cache = head.headers.get('cache-control') ?? '';
    note(
      'head.cache-control',
      /no-store/i.test(cache),
      cache ? `Cache-Control: ${cache}` : 'Cache-Control is missing',
    );
  }

  const post = await call('post.405', readyzPath, { method: 'POST', body: '{}' });
  if (post) {
    note('post.405', post.status === 405, `POST ${readyzPath} → ${post.status}`);
    const allow = (post.headers.get('allow') ?? '').toUpperCase();
    const lists = allow.split(',').map((m) => m.trim());
    note(
      'post.allow',
      lists.includes('GET') && lists.includes('HEAD'),
      allow ? `Allow: ${allow}` : 'Allow is missing',
    );
    common('post', post);
  }

  const probeUrl = `${probePath.replace(/\/+$/, '')}/${encodeURIComponent(unknownProbe)}`;
  const unknown = await call('unknown-probe.404', probeUrl);
  if (unknown) {
    note('unknown-probe.404', unknown.status === 404, `GET ${probeUrl} → ${unknown.status}`);
    common('unknown-probe', unknown);
  }

  const verbose = await call('verbose.status', `${readyzPath}?verbose`);
  if (verbose) {
    note(
      'verbose.status',
      verbose.status === 200 || verbose.status === 503,
      `GET ${readyzPath}?verbose → ${verbose.status}`,
    );
    const body = parse(verbose.text);
    const checks = isRecord(body) ? body.checks : undefined;
    note(
      'verbose.checks',
      checks === undefined || Array.isArray(checks),
      checks === undefined ? 'no checks listed (details withheld)' : 'checks is a list',
    );
  }

  if (options.livezPath !== false)
    await group('livez', options.livezPath ?? '/livez', wordsOf(options.statusWords?.liveness));

  if (options.healthJson !== false) {
    const seen = await call('health-json.content-type', readyzPath, {
      headers: { accept: 'application/health+json' },
    });
    if (seen) {
      common('health-json', seen, HEALTH_JSON_TYPE);
      const body = parse(seen.text);
      const status = isRecord(body) ? body.status : undefined;
      const expected = seen.status === 503 ? ['fail'] : ['pass', 'warn'];
      note(
        'health-json.status',
        typeof status === 'string' && expected.includes(status),
        `HTTP ${seen.status} with status ${JSON.stringify(status)} (expected ${expected.join(' or ')})`,
      );
    }
  }

  if (options.dependencies !== undefined) {
    const get = async (path: string) => {
      try {
        const request = new Request(base + path, {
          headers: new Headers(options.headers),
          signal: AbortSignal.timeout(timeoutMs),
        });
        const response = await send(request);
        return { status: response.status, text: await response.text() };
      } catch (error) {
        return { error: errorMessageWithCause(error) };
      }
    };
    const dependencyFindings = await checkDependencies(get, options.dependencies, {
      readyzPath,
      livezPath: options.livezPath === false ? false : (options.livezPath ?? '/livez'),
      ...(options.failWithinMs !== undefined ? { failWithinMs: options.failWithinMs } : {}),
      ...(options.restoreWithinMs !== undefined ? { restoreWithinMs: options.restoreWithinMs } : {}),
      ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
    });
    findings.push(...dependencyFindings);
  }
  return findings;
}

/** One line per failed finding, for an assertion message; empty when everything conforms. */
export function formatFindings(findings: readonly ConformanceFinding[]): string {
  return findings
    .filter((f) => !f.ok)
    .map((f) => `✗ ${f.check}: ${f.message}`)
    .join('\n');
}

/**
 * The failed findings as a readable diff: one `✗ check` line each, then `- expected` / `+ actual` lines when the
 * check knows both (dependency checks) or its message otherwise. Empty when everything conforms.
 */
export function formatConformanceDiff(findings: readonly ConformanceFinding[]): string {
  const failed = findings.filter((f) => !f.ok);
  if (failed.length === 0) return '';
  const lines = [`readyz conformance: ${failed.length} of ${findings.length} checks failed`];
  for (const f of failed) {
    if (f.expected !== undefined && f.actual !== undefined) {
      lines.push(`✗ ${f.check}`, `  - expected: ${f.expected}`, `  + actual:   ${f.actual}`);
    } else {
      lines.push(`✗ ${f.check}: ${f.message}`);
    }
  }
  return lines.join('\n');
}

/**
 * Runs `checkReadyzConformance` and throws an Error whose message is `formatConformanceDiff` when any check
 * fails; resolves to every finding otherwise. Any test runner reports the thrown Error as the failure.
 */
export async function assertReadyzConformance(
  target: string | URL | FetchLike,
  options: ConformanceOptions = {},
): Promise<ConformanceFinding[]> {
  const findings = await checkReadyzConformance(target, options);
  const diff = formatConformanceDiff(findings);
  if (diff !== '') throw new Error(diff);
  return findings;
}
