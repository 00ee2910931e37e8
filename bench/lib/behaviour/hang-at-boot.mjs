// (b) A dependency hangs while the service boots: does the server start?
import { createBenchHealth, rollgateFastifyPlugin } from '../rollgate.mjs';
import { fastifyUrl, never } from '../servers-util.mjs';
import { snippet, timedGet } from '../timed-get.mjs';

const SCENARIO = '(b) dependency hangs at boot: time until listen() resolves';
const CAP_MS = 15_000;

function elapsedMs(started) {
  return Number(process.hrtime.bigint() - started) / 1e6;
}

// listen() with a cap, so a boot that never finishes is reported instead of hanging the benchmark. Plugins are
// registered without awaiting, so the time covers loading them (Fastify boots them inside listen()).
async function timedListen(app) {
  const started = process.hrtime.bigint();
  let timer;
  const cap = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ outcome: 'cap' }), CAP_MS);
  });
  const listening = app.listen({ port: 0, host: '127.0.0.1' }).then(
    () => ({ outcome: 'listening' }),
    (error) => ({ outcome: 'rejected', error }),
  );
  const result = await Promise.race([listening, cap]);
  clearTimeout(timer);
  return { ...result, ms: elapsedMs(started) };
}

/** One row of this scenario. */
export async function underPressure() {
  const { default: Fastify } = await import('fastify');
  const { default: plugin } = await import('@fastify/under-pressure');
  const app = Fastify({ logger: false });
  app.register(plugin, { exposeStatusRoute: '/readyz', healthCheck: () => never() });
  app.get('/orders', async () => ({ orders: [] }));
  const r = await timedListen(app);
  await app.close().catch(() => {});
  const observed =
    r.outcome === 'rejected'
      ? `listen() rejected after ${Math.round(r.ms)} ms with ${r.error.code}: ${snippet(r.error.message, 110)}; no route was ever served`
      : r.outcome === 'cap'
        ? `listen() had not resolved after ${CAP_MS / 1000} s`
        : `listen() resolved after ${Math.round(r.ms)} ms`;
  return {
    scenario: SCENARIO,
    library: '@fastify/under-pressure 9, `exposeStatusRoute`, Fastify default `pluginTimeout`',
    setup: 'healthCheck never settles',
    observed,
  };
}

/** One row of this scenario. */
export async function rollgate() {
  const { default: Fastify } = await import('fastify');
  const plugin = await rollgateFastifyPlugin();
  const health = await createBenchHealth([{ name: 'Postgres', check: () => never() }]);
  const app = Fastify({ logger: false });
  app.register(plugin, { health });
  app.get('/orders', async () => ({ orders: [] }));
  const r = await timedListen(app);
  try {
    if (r.outcome !== 'listening') {
      return { scenario: SCENARIO, library: 'rollgate', setup: 'probe never settles', observed: r.outcome };
    }
    const base = fastifyUrl(app);
    const readyz = await timedGet(`${base}/readyz`, CAP_MS);
    const orders = await timedGet(`${base}/orders`, CAP_MS);
    return {
      scenario: SCENARIO,
      library: 'rollgate `@rollgate/adapters/fastify`',
      setup: 'Postgres probe never settles, `probeTimeoutMs` 2000',
      observed:
        `listen() resolved after ${r.ms.toFixed(1)} ms (registration runs no probe); then GET /readyz ${readyz.status} after ` +
        `${Math.round(readyz.ms)} ms ${snippet(readyz.body, 110)}; GET /orders ${orders.status}`,
    };
  } finally {
    await app.close();
    await health.close();
  }
}

/** Runs scenario (b) and returns its table rows. */
export async function hangAtBoot() {
  return Promise.all([underPressure(), rollgate()]);
}
