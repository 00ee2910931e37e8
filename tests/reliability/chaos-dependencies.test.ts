// Chaos on real dependencies: a service in its own process (Fastify plugin, heartbeat mode, real ioredis
// and pg clients) while redis-server and PostgreSQL are stopped/started and SIGSTOPped/SIGCONTed at random
// from a seeded plan, and autocannon drives /readyz and an ordinary route. The test records a timeline
// (faults, and a kubelet-like /readyz poll every 100 ms) and judges it: each long enough outage shows as a
// 503 naming the dependency within the detection bound, readiness recovers within the recovery bound, no
// 503 names a healthy dependency, the process never exits, /orders never fails, and no connection is pinned.
// 60 s of chaos by default; ROLLGATE_RELIABILITY_LONG=1 runs 10 minutes; ROLLGATE_CHAOS_SEED=<n> replays a run.
import { postgresSentinelTableSql } from '@rollgate/adapters/probes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  http,
  type PostgresServer,
  type RedisServer,
  startPostgres,
  startRedis,
  waitUntil,
} from '../support/index.js';
import { type ChaosApp, type PoolState, startChaosApp } from './chaos-app-process.js';
import { chooseSeed, type Dependency, type FaultStep, faultPlan } from './chaos-schedule.js';
import {
  type Bounds,
  type FaultMark,
  judgeOutages,
  type PollMark,
  spread,
  strayPolls,
} from './chaos-timeline.js';
import { drive, type LoadResult, statusCounts } from './load.js';

const LONG = process.env.ROLLGATE_RELIABILITY_LONG === '1';
const RUN_MS = LONG ? 600_000 : 60_000;
const SEED = chooseSeed(process.env.ROLLGATE_CHAOS_SEED);

const INTERVAL_MS = 500;
const FAILURE_THRESHOLD = 2;
const SUCCESS_THRESHOLD = 2;
const PROBE_TIMEOUT_MS = 300;
const POLL_MS = 100;
// Why the slack: one heartbeat interval, because a round that overruns its tick (a 300 ms probe timeout plus
// event-loop lag) makes the loop skip that tick; plus 1 s for scheduling on a loaded 2-core CI box, where this
// test, the app, autocannon, redis-server and PostgreSQL all compete, and a reconnecting client's first
// command (pg's new connection, ioredis' 50 ms retry) lands late.
const SLACK_MS = INTERVAL_MS + 1_000;
// The last of `threshold` rounds starts at most threshold × interval after the change and ends within a probe
// timeout; the next poll sees it within a poll period.
const BOUNDS: Bounds = {
  detectionMs: FAILURE_THRESHOLD * INTERVAL_MS + PROBE_TIMEOUT_MS + POLL_MS + SLACK_MS,
  recoveryMs: SUCCESS_THRESHOLD * INTERVAL_MS + PROBE_TIMEOUT_MS + POLL_MS + SLACK_MS,
};
// Gaps outlast the recovery bound so each outage's recovery is judged before the next fault of its lane.
const PLAN = faultPlan(SEED, {
  minGapMs: BOUNDS.recoveryMs + 600,
  maxGapMs: BOUNDS.recoveryMs + 3_000,
  minFaultMs: 300,
  maxFaultMs: 6_000,
  steps: Math.ceil(RUN_MS / (BOUNDS.recoveryMs + 600)),
});

const PG_POOL_MAX = 2;

let redis: RedisServer;
let postgres: PostgresServer;
let app: ChaosApp;

beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  await postgres.sql(postgresSentinelTableSql());
  app = await startChaosApp({
    REDIS_URL: redis.url,
    PG_URL: postgres.url(),
    INTERVAL_MS: String(INTERVAL_MS),
    FAILURE_THRESHOLD: String(FAILURE_THRESHOLD),
    SUCCESS_THRESHOLD: String(SUCCESS_THRESHOLD),
    PROBE_TIMEOUT_MS: String(PROBE_TIMEOUT_MS),
    PG_POOL_MAX: String(PG_POOL_MAX),
  });
});

afterAll(async () => {
  await app?.stop();
  redis?.resume();
  postgres?.resume();
  await Promise.all([redis?.close(), postgres?.close()]);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Runs one dependency's lane of faults until `endAt`; no fault starts unless it can be cleared by then. */
async function runLane(
  dependency: Dependency,
  steps: readonly FaultStep[],
  server: RedisServer | PostgresServer,
  now: () => number,
  endAt: number,
  faults: FaultMark[],
): Promise<void> {
  for (const { gapMs, kind, durationMs } of steps) {
    await sleep(Math.min(gapMs, endAt - now()));
    if (now() + durationMs > endAt) return;
    faults.push({ t: now(), dependency, kind, phase: 'applied' });
    if (kind === 'stop') await server.stop();
    else server.pause();
    await sleep(durationMs);
    if (kind === 'stop') await server.start();
    else server.resume();
    faults.push({ t: now(), dependency, kind, phase: 'cleared' });
  }
}

/** A kubelet-like poller: GET /readyz every POLL_MS until `done()`, recording status and named failures. */
async function poll(url: string, now: () => number, done: () => boolean, polls: PollMark[]): Promise<void> {
  while (!done()) {
    const sentAt = now();
    try {
      const answer = await http(`${url}/readyz`, { timeoutMs: 2_000 });
      const body = answer.json() as { failures?: { name: string }[] };
      polls.push({
        sentAt,
        t: now(),
        status: answer.status,
        failing: (body.failures ?? []).map((failure) => failure.name),
      });
    } catch (error) {
      polls.push({ sentAt, t: now(), status: 0, failing: [], error: String(error) });
    }
    await sleep(sentAt + POLL_MS - now());
  }
}

const poolsSane = (state: PoolState | undefined, idleRequired: boolean): boolean =>
  state !== undefined &&
  state.pg.waitingCount === 0 &&
  state.pg.totalCount <= state.pg.max &&
  (!idleRequired || state.pg.idleCount === state.pg.totalCount) &&
  state.redis.status === 'ready' &&
  state.redis.offlineQueue === 0 &&
  state.redis.commandQueue <= 1; // a heartbeat PING may be in flight

describe(`chaos on real redis-server and PostgreSQL (seed ${SEED})`, () => {
  it(
    'readiness names every outage within its bounds and recovers; the process and /orders never fail; nothing is pinned',
    async () => {
      const replay = `replay with ROLLGATE_CHAOS_SEED=${SEED}`;
      console.log(`chaos: seed ${SEED}, ${RUN_MS / 1000} s (${replay})`);
      await waitUntil(async () => (await http(`${app.url}/readyz`)).status === 200, {
        timeoutMs: 10_000,
        describe: () => 'the app never became ready before the chaos started',
      });

      const started = performance.now();
      const now = () => performance.now() - started;
      const faults: FaultMark[] = [];
      const polls: PollMark[] = [];
      // Load runs until the last recovery bound has passed, so every recovery is seen under load too.
      const loadSeconds = Math.ceil((RUN_MS + BOUNDS.recoveryMs) / 1000);
      const load = (path: string, overallRate: number): Promise<LoadResult> =>
        drive({ url: `${app.url}${path}`, connections: 4, duration: loadSeconds, overallRate, timeout: 5 });
      const [orders, readyz] = [load('/orders', 200), load('/readyz', 200)];
      const polling = poll(app.url, now, () => now() > RUN_MS + BOUNDS.recoveryMs, polls);
      await Promise.all([
        runLane('Redis', PLAN.Redis, redis, now, RUN_MS, faults),
        runLane('Postgres', PLAN.Postgres, postgres, now, RUN_MS, faults),
      ]);
      await polling;
      const [ordersResult, readyzResult] = await Promise.all([orders, readyz]);
      faults.sort((a, b) => a.t - b.t);

      const verdicts = judgeOutages(faults, polls, BOUNDS);
      const long = verdicts.filter((v) => v.clearedAt - v.appliedAt >= BOUNDS.detectionMs);
      console.log(
        `chaos: ${verdicts.length} outages (${long.length} ≥ ${BOUNDS.detectionMs} ms), ${polls.length} polls; ` +
          `detection ${JSON.stringify(spread(long.map((v) => v.detectionMs)))} ms (bound ${BOUNDS.detectionMs}), ` +
          `recovery ${JSON.stringify(spread(verdicts.filter((v) => v.detectionMs !== undefined).map((v) => v.recoveryMs)))} ms (bound ${BOUNDS.recoveryMs}); ` +
          `/orders ${JSON.stringify(statusCounts(ordersResult))}, /readyz ${JSON.stringify(statusCounts(readyzResult))}`,
      );
      for (const v of verdicts) {
        console.log(
          `  ${v.dependency.padEnd(8)} ${v.kind.padEnd(5)} at ${String(Math.round(v.appliedAt)).padStart(6)} ms for ` +
            `${String(Math.round(v.clearedAt - v.appliedAt)).padStart(5)} ms: detected ${v.detectionMs === undefined ? '-' : Math.round(v.detectionMs)}, ` +
            `recovered ${v.recoveryMs === undefined ? '-' : Math.round(v.recoveryMs)}`,
        );
      }

      expect(app.exited(), `${replay}\n${app.stderr()}`).toBeUndefined();
      expect(long.length, `${replay}: the plan produced no outage long enough to judge`).toBeGreaterThan(0);
      expect(
        verdicts.flatMap((v) => v.problems),
        replay,
      ).toEqual([]);
      expect(strayPolls(faults, polls, BOUNDS), replay).toEqual([]);
      expect(ordersResult.requests.total).toBeGreaterThan(loadSeconds * 100);
      expect(
        { errors: ordersResult.errors, timeouts: ordersResult.timeouts, non2xx: ordersResult.non2xx },
        `/orders under chaos; ${replay}`,
      ).toEqual({ errors: 0, timeouts: 0, non2xx: 0 });
      expect({ errors: readyzResult.errors, timeouts: readyzResult.timeouts }, replay).toEqual({
        errors: 0,
        timeouts: 0,
      });
      expect(
        Object.keys(statusCounts(readyzResult)).filter((code) => code !== '200' && code !== '503'),
      ).toEqual([]);

      // Nothing pinned: with every dependency back, the pool drains its waiters and returns its clients, and
      // ioredis empties its offline queue. Heartbeat rounds keep running, so poll until a quiet moment.
      let state: PoolState | undefined;
      await waitUntil(
        async () => {
          state = (await http(`${app.url}/debug/pools`)).json() as PoolState;
          return poolsSane(state, true);
        },
        {
          timeoutMs: 5_000,
          intervalMs: 50,
          describe: () => `pools not sane: ${JSON.stringify(state)}; ${replay}`,
        },
      );
      expect((await http(`${app.url}/readyz`)).status).toBe(200);
      const atExit = await app.stop();
      expect(app.exited(), app.stderr()).toEqual({ code: 0, signal: null });
      console.log(`chaos: pools after the run ${JSON.stringify(state)}, at exit ${JSON.stringify(atExit)}`);
      expect(poolsSane(atExit, true), `at exit: ${JSON.stringify(atExit)}`).toBe(true);
      expect(app.stderr()).toBe('');
    },
    RUN_MS + 60_000,
  );
});
