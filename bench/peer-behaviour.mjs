// What users hit with the peers today, measured on real servers with the real peer packages, next to what
// rollgate does in the same situation. Facts, not assertions: each row says what happened in this run.
import { expressErrors } from './lib/behaviour/express-errors.mjs';
import { hangAtBoot } from './lib/behaviour/hang-at-boot.mjs';
import { hangingHealth } from './lib/behaviour/hanging-health.mjs';
import { ordinaryRoutes } from './lib/behaviour/ordinary-routes.mjs';
import { machineLine } from './lib/machine.mjs';
import { table, writeSection } from './lib/markdown.mjs';

async function main() {
  const machine = machineLine();
  const started = Date.now();
  // (d) captures console.error, so it runs alone; (b) and (c) mostly wait on timeouts, so they share the clock.
  const d = await expressErrors();
  const a = await ordinaryRoutes();
  const [b, c] = await Promise.all([hangAtBoot(), hangingHealth()]);
  const rows = [...a, ...b, ...c, ...d].map((r) => [r.scenario, r.library, r.setup, r.observed]);
  const markdown = [
    '## What users hit with the peers, measured',
    '',
    'Each row is one real server (Fastify 5, Express 5 or node:http on 127.0.0.1) with the real peer package, ' +
      'configured as its README shows, and what a client observed in this run. rollgate rows use the built ' +
      '`@rollgate/adapters` with `probeTimeoutMs` 2000 (the default). Requests that never get an answer are ' +
      `abandoned after 15 s. Took ${Math.round((Date.now() - started) / 1000)} s. Run with \`node bench/peer-behaviour.mjs\`.`,
    '',
    machine,
    '',
    table(['scenario', 'library', 'setup', 'what happened'], rows),
  ].join('\n');
  writeSection('peer-behaviour', markdown);
  console.log(markdown);
}

await main();
