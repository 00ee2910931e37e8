// installShutdown against real node:http and Fastify servers in this process. Signals are delivered
// with process.emit (the handlers run exactly as for a real signal, nothing else in the worker
// notices) and `exit` is injected, so the test process survives the shutdown it triggers.
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHealth, type Health } from '@rollgate/core';
import { createEmitter, type DeadLetter, type EventSink, type QueuedEvent } from '@rollgate/core/events';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { http } from '../../../../tests/support/index.js';
import { rollgateFastify } from '../fastify.js';
import { rollgateNode } from '../node.js';
import { installShutdown } from '../shutdown.js';

const SIGNAL = 'SIGUSR2';
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function health(): Health {
  const created = createHealth({
    service: 'orders-api',
    version: '1.4.0',
    probeTimeoutMs: 300,
    cacheTtlMs: 0,
  });
  created.register({ name: 'Redis', check: () => 'PONG' });
  cleanups.push(() => created.close());
  return created;
}

/** A node:http server with readyz, GET /work, and GET /slow?ms=N. */
async function nodeServer(h: Health): Promise<{ server: Server; url: string }> {
  const rollgate = rollgateNode({ health: h });
  const server = createServer((req, res) => {
    if (rollgate(req, res)) return;
    const slow = /^\/slow\?ms=(\d+)$/.exec(req.url ?? '');
    if (slow) {
      setTimeout(() => res.end('slow done'), Number(slow[1]));
      return;
    }
    if (req.url === '/hang') return; // never answers
    res.end('work');
  });
  server.keepAliveTimeout = 30_000; // so a lingering keep-alive connection would show as a slow exit
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** An exit spy that resolves with the code and the ms since `since()`. */
function exitSpy() {
  let started = performance.now();
  let resolveExit: (value: { code: number; ms: number }) => void = () => {};
  const exited = new Promise<{ code: number; ms: number }>((resolve) => {
    resolveExit = resolve;
  });
  const calls: number[] = [];
  return {
    exited,
    calls,
    exit: (code: number) => {
      calls.push(code);
      resolveExit({ code, ms: performance.now() - started });
    },
    signal: () => {
      started = performance.now();
      process.emit(SIGNAL);
    },
  };
}

function install(...args: Parameters<typeof installShutdown>) {
  const uninstall = installShutdown(...args);
  cleanups.push(uninstall);
  return uninstall;
}

describe('installShutdown on a node:http server', () => {
  it('drains, keeps serving during the drain delay, then stops accepting and exits 0 after the hooks', async () => {
    const h = health();
    const { server, url } = await nodeServer(h);
    const spy = exitSpy();
    const order: string[] = [];
    install(server, h, {
      signals: [SIGNAL],
      drainDelayMs: 300,
      timeoutMs: 3_000,
      exit: spy.exit,
      onShutdown: [
        async (signal) => {
          order.push(`pool.end after ${signal}`);
        },
        () => {
          order.push('redis.quit');
        },
      ],
    });
    expect((await http(`${url}/readyz`)).status).toBe(200);
    spy.signal();
    const ready = await http(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.json()).toMatchObject({ reason: 'draining' });
    expect((await http(`${url}/livez`)).status).toBe(200);
    const work = await http(`${url}/work`);
    expect(work.status).toBe(200);
    expect(work.headers.connection).toBe('close'); // keep-alive clients reconnect elsewhere
    const { code, ms } = await spy.exited;
    expect(code).toBe(0);
    expect(ms).toBeGreaterThanOrEqual(295);
    expect(ms).toBeLessThan(1_000);
    expect(order).toEqual([`pool.end after ${SIGNAL}`, 'redis.quit']);
    expect(h.state).toBe('closed');
    await expect(http(`${url}/work`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('lets a request in flight when the listener closes finish before exiting', async () => {
    const h = health();
    const { server, url } = await nodeServer(h);
    const spy = exitSpy();
    install(server, h, { signals: [SIGNAL], drainDelayMs: 50, timeoutMs: 3_000, exit: spy.exit });
    const inFlight = http(`${url}/slow?ms=400`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    spy.signal();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('slow done');
    const { code, ms } = await spy.exited;
    expect(code).toBe(0);
    expect(ms).toBeGreaterThanOrEqual(350);
  });

  it('closes idle keep-alive connections instead of waiting for their timeout', async () => {
    const h = health();
    const { server, url } = await nodeServer(h);
    const agent = new Agent({ keepAlive: true });
    cleanups.push(() => agent.destroy());
    const get = (path: string) =>
      new Promise<string | undefined>((resolve, reject) => {
        request(`${url}${path}`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.headers.connection));
        })
          .on('error', reject)
          .end();
      });
    expect(await get('/work')).toBe('keep-alive'); // idle and open from here on
    // In flight at the signal: it arrived before the drain, answers keep-alive and then sits idle.
    const inFlight = get('/slow?ms=150');
    await new Promise((resolve) => setTimeout(resolve, 30));
    const spy = exitSpy();
    install(server, h, { signals: [SIGNAL], drainDelayMs: 50, timeoutMs: 5_000, exit: spy.exit });
    spy.signal();
    expect(await inFlight).toBe('keep-alive');
    const { code, ms } = await spy.exited;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(1_000); // not keepAliveTimeout (30 s)
  });

  it('forces the exit with code 1 at timeoutMs when a request never finishes', async () => {
    const h = health();
    const { server, url } = await nodeServer(h);
    const spy = exitSpy();
    install(server, h, { signals: [SIGNAL], drainDelayMs: 50, timeoutMs: 400, exit: spy.exit });
    const hanging = http(`${url}/hang`).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 20));
    spy.signal();
    const { code, ms } = await spy.exited;
    expect(code).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(395);
    expect(ms).toBeLessThan(700);
    expect(await hanging).toBeInstanceOf(Error); // its connection was closed
  });

  it('ignores repeated signals: one drain, one run of the hooks, one exit', async () => {
    const h = health();
    const { server } = await nodeServer(h);
    const spy = exitSpy();
    let drains = 0;
    let hooks = 0;
    const counted: Health = Object.assign(Object.create(h) as Health, {
      beginDrain: () => {
        drains += 1;
        h.beginDrain();
      },
      close: () => h.close(),
    });
    install(server, counted, {
      signals: [SIGNAL, 'SIGUSR1'],
      drainDelayMs: 100,
      timeoutMs: 2_000,
      exit: spy.exit,
      onShutdown: () => {
        hooks += 1;
      },
    });
    spy.signal();
    process.emit(SIGNAL);
    process.emit('SIGUSR1');
    await spy.exited;
    process.emit(SIGNAL); // after the exit: the handlers are gone
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect({ drains, hooks, exits: spy.calls }).toEqual({ drains: 1, hooks: 1, exits: [0] });
  });

  it('runs every hook even when one fails, and then exits 1', async () => {
    const h = health();
    const { server } = await nodeServer(h);
    const spy = exitSpy();
    const ran: string[] = [];
    const errors: unknown[] = [];
    install(server, h, {
      signals: [SIGNAL],
      drainDelayMs: 0,
      timeoutMs: 2_000,
      exit: spy.exit,
      logger: { info: () => {}, error: (fields) => errors.push(fields.error) },
      onShutdown: [
        () => {
          ran.push('first');
          throw new Error('pool already ended');
        },
        () => {
          ran.push('second');
        },
      ],
    });
    spy.signal();
    expect((await spy.exited).code).toBe(1);
    expect(ran).toEqual(['first', 'second']);
    expect(errors).toEqual([expect.objectContaining({ message: 'pool already ended' })]);
  });

  it('removes its signal handlers when uninstalled', async () => {
    const h = health();
    const { server } = await nodeServer(h);
    const before = process.listenerCount(SIGNAL);
    const uninstall = install(server, h, { signals: [SIGNAL], exit: () => {} });
    expect(process.listenerCount(SIGNAL)).toBe(before + 1);
    uninstall();
    expect(process.listenerCount(SIGNAL)).toBe(before);
  });

  it('refuses bad options with a coded error', async () => {
    const h = health();
    const { server } = await nodeServer(h);
    const coded = expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_SHUTDOWN_OPTION' });
    expect(() => installShutdown(server, h, { drainDelayMs: 5_000, timeoutMs: 1_000 })).toThrow(coded);
    expect(() => installShutdown(server, h, { drainDelayMs: -1 })).toThrow(coded);
    expect(() => installShutdown(server, h, { signals: [] })).toThrow(coded);
    expect(() => installShutdown({} as Server, h)).toThrow(coded);
    expect(() => installShutdown(server, {} as Health)).toThrow(coded);
  });
});

describe('installShutdown with event emitters', () => {
  it('closes each emitter after health.close() and before the hooks: its events are delivered before exit', async () => {
    const order: string[] = [];
    const delivered: QueuedEvent[] = [];
    const slowSink: EventSink = {
      name: 'slow',
      acknowledge: 'queued',
      async deliver(batch) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        delivered.push(...batch);
      },
      async close() {
        order.push('emitter closed');
      },
    };
    const emitter = createEmitter({ sinks: [slowSink] });
    const h = createHealth({ service: 'orders-api', version: '1.4.0', cacheTtlMs: 0, emitter });
    h.register({ name: 'Redis', check: () => 'PONG' });
    await h.check('readiness'); // health.ok, still queued when the signal comes
    const { server } = await nodeServer(h);
    const spy = exitSpy();
    install(server, h, {
      signals: [SIGNAL],
      drainDelayMs: 0,
      timeoutMs: 5_000,
      exit: spy.exit,
      emitters: [emitter],
      onShutdown: () => {
        order.push(`hook saw ${delivered.length} delivered`);
      },
    });
    spy.signal();
    expect((await spy.exited).code).toBe(0);
    // beginDrain() fails readiness, and that health.failed is delivered before exit too.
    expect(delivered.map((q) => q.event.type)).toEqual(['health.ok', 'health.failed']);
    expect(order).toEqual(['emitter closed', 'hook saw 2 delivered']);
  });

  it('an emitter stuck past the timeout dead-letters what it holds as closed, before the forced exit', async () => {
    const letters: DeadLetter[] = [];
    const stuck: EventSink = { name: 'stuck', acknowledge: 'queued', deliver: () => new Promise(() => {}) };
    const emitter = createEmitter({ sinks: [stuck], deadLetter: (letter) => letters.push(letter) });
    const h = createHealth({ service: 'orders-api', version: '1.4.0', cacheTtlMs: 0, emitter });
    h.register({ name: 'Redis', check: () => 'PONG' });
    await h.check('readiness');
    const { server } = await nodeServer(h);
    const spy = exitSpy();
    install(server, h, {
      signals: [SIGNAL],
      drainDelayMs: 0,
      timeoutMs: 600,
      exit: spy.exit,
      emitters: [emitter],
    });
    spy.signal();
    const { code } = await spy.exited;
    expect(code).toBe(0); // the emitter accounted for everything itself; the forced exit (code 1) never came
    expect(letters.map((l) => [l.sink, l.reason, l.queued.event.type])).toEqual([
      ['stuck', 'closed', 'health.ok'],
      ['stuck', 'closed', 'health.failed'],
    ]);
  });

  it('refuses an emitter without close()', async () => {
    const h = health();
    const { server } = await nodeServer(h);
    expect(() => installShutdown(server, h, { emitters: [{} as never] })).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_SHUTDOWN_OPTION' }),
    );
  });
});

describe('installShutdown on a Fastify app', () => {
  it('drains readiness at once, then closes the app (running its onClose hooks) and exits 0', async () => {
    const h = health();
    const app = Fastify();
    cleanups.push(() => app.close());
    let fastifyOnClose = 0;
    app.addHook('onClose', async () => {
      fastifyOnClose += 1;
    });
    await app.register(rollgateFastify, { health: h });
    app.get('/work', async () => ({ ok: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const spy = exitSpy();
    install(app, h, { signals: [SIGNAL], drainDelayMs: 200, timeoutMs: 2_000, exit: spy.exit });
    spy.signal();
    expect((await http(`${url}/readyz`)).status).toBe(503);
    expect((await http(`${url}/work`)).status).toBe(200);
    const { code, ms } = await spy.exited;
    expect(code).toBe(0);
    expect(ms).toBeGreaterThanOrEqual(195);
    expect(fastifyOnClose).toBe(1);
    await expect(http(`${url}/work`)).rejects.toThrow(/ECONNREFUSED/);
  });
});
