import { startServer, stopServer } from '../child-server.mjs';

// The servers of the probe-path scenarios (fan-out, hung dependency, probe storm): rollgate on each adapter and
// every peer, with how each one runs the same checks when left as its README shows.

/** One row per server kind of servers.mjs; `rollgate` rows carry the targets. */
export const PATH_SERVERS = [
  { kind: 'rollgate-node', label: 'rollgate, `@rollgate/adapters/node`', rollgate: true },
  { kind: 'rollgate-fastify', label: 'rollgate, `@rollgate/adapters/fastify`', rollgate: true },
  { kind: 'rollgate-express', label: 'rollgate, `@rollgate/adapters/express`', rollgate: true },
  {
    kind: 'under-pressure',
    label: '@fastify/under-pressure status route',
    how: '`healthCheck` runs `Promise.all` of the probes; the status route awaits it on every request',
  },
  {
    kind: 'terminus',
    label: '@godaddy/terminus on node:http',
    how: '`healthChecks["/readyz"]` runs `Promise.all` of the probes on every request',
  },
  {
    kind: 'express-baseline',
    label: 'hand-written Express 5 route',
    how: '`await Promise.all(probes)` in the route on every request',
  },
  {
    kind: 'lightship',
    label: 'lightship (`/ready`)',
    how:
      'no checks of its own: `/ready` answers a flag; the host runs `Promise.all` of the probes every 1000 ms and ' +
      'calls `signalReady()` / `signalNotReady()`',
  },
];

/**
 * Starts every server at once: loading modules is most of a start, and seven processes loading side by side
 * finish sooner on a shared machine than one after another. Nothing is measured while they start.
 */
export async function startAll(config, kinds = PATH_SERVERS) {
  const settled = await Promise.allSettled(
    kinds.map(async (spec) => ({ spec, ...(await startServer(spec.kind, config)) })),
  );
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed === undefined) return settled.map((s) => s.value);
  // One that failed to start must not leave the others running.
  await Promise.all(settled.filter((s) => s.status === 'fulfilled').map((s) => stopServer(s.value)));
  throw failed.reason;
}
