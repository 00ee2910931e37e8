// (a) Does one failed dependency check change what ordinary routes answer?
import { createBenchHealth, rollgateFastifyPlugin } from '../rollgate.mjs';
import { fastifyUrl, pause } from '../servers-util.mjs';
import { snippet, tally, timedGet } from '../timed-get.mjs';

const SCENARIO = '(a) one failed health check, then GET /orders';
const SAMPLES = 40;
const SPACING_MS = 50;

async function fastifyWithOrders(register) {
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false });
  await register(app);
  app.get('/orders', async () => ({ orders: [] }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

async function sampleOrders(base) {
  const samples = [];
  const started = Date.now();
  for (let i = 0; i < SAMPLES; i++) {
    const r = await timedGet(`${base}/orders`, 2000);
    samples.push({ at: Date.now() - started, status: r.answered ? String(r.status) : 'no answer', r });
    await pause(SPACING_MS);
  }
  return samples;
}

function window503(samples) {
  const failing = samples.filter((s) => s.status === '503');
  if (failing.length === 0) return '';
  return `; 503 from ${failing[0].at} ms to ${failing.at(-1).at} ms of the sampling`;
}

/** One row of this scenario. */
export async function underPressureInterval() {
  const { default: underPressure } = await import('@fastify/under-pressure');
  let calls = 0;
  const app = await fastifyWithOrders((a) =>
    a.register(underPressure, {
      healthCheckInterval: 500,
      // Healthy at boot, one failed run (the first interval check), healthy again afterwards.
      healthCheck: async () => {
        calls++;
        return calls !== 2;
      },
    }),
  );
  try {
    const samples = await sampleOrders(fastifyUrl(app));
    const first503 = samples.find((s) => s.status === '503');
    return {
      scenario: SCENARIO,
      library: '@fastify/under-pressure 9, `healthCheckInterval: 500`',
      setup: 'healthCheck returns false once (2nd run), true before and after',
      observed:
        `GET /orders every ${SPACING_MS} ms: ${tally(samples.map((s) => s.status))}${window503(samples)}` +
        (first503
          ? `; body ${snippet(first503.r.body, 120)}, Retry-After: ${first503.r.headers['retry-after']}`
          : ''),
    };
  } finally {
    await app.close();
  }
}

/** One row of this scenario. */
export async function underPressureStatusRoute() {
  const { default: underPressure } = await import('@fastify/under-pressure');
  let calls = 0;
  const app = await fastifyWithOrders((a) =>
    a.register(underPressure, {
      exposeStatusRoute: '/readyz',
      // Fails once, at boot (the plugin runs it at registration); healthy on every later call.
      healthCheck: async () => {
        calls++;
        return calls !== 1;
      },
    }),
  );
  try {
    const base = fastifyUrl(app);
    const callsAtBoot = calls;
    const status = await timedGet(`${base}/readyz`, 2000);
    const samples = await sampleOrders(base);
    const later = calls - callsAtBoot;
    return {
      scenario: SCENARIO,
      library: '@fastify/under-pressure 9, `exposeStatusRoute` only',
      setup: 'healthCheck returns false once (at registration), true afterwards',
      observed:
        `GET /readyz ${status.status} ${snippet(status.body, 70)}; GET /orders every ${SPACING_MS} ms ` +
        `(${(SAMPLES * SPACING_MS) / 1000} s): ${tally(samples.map((s) => s.status))}; healthCheck ran ${later} ` +
        'more times after boot. The failed boot check set a flag that every route checks first; only ' +
        '`healthCheckInterval` re-checks clear it, and the status route itself is blocked by the flag',
    };
  } finally {
    await app.close();
  }
}

/** One row of this scenario. */
export async function rollgateFastify() {
  const plugin = await rollgateFastifyPlugin();
  const health = await createBenchHealth([
    {
      name: 'Postgres',
      check: async () => {
        throw new Error('connect ECONNREFUSED 10.0.0.5:5432');
      },
    },
  ]);
  const app = await fastifyWithOrders((a) => a.register(plugin, { health }));
  try {
    const base = fastifyUrl(app);
    const readyz = await timedGet(`${base}/readyz`, 5000);
    const samples = await sampleOrders(base);
    return {
      scenario: SCENARIO,
      library: 'rollgate `@rollgate/adapters/fastify`',
      setup: 'Postgres probe fails on every run',
      observed:
        `GET /readyz ${readyz.status} ${snippet(readyz.body, 120)}; GET /orders every ${SPACING_MS} ms: ` +
        tally(samples.map((s) => s.status)),
    };
  } finally {
    await app.close();
    await health.close();
  }
}

/** Runs scenario (a) and returns its table rows. */
export async function ordinaryRoutes() {
  return [await underPressureInterval(), await underPressureStatusRoute(), await rollgateFastify()];
}
