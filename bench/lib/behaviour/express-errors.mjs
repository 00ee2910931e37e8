// (d) A handler throws: what does the client get back?
import http from 'node:http';
import { format } from 'node:util';
import { createBenchHealth, rollgateExpressApp } from '../rollgate.mjs';
import { closeNode, listenNode, pause } from '../servers-util.mjs';
import { snippet, timedGet } from '../timed-get.mjs';

const SCENARIO = '(d) a handler throws: what the client receives';
// A stack frame as Express renders it in HTML ("at handler (file:///…/x.mjs:12:11)").
const STACK_FRAME = /at .*(\/|\\)[^ <]*\.m?[jt]s:\d+:\d+/;

// The text inside Express's <pre>, with its HTML line breaks and spaces decoded, for a table cell.
function preText(body) {
  const pre = /<pre>([\s\S]*?)<\/pre>/.exec(body)?.[1] ?? body;
  return pre
    .replaceAll('<br>', ' ')
    .replaceAll('&nbsp;', ' ')
    .replaceAll('&#39;', "'")
    .replaceAll('&quot;', '"');
}

// Express also logs the error with console.error, from a setImmediate that may run after the client has
// the response; capture it (waiting a moment for it) so the run stays readable and the row can say it happened.
async function withCapturedConsoleError(run) {
  const original = console.error;
  const lines = [];
  console.error = (...args) => lines.push(format(...args));
  try {
    const result = await run();
    await pause(50);
    return { result, stderr: lines.join('\n') };
  } finally {
    console.error = original;
  }
}

/** One row of this scenario. */
export async function expressThrows(env) {
  const { default: express } = await import('express');
  const app = express();
  if (env !== undefined) app.set('env', env);
  app.get('/readyz', () => {
    throw new Error('connect ECONNREFUSED postgres://orders:s3cret@10.0.0.5:5432/orders');
  });
  const server = http.createServer(app);
  const base = await listenNode(server);
  try {
    const { result: r, stderr } = await withCapturedConsoleError(() => timedGet(`${base}/readyz`, 5000));
    const stack = STACK_FRAME.test(r.body);
    const secret = r.body.includes('s3cret');
    return {
      scenario: SCENARIO,
      library: `Express 5, env \`${app.get('env')}\`${env === undefined ? ' (default: NODE_ENV unset)' : ''}`,
      setup: 'GET /readyz handler throws an Error naming the database URL',
      observed:
        `${r.status}, ${r.headers['content-type']}; HTML stack trace in body: ${stack ? 'yes' : 'no'}; ` +
        `password from the URL in body: ${secret ? 'yes' : 'no'}; stack printed to stderr: ${STACK_FRAME.test(stderr) ? 'yes' : 'no'}; ` +
        `body <pre>: ${snippet(preText(r.body), 140)}`,
    };
  } finally {
    await closeNode(server);
  }
}

/** One row of this scenario. */
export async function rollgateExpress() {
  const health = await createBenchHealth([
    {
      name: 'Postgres',
      check: () => {
        throw new Error('connect ECONNREFUSED postgres://orders:s3cret@10.0.0.5:5432/orders');
      },
    },
  ]);
  const server = http.createServer(await rollgateExpressApp(health));
  const base = await listenNode(server);
  try {
    const r = await timedGet(`${base}/readyz`, 5000);
    return {
      scenario: SCENARIO,
      library: 'rollgate `@rollgate/adapters/express` (Express 5, default env)',
      setup: 'Postgres probe throws the same Error synchronously',
      observed:
        `${r.status}, ${r.headers['content-type']}; stack trace in body: ${STACK_FRAME.test(r.body) ? 'yes' : 'no'}; ` +
        `password in body: ${r.body.includes('s3cret') ? 'yes' : 'no'}; body ${snippet(r.body, 150)}`,
    };
  } finally {
    await closeNode(server);
    await health.close();
  }
}

/** Runs scenario (d) and returns its table rows. */
export async function expressErrors() {
  return [await expressThrows(undefined), await expressThrows('production'), await rollgateExpress()];
}
