// One behaviour on every adapter: each row of the conformance table (rows.ts) is sent as the same raw bytes over a
// real socket to Fastify 5, Fastify 4, Express 5, Express 4, node:http and the fetch handler, and every answer must
// equal `readyz.handle()`'s for that request: status, readyz's headers and body. Framework-owned connection headers
// (date, connection, keep-alive) are left out; everything readyz sets, content-length included, must match.
import { createHealth, type Health } from '@rollgate/core';
import { createReadyz, type ReadyzResponse } from '@rollgate/readyz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADAPTERS,
  type AdapterName,
  FETCH_REFUSED_BODY,
  startApp,
  type TestApp,
} from '../../tests/apps/index.js';
import { type RawAnswer, sendRaw } from './raw-http.js';
import { NAMES, parsedRequest, ROWS, type Row } from './rows.js';

// Headers node adds around any answer; none of them is readyz's.
const CONNECTION_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
// Headers a framework adds to every answer of the host app (Express' `x-powered-by`, unless the host disables it).
const FRAMEWORK_HEADERS: Partial<Record<AdapterName, ReadonlySet<string>>> = {
  express5: new Set(['x-powered-by']),
  express4: new Set(['x-powered-by']),
};

/**
 * Where an adapter cannot answer as readyz does, because the framework answers before any plugin code runs.
 * Each entry states what the framework does instead, so the row fails the day the framework changes.
 */
const FRAMEWORK_FIRST: Partial<Record<string, Partial<Record<AdapterName, (answer: RawAnswer) => void>>>> = {
  // The WHATWG Request constructor refuses TRACE: no fetch runtime hands it to a handler (the test bridge says so).
  'TRACE /readyz: 405 with Allow': { fetch: fetchRefused },
};

function fetchRefused(answer: RawAnswer): void {
  expect(answer.status).toBe(400);
  expect(answer.body).toBe(FETCH_REFUSED_BODY);
}

let health: Health;
const apps = new Map<AdapterName, TestApp>();

beforeAll(async () => {
  // A long TTL: every adapter and handle() answer from the same settled results (same durations and times).
  health = createHealth({
    service: 'orders-api',
    version: '1.4.0',
    probeTimeoutMs: 300,
    cacheTtlMs: 600_000,
  });
  health.register({ name: NAMES.ok, check: () => 'PONG' });
  health.register({
    name: NAMES.failing,
    check: () => {
      throw new Error('metadata timeout after 500ms');
    },
  });
  for (const name of [NAMES.spaced, NAMES.longAscii, NAMES.longUtf8])
    health.register({ name, check: () => 1 });
  health.register({ name: 'event-loop', groups: ['liveness', 'startup'], check: () => true });
  await health.check('readiness');
  await health.check('liveness');
  await health.check('startup');
  for (const name of health.probeNames()) await health.checkProbe(name);
  for (const adapter of ADAPTERS) apps.set(adapter, await startApp(adapter, { health }));
});

afterAll(async () => {
  await Promise.all([...apps.values()].map((app) => app.close()));
  await health?.close();
});

function portOf(app: TestApp): number {
  return Number(new URL(app.url).port);
}

/** readyz's headers of an answer; content-length left out when the body's timing makes it vary (`timed`). */
function readyzHeaders(
  answer: RawAnswer | ReadyzResponse,
  adapter: AdapterName | undefined,
  timed: boolean,
): Record<string, string> {
  const framework = adapter === undefined ? undefined : FRAMEWORK_HEADERS[adapter];
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (CONNECTION_HEADERS.has(name) || framework?.has(name) === true) continue;
    if (timed && name === 'content-length') continue;
    kept[name] = value;
  }
  return kept;
}

// A verbose report times the check that produced it (`duration_ms`, `response_time_ms`, `timestamp` at the
// top level); every probe result in it is the same cached one. Those three, and so content-length, differ
// from one request to the next on any adapter, so they are compared as present rather than by value.
const CHECK_TIMING = ['duration_ms', 'response_time_ms', 'timestamp'] as const;

function withoutCheckTiming(body: string): string {
  if (!body.startsWith('{')) return body;
  const parsed = JSON.parse(body) as Record<string, unknown>;
  for (const key of CHECK_TIMING) if (key in parsed) parsed[key] = typeof parsed[key];
  return JSON.stringify(parsed);
}

async function answersOf(row: Row): Promise<Map<AdapterName, RawAnswer>> {
  const answers = new Map<AdapterName, RawAnswer>();
  // One adapter at a time: the 3 MiB row should not have six uploads compete on two cores.
  for (const adapter of ADAPTERS) {
    const app = apps.get(adapter);
    if (app === undefined) throw new Error(`${adapter} did not start`);
    answers.set(adapter, await sendRaw(portOf(app), row.request));
  }
  return answers;
}

describe('the conformance table: the same request, the same answer on every adapter', () => {
  it.each(ROWS.map((row) => [row.name, row] as const))('%s', async (_, row) => {
    const answers = await answersOf(row);
    if (row.kind === 'readyz') {
      const { method, target, headers } = parsedRequest(row.request);
      const expected = await createReadyz(health).handle({ method, path: target, headers });
      for (const [adapter, answer] of answers) {
        const frameworkFirst = FRAMEWORK_FIRST[row.name]?.[adapter];
        if (frameworkFirst !== undefined) {
          frameworkFirst(answer);
          continue;
        }
        expect({ adapter, status: answer.status }).toEqual({ adapter, status: expected.status });
        const timed = withoutCheckTiming(expected.body) !== expected.body;
        expect({ adapter, headers: readyzHeaders(answer, adapter, timed) }).toEqual({
          adapter,
          headers: readyzHeaders(expected, undefined, timed),
        });
        if (expected.body !== '') {
          expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body));
        }
        expect({ adapter, body: withoutCheckTiming(answer.body) }).toEqual({
          adapter,
          body: withoutCheckTiming(expected.body),
        });
      }
      return;
    }
    const reference = answers.get('node');
    const { target } = parsedRequest(row.request);
    for (const [adapter, answer] of answers) {
      // node's parser (or Fastify's clientError handler, which stands in for node's) and the host's 404:
      // not readyz's to answer, so only the status is common, and no readyz answer may appear.
      expect({ adapter, status: answer.status }).toEqual({
        adapter,
        status: row.kind === 'parser' ? reference?.status : 404,
      });
      expect(answer.body).not.toContain('ROLLGATE_ERR');
      if (row.kind === 'parser') expect(answer.body).not.toContain(target);
    }
  });

  it('names only rows of the table where a framework answers first', () => {
    const names = new Set(ROWS.map((row) => row.name));
    expect(Object.keys(FRAMEWORK_FIRST).filter((name) => !names.has(name))).toEqual([]);
  });

  it('never echoes the request URL in a readyz answer', async () => {
    const marker = 'zz-echo-marker';
    for (const target of [
      `/readyz/${marker}`,
      `/readyz/${marker}/${'x'.repeat(300)}`,
      `/readyz?${marker}=1`,
    ]) {
      for (const method of ['GET', 'PROPFIND', 'POST']) {
        for (const [adapter, app] of apps) {
          const answer = await sendRaw(portOf(app), {
            head: [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'],
          });
          expect({ adapter, method, target, echoed: answer.body.includes(marker) }).toEqual({
            adapter,
            method,
            target,
            echoed: false,
          });
        }
      }
    }
  });
});
