// The secret-leak sweep: a whole service (live and heartbeat healths, each on the Fastify, Express, node:http and
// fetch adapters, with metrics, tracing, logging, telemetry sinks, listeners, an event emitter, the drill admin
// route and installShutdown) whose probes fail with a planted secret each, in every form the engine redacts. It is
// driven through failure, recovery, failure again, drills and shutdown over real sockets, on every route, in both
// formats; then everything that left (bodies, headers, log lines, spans, metric text, events, listener payloads)
// is swept for every planted fragment raw, percent-encoded, form-encoded, JSON-escaped and base64/base64url.
// Positive controls prove the sweep finds what it looks for and that the probes really failed with the secrets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enableActiveContext } from '../../packages/core/src/probe/test-kit.js';
import { type HttpAnswer, http } from '../support/index.js';
import {
  type LeakRig,
  probeName,
  STARTUP_PROBE,
  type SweptHealth,
  startLeakRig,
} from './support-sweep/leak-rig.js';
import {
  ADMIN_TOKEN,
  type Captured,
  encodingsOf,
  LEAKS,
  type Leak,
  PLANTED,
  sweep,
} from './support-sweep/secret-corpus.js';

const HEALTH_JSON = { accept: 'application/health+json' };
const BEARER = { authorization: `Bearer ${ADMIN_TOKEN}` };

interface Answer {
  readonly where: string;
  readonly answer: HttpAnswer;
}

let rig: LeakRig;
let disableContext: () => void = () => {};
const answers: Answer[] = [];
let exitCode: number | undefined;
let found: Leak[] = [];
let captured: Captured[] = [];

/** Sends every request of `list` to `app`, a few at a time, and keeps each answer. */
async function send(
  phase: string,
  swept: SweptHealth,
  list: readonly { path: string; method?: string; headers?: Record<string, string> }[],
): Promise<Answer[]> {
  const kept: Answer[] = [];
  for (const [adapter, app] of swept.apps) {
    for (let i = 0; i < list.length; i += 8) {
      const batch = list.slice(i, i + 8);
      const results = await Promise.all(
        batch.map(async (request) => ({
          where: `${phase} ${swept.mode} ${adapter} ${request.method ?? 'GET'} ${request.path}${
            request.headers?.accept ? ' (health+json)' : ''
          }`,
          answer: await http(`${app.url}${request.path}`, {
            method: request.method ?? 'GET',
            headers: request.headers ?? {},
          }),
        })),
      );
      kept.push(...results);
    }
  }
  answers.push(...kept);
  return kept;
}

// Every route in both formats, the single-probe routes of every probe (while they fail), the metrics, an
// unknown method.
function everyRoute(singleProbes: boolean) {
  const group = ['/readyz', '/readyz?verbose', '/readyz?verbose&exclude=dep1', '/health/ready', '/livez'];
  const more = [
    '/healthz',
    '/health',
    '/health/live',
    '/health/startup',
    '/health/startup?verbose',
    '/version',
  ];
  return [
    ...[...group, ...more].map((path) => ({ path })),
    ...['/readyz', '/readyz?verbose', '/health', '/livez?verbose', '/readyz/dep0?verbose'].map((path) => ({
      path,
      headers: HEALTH_JSON,
    })),
    ...(singleProbes ? PLANTED.map((_planted, index) => ({ path: `/readyz/${probeName(index)}` })) : []),
    { path: `/readyz/${STARTUP_PROBE}` },
    { path: '/metrics' },
    { path: '/readyz', method: 'HEAD' },
    { path: '/readyz', method: 'POST' },
  ];
}

// Generous: a heartbeat round is 250 ms, but the CI box is a loaded 2-core machine.
async function until(what: string, condition: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const heartbeatIs = (swept: SweptHealth, status: 'ok' | 'fail') =>
  until(`heartbeat ${status}`, async () => (await swept.health.check('readiness')).status === status);

beforeAll(async () => {
  disableContext = enableActiveContext();
  rig = await startLeakRig();
  const [live, heartbeat] = rig.healths as [SweptHealth, SweptHealth];

  // 1. Every dependency fails with its secret.
  await heartbeatIs(heartbeat, 'fail');
  for (const swept of rig.healths) await send('failing', swept, everyRoute(true));

  // 2. Drills through the admin route: start, read, end, and refused without or with a wrong token.
  for (const swept of rig.healths) {
    const drill = '/readyz/admin/drills/dep1';
    await send('drill', swept, [
      { path: `${drill}?mode=fail&forMs=60000`, method: 'POST', headers: BEARER },
      { path: drill, headers: BEARER },
      { path: '/readyz?verbose' },
      { path: drill, method: 'DELETE', headers: BEARER },
      { path: `${drill}?mode=fail&forMs=60000`, method: 'POST' },
      {
        path: `${drill}?mode=fail&forMs=60000`,
        method: 'POST',
        headers: { authorization: 'Bearer wrong-token-0000' },
      },
    ]);
  }

  // 3. Recovery: every probe passes, startup completes.
  rig.failing = false;
  for (const swept of rig.healths) swept.health.markStarted();
  await heartbeatIs(heartbeat, 'ok');
  for (const swept of rig.healths) await send('recovered', swept, everyRoute(false));

  // 4. Failing again (a second transition: change events, health.failed again).
  rig.failing = true;
  await heartbeatIs(heartbeat, 'fail');
  for (const swept of rig.healths) {
    await send('failing again', swept, [
      { path: '/readyz?verbose' },
      { path: '/readyz?verbose', headers: HEALTH_JSON },
      { path: '/metrics' },
    ]);
  }

  // 5. Shutdown of the live health's node server: readiness drains, the emitter is closed.
  const shutdownUrl = live.apps.get('node')?.url;
  const exiting = rig.shutdown();
  await new Promise((resolve) => setTimeout(resolve, 50));
  answers.push({
    where: 'draining live node /readyz?verbose',
    answer: await http(`${shutdownUrl}/readyz?verbose`),
  });
  exitCode = await exiting;

  captured = [
    ...answers.flatMap(({ where, answer }) => [
      { where: `${where} body`, text: answer.text },
      { where: `${where} headers`, text: JSON.stringify(answer.headers) },
    ]),
    ...(await rig.captured()),
  ];
  found = sweep(captured);
}, 120_000);

afterAll(async () => {
  await rig?.close();
  disableContext();
});

describe('secret-leak sweep over a whole service', () => {
  it('finds no planted secret, in any encoding, in anything that left the process', () => {
    // One line per fragment, encoding and kind of output (the first place it was seen), so a failure stays readable.
    const report = new Map<string, string>();
    for (const leak of found) {
      const kind = leak.where.replace(/\d+/g, 'N');
      report.set(`${leak.leak} (${leak.encoding}) in ${kind}`, leak.where);
    }
    expect([...report].map(([what, first]) => `${what}, first: ${first}`)).toEqual([]);
  });

  it('swept every kind of output, each non-empty', () => {
    const kinds = [
      'body',
      'headers',
      'log line',
      'telemetry sink event',
      'change listener',
      'probe listener',
      'emitter stream sink write',
      'emitter webhook call',
      'emitter otel record',
      'registry',
      'span',
      'snapshot',
    ];
    for (const kind of kinds) {
      expect(captured.filter((c) => c.where.includes(kind)).length, kind).toBeGreaterThan(0);
    }
    expect(rig.spanCount()).toBeGreaterThan(PLANTED.length * 2);
    const metrics = answers.filter((a) => a.where.endsWith('/metrics'));
    expect(metrics.every((a) => a.answer.status === 200)).toBe(true);
    expect(metrics.some((a) => a.answer.text.includes('sweep_readyz_probe_success{'))).toBe(true);
  });

  it('drove failure, recovery, drills and shutdown as intended', () => {
    const status = (where: string) => answers.find((a) => a.where === where)?.answer.status;
    for (const adapter of ['fastify', 'express5', 'node', 'fetch']) {
      for (const mode of ['live', 'heartbeat']) {
        expect(status(`failing ${mode} ${adapter} GET /readyz`), `${mode} ${adapter}`).toBe(503);
        expect(status(`recovered ${mode} ${adapter} GET /readyz`), `${mode} ${adapter}`).toBe(200);
        expect(status(`failing again ${mode} ${adapter} GET /readyz?verbose`)).toBe(503);
        const drill = `drill ${mode} ${adapter} POST /readyz/admin/drills/dep1?mode=fail&forMs=60000`;
        expect(answers.filter((a) => a.where === drill).map((a) => a.answer.status)).toEqual([200, 401, 401]);
      }
    }
    expect(status('draining live node /readyz?verbose')).toBe(503);
    expect(exitCode).toBe(0);
  });

  it('the probes really failed with the planted secrets (positive control)', () => {
    PLANTED.forEach((planted, index) => {
      const texts = rig.thrown.get(probeName(index)) ?? [];
      // At least once per health in each failing phase.
      expect(texts.length, planted.name).toBeGreaterThanOrEqual(4);
      // Each leak is in the thrown text, raw or in the encoding the form plants it in.
      const planted0 = sweep([{ where: 'thrown', text: texts[0] ?? '' }], planted.leaks);
      expect(new Set(planted0.map((hit) => hit.leak)), planted.name).toEqual(new Set(planted.leaks));
    });
    const verbose = answers.find((a) => a.where === 'failing live fastify GET /readyz?verbose')?.answer;
    const body = verbose?.json() as { checks: { name: string; status: string; error?: string }[] };
    const failed = body.checks.filter((check) => check.name.startsWith('dep') && check.status === 'fail');
    expect(failed).toHaveLength(PLANTED.length);
    // Redacted, not dropped: the failure text is there with the secret replaced.
    expect(failed.filter((check) => check.error?.includes('***'))).toHaveLength(PLANTED.length);
  });

  it('the sweep finds every fragment in every encoding it looks for (positive control)', () => {
    for (const leak of LEAKS) {
      for (const { encoding, text } of encodingsOf(leak)) {
        const hits = sweep([{ where: 'control', text: `before ${text} after` }], [leak]);
        expect(
          hits.map((hit) => hit.encoding),
          `${leak} ${encoding}`,
        ).toContain(encoding);
      }
    }
    // An unredacted failure body, as a JSON-encoding service would send it, is caught for every planted form.
    for (const planted of PLANTED) {
      const body = JSON.stringify({ status: 'fail', dependency: 'x', error: planted.text });
      const hits = sweep([{ where: 'unredacted', text: body }], planted.leaks);
      expect(new Set(hits.map((hit) => hit.leak)), planted.name).toEqual(new Set(planted.leaks));
    }
  });
});
