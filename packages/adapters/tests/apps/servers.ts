// Real servers around each adapter, for the adapters' own tests, the integration tests and the smoke
// suite (tests/smoke). Each listens on 127.0.0.1 with an OS-assigned port and has one ordinary route,
// GET /work, that has nothing to do with health: it must never change because a probe failed.
// Outside src/, so never part of the published package.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Health } from '@rollgate/core';
import type { ReadyzOptions } from '@rollgate/readyz';
import express from 'express';
import Fastify from 'fastify';
import { rollgateExpress } from '../../src/express.js';
import { rollgateFastify } from '../../src/fastify.js';
import { rollgateFetch } from '../../src/fetch.js';
import { rollgateNode } from '../../src/node.js';

// `express4` and `fastify4` are npm aliases of Express 4 and Fastify 4 (devDependencies). Express 4 ships no
// types of its own; Fastify 4's differ from 5's only where these apps do not look, so both are typed as 5.
const express4 = createRequire(import.meta.url)('express4') as typeof express;
const fastify4 = createRequire(import.meta.url)('fastify4') as typeof Fastify;

/** Every adapter the suites run against (`fastify` is Fastify 5). */
export const ADAPTERS = ['fastify', 'fastify4', 'express5', 'express4', 'node', 'fetch'] as const;

/** One of {@link ADAPTERS}. */
export type AdapterName = (typeof ADAPTERS)[number];

/** A running app. */
export interface TestApp {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The node:http server underneath (for installShutdown and connection checks). */
  readonly server: Server;
  /** Closes the server and every connection. */
  close(): Promise<void>;
}

/** What to build. */
export interface TestAppOptions extends ReadyzOptions {
  /** The health readyz answers for. */
  health: Health;
}

const WORK_BODY = JSON.stringify({ ok: true });
/** The bridge's answer to a request no web `Request` can represent. */
export const FETCH_REFUSED_BODY = JSON.stringify({ error: 'not representable as a fetch Request' });

function listen(server: Server): Promise<TestApp> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function workRoute(req: IncomingMessage, res: ServerResponse): void {
  if (req.url === '/work') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(WORK_BODY);
    return;
  }
  res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
}

/** The Fastify factory of each major the plugin supports. */
export const FASTIFY_MAJORS = { 'Fastify 5': Fastify, 'Fastify 4': fastify4 } as const;

/** Fastify (5 unless `factory` says otherwise) with the plugin registered; the Fastify instance is returned too. */
export async function startFastify(
  options: TestAppOptions,
  factory: typeof Fastify = Fastify,
): Promise<TestApp & { app: ReturnType<typeof Fastify> }> {
  const app = factory();
  await app.register(rollgateFastify, options);
  app.get('/work', async () => ({ ok: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, server: app.server, close: () => app.close() };
}

function startExpress(factory: typeof express, options: TestAppOptions): Promise<TestApp> {
  const app = factory();
  app.use(rollgateExpress(options));
  app.get('/work', (_req, res) => {
    res.json({ ok: true });
  });
  return listen(createServer(app));
}

/** The app for one adapter. */
export function startApp(adapter: AdapterName, options: TestAppOptions): Promise<TestApp> {
  switch (adapter) {
    case 'fastify':
      return startFastify(options);
    case 'fastify4':
      return startFastify(options, fastify4);
    case 'express5':
      return startExpress(express, options);
    case 'express4':
      return startExpress(express4, options);
    case 'node': {
      const rollgate = rollgateNode(options);
      return listen(
        createServer((req, res) => {
          if (!rollgate(req, res)) workRoute(req, res);
        }),
      );
    }
    case 'fetch': {
      const handler = rollgateFetch(options);
      return listen(createServer((req, res) => void serveFetch(handler, req, res)));
    }
  }
}

// A minimal node:http → fetch bridge, standing in for a fetch-style runtime (Bun.serve, Deno.serve).
async function serveFetch(
  handler: ReturnType<typeof rollgateFetch>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  let request: Request;
  try {
    request = new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`, {
      method: req.method ?? 'GET',
      headers,
    });
  } catch {
    // The WHATWG Request refuses some methods (TRACE, CONNECT, TRACK): a fetch runtime never hands them to a handler.
    res.writeHead(400, { 'content-type': 'application/json' }).end(FETCH_REFUSED_BODY);
    return;
  }
  if (!handler.matches(request)) {
    workRoute(req, res);
    return;
  }
  const response = await handler(request);
  const answerHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    answerHeaders[name] = value;
  });
  res.writeHead(response.status, answerHeaders);
  res.end(Buffer.from(await response.arrayBuffer()));
}
