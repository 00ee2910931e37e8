// Every public function taking an options object, found from the types (support-sweep/option-surface.ts), called
// with generated bad options (an unknown key, each key misspelt, each number/string/boolean/function key given a
// wrong-typed value, nested objects included): each must be refused with a RollgateError whose code is
// ROLLGATE_ERR_* and whose message names the key, or, where the function returns mistakes as data (the
// evaluators), with an issue naming it. Never a silent default. The cases that are not refused are product gaps,
// listed exactly in KNOWN_GAPS: the suite fails on a new one and on one that got fixed (so the list shrinks).
import { isRollgateError } from '@rollgate/contract/errors';
import { describe, expect, it } from 'vitest';
import { KNOWN_GAPS } from './support-sweep/option-gaps.js';
import { type Mutation, mutationsOf } from './support-sweep/option-mutations.js';
import { type OptionFunction, readOptionSurface } from './support-sweep/option-surface.js';
import { NOT_CALLED, TARGETS } from './support-sweep/option-targets.js';

// Reading the types takes a program over every package (about 10 s here, 30 s on a loaded 2-core box).
const SURFACE: readonly OptionFunction[] = readOptionSurface();

/** The functions the brief names; the generator must find each of them, whatever else it finds. */
const EXPECTED = [
  '@rollgate/core#createHealth',
  '@rollgate/core#createHealth().register',
  '@rollgate/readyz#createReadyz',
  '@rollgate/adapters/fastify#rollgateFastify',
  '@rollgate/adapters/express#rollgateExpress',
  '@rollgate/adapters/node#rollgateNode',
  '@rollgate/adapters/fetch#rollgateFetch',
  '@rollgate/adapters/probes#httpProbe',
  '@rollgate/adapters/probes#postgresProbe',
  '@rollgate/adapters/probes#redisProbe',
  '@rollgate/adapters/probes#kafkaProbe',
  '@rollgate/adapters/shutdown#installShutdown',
  '@rollgate/core/events#createEmitter',
  '@rollgate/core/events#fileSink',
  '@rollgate/core/events#webhookSink',
  '@rollgate/core/events#otelSink',
  '@rollgate/core/events#streamSink',
  '@rollgate/cli#createAnalysisServer',
  '@rollgate/core/rules#evaluateRollback',
  '@rollgate/core/gate#evaluateGate',
  '@rollgate/core/canary#advanceCanary',
];

/** How one bad call ended. */
type Verdict =
  | 'refused'
  | 'accepted silently'
  | 'refused, key not named'
  | 'refused without a RollgateError'
  | 'refused as data, key not named';

interface Finding {
  readonly label: string;
  readonly verdict: Verdict;
  readonly detail: string;
}

async function judge(run: (options: Record<string, unknown>) => Promise<unknown>, mutation: Mutation) {
  let value: unknown;
  try {
    value = await run(mutation.options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!isRollgateError(error)) return finding(mutation, 'refused without a RollgateError', message);
    if (!message.includes(mutation.names)) return finding(mutation, 'refused, key not named', message);
    return finding(mutation, 'refused', message);
  }
  const issues = issuesIn(value);
  if (issues.length === 0) return finding(mutation, 'accepted silently', '');
  const named = issues.find((issue) => `${issue.path ?? ''} ${issue.message}`.includes(mutation.names));
  return named === undefined
    ? finding(mutation, 'refused as data, key not named', issues.map((i) => i.message).join(' | '))
    : finding(mutation, 'refused', named.message);
}

function finding(mutation: Mutation, verdict: Verdict, detail: string): Finding {
  return { label: mutation.label, verdict, detail: detail.slice(0, 200) };
}

// Mistakes returned as data: the contract's `{ code, path, message }` issues, or the reasons a gate rejected for.
function issuesIn(value: unknown): { code: string; path?: string; message: string }[] {
  if (typeof value !== 'object' || value === null) return [];
  const record = value as { issues?: unknown; reasons?: unknown; decision?: unknown };
  const listed = [
    ...(Array.isArray(record.issues) ? record.issues : []),
    ...(record.decision === 'reject' && Array.isArray(record.reasons)
      ? record.reasons.filter((reason: { code?: string }) => reason.code !== 'POLICY_PASSED')
      : []),
  ];
  return listed.filter(
    (item): item is { code: string; path?: string; message: string } =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as { message?: unknown }).message === 'string',
  );
}

describe('the option surface read from the types', () => {
  it('finds every function the brief names, with keys', () => {
    const found = new Map(SURFACE.map((fn) => [fn.id, fn]));
    for (const id of EXPECTED) {
      expect(found.get(id)?.keys.length ?? 0, `${id} not found or has no keys`).toBeGreaterThan(0);
    }
    expect(
      found.get('@rollgate/core#createHealth')?.keys.find((k) => k.name === 'heartbeat')?.nested,
    ).toHaveLength(4);
  });

  it('classifies every function it finds: called here, or not called for a stated reason', () => {
    const unclassified = SURFACE.map((fn) => fn.id).filter((id) => !(id in TARGETS) && !(id in NOT_CALLED));
    expect(unclassified).toEqual([]);
    const stale = [...Object.keys(TARGETS), ...Object.keys(NOT_CALLED)].filter(
      (id) => !SURFACE.some((fn) => fn.id === id),
    );
    expect(stale).toEqual([]);
  });
});

describe.each(SURFACE.filter((fn) => fn.id in TARGETS).map((fn) => [fn.id, fn] as const))('%s', (id, fn) => {
  const target = TARGETS[id]!;

  it('accepts its base options (so each refusal below is the mutation’s)', async () => {
    const value = await target.run(target.base());
    expect(issuesIn(value)).toEqual([]);
  });

  it('refuses every generated bad option with a coded error naming the key, except the listed gaps', async () => {
    const cases = mutationsOf(fn.keys, target.base());
    expect(cases.length).toBeGreaterThan(fn.keys.length);
    const findings: Finding[] = [];
    for (const mutation of cases) findings.push(await judge(target.run, mutation));
    const gaps = findings
      .filter((f) => f.verdict !== 'refused')
      .map((f) => `${f.label} → ${f.verdict}`)
      .sort();
    expect(gaps).toEqual([...(KNOWN_GAPS[id] ?? [])].sort());
  });
});
