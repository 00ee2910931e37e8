// The part of the conformance kit that breaks real dependencies. For each one, in turn: readiness is 200 while it
// is healthy; after `fail()` readiness turns 503 within the probe timeout cap, its body naming the dependency and
// an error, while liveness stays 200 (a dependency outage must not restart pods); after `restore()` readiness is
// 200 again. It speaks plain HTTP through the caller's `send`, imports no test runner, and never throws: a hook
// that throws or an endpoint that never answers is a failed finding.

import { errorMessage } from '@rollgate/contract/errors';
import { PROBE_TIMEOUT_CAP_MS } from '@rollgate/core';

/** How to break and mend one dependency: stop or SIGSTOP its server, then start or SIGCONT it. */
export interface DependencyHooks {
  /** Makes the dependency fail (stop the server, SIGSTOP it, drop its port). */
  fail(): unknown | Promise<unknown>;
  /** Undoes `fail()`. */
  restore(): unknown | Promise<unknown>;
}

/** One dependency check's result: the finding fields, with what was expected and seen for the diff. */
export interface DependencyFinding {
  /** Whether the endpoint behaved as agreed. */
  ok: boolean;
  /** Stable id: `dependency.<name>.<step>`. */
  check: string;
  /** What was seen. */
  message: string;
  /** The dependency broken for this check. */
  dependency: string;
  /** What the contract expects. */
  expected: string;
  /** What the endpoint did. */
  actual: string;
  /** Milliseconds from the hook's return to the answer that decided the check (fails and restores steps). */
  elapsedMs?: number;
}

/** A GET of one path: its status and body, or the error when the request itself failed. */
export type Probe = (path: string) => Promise<{ status: number; text: string } | { error: string }>;

/** Timing and paths of the dependency checks. */
export interface DependencyCheckSettings {
  /** Readiness path. */
  readyzPath: string;
  /** Liveness path, or false to skip the liveness check. */
  livezPath: string | false;
  /** Longest wait for 503 after `fail()` (default the 5 s probe timeout cap). */
  failWithinMs?: number;
  /** Longest wait for 200 after `restore()` (default 15 s: clients reconnect with backoff). */
  restoreWithinMs?: number;
  /** Pause between two polls (default 100 ms). */
  pollIntervalMs?: number;
}

/** Default longest wait for 200 after `restore()`. */
export const DEFAULT_RESTORE_WITHIN_MS = 15_000;
const DEFAULT_POLL_INTERVAL_MS = 100;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function bodyOf(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function seen(answer: Awaited<ReturnType<Probe>>): string {
  return 'error' in answer
    ? `request failed: ${answer.error}`
    : `${answer.status} ${answer.text.slice(0, 160)}`;
}

async function runHook(hook: () => unknown): Promise<string | undefined> {
  try {
    await hook();
    return undefined;
  } catch (error) {
    return errorMessage(error);
  }
}

/** Polls `path` until `want(status)` or `withinMs` passes; returns the deciding answer and when it came. */
async function pollUntil(
  probe: Probe,
  path: string,
  want: (status: number) => boolean,
  withinMs: number,
  intervalMs: number,
): Promise<{ answer: Awaited<ReturnType<Probe>>; elapsedMs: number; met: boolean }> {
  const start = performance.now();
  for (;;) {
    const answer = await probe(path);
    const elapsedMs = Math.round(performance.now() - start);
    const met = !('error' in answer) && want(answer.status);
    if (met || elapsedMs >= withinMs) return { answer, elapsedMs, met: met && elapsedMs <= withinMs };
    await sleep(Math.min(intervalMs, Math.max(0, withinMs - elapsedMs)));
  }
}

/** Breaks and mends each dependency in turn and returns one finding per step. */
export async function checkDependencies(
  probe: Probe,
  dependencies: Readonly<Record<string, DependencyHooks>>,
  settings: DependencyCheckSettings,
): Promise<DependencyFinding[]> {
  const failWithinMs = settings.failWithinMs ?? PROBE_TIMEOUT_CAP_MS;
  const restoreWithinMs = settings.restoreWithinMs ?? DEFAULT_RESTORE_WITHIN_MS;
  const intervalMs = settings.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const { readyzPath } = settings;
  const findings: DependencyFinding[] = [];
  for (const [name, hooks] of Object.entries(dependencies)) {
    const note = (step: string, ok: boolean, expected: string, actual: string, elapsedMs?: number) =>
      findings.push({
        ok,
        check: `dependency.${name}.${step}`,
        message: ok ? actual : `expected ${expected}, got ${actual}`,
        dependency: name,
        expected,
        actual,
        ...(elapsedMs !== undefined ? { elapsedMs } : {}),
      });

    const before = await probe(readyzPath);
    const healthy = !('error' in before) && before.status === 200;
    note('healthy', healthy, `GET ${readyzPath} → 200 before ${name} fails`, seen(before));
    // Breaking a dependency of an endpoint already failing proves nothing about that dependency.
    if (!healthy) continue;

    const failError = await runHook(() => hooks.fail());
    if (failError !== undefined) {
      note('fail-hook', false, `fail() to resolve`, `fail() threw: ${failError}`);
      await runHook(() => hooks.restore());
      continue;
    }
    const down = await pollUntil(probe, readyzPath, (s) => s === 503, failWithinMs, intervalMs);
    const downText = seen(down.answer);
    note(
      'fails',
      down.met,
      `GET ${readyzPath} → 503 within ${failWithinMs} ms of ${name} failing`,
      down.met ? `503 after ${down.elapsedMs} ms` : `still ${downText} after ${down.elapsedMs} ms`,
      down.elapsedMs,
    );
    if (down.met && !('error' in down.answer)) {
      const body = bodyOf(down.answer.text);
      const dependency = body?.dependency;
      note(
        'names-dependency',
        typeof dependency === 'string' && dependency.toLowerCase() === name.toLowerCase(),
        `"dependency": "${name}" in the 503 body`,
        dependency === undefined
          ? `no "dependency" in ${down.answer.text.slice(0, 160)}`
          : `"dependency": ${JSON.stringify(dependency)}`,
      );
      const error = body?.error;
      note(
        'error',
        typeof error === 'string' && error.trim() !== '',
        'a non-empty "error" in the 503 body',
        error === undefined
          ? `no "error" in ${down.answer.text.slice(0, 160)}`
          : `"error": ${JSON.stringify(error)}`,
      );
    }
    if (settings.livezPath !== false) {
      const live = await probe(settings.livezPath);
      note(
        'liveness',
        !('error' in live) && live.status === 200,
        `GET ${settings.livezPath} → 200 while ${name} fails`,
        seen(live),
      );
    }

    const restoreError = await runHook(() => hooks.restore());
    if (restoreError !== undefined) {
      note('restore-hook', false, 'restore() to resolve', `restore() threw: ${restoreError}`);
      continue;
    }
    const up = await pollUntil(probe, readyzPath, (s) => s === 200, restoreWithinMs, intervalMs);
    note(
      'restores',
      up.met,
      `GET ${readyzPath} → 200 within ${restoreWithinMs} ms of ${name} restored`,
      up.met ? `200 after ${up.elapsedMs} ms` : `still ${seen(up.answer)} after ${up.elapsedMs} ms`,
      up.elapsedMs,
    );
  }
  return findings;
}
