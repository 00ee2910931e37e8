// Records every file a fresh `node` process resolves: ESM resolutions through a module.register() resolve hook,
// CommonJS ones (createRequire included) through Module._resolveFilename. Tests that prove what an import loads
// (no zod on the probe path, no evaluator code in the engine) write these files to a temp dir and start node with
// `--import <dir>/register.mjs` and/or `--require <dir>/preload.cjs`, with ROLLGATE_LOAD_LOG naming the log file.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const HOOKS = `
import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(log, result.url + '\\n');
  return result;
}
`;

function preload(unresolvable: readonly string[]): string {
  return `
const Module = require('node:module');
const { appendFileSync } = require('node:fs');
const hidden = ${JSON.stringify(unresolvable)};
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (hidden.some((name) => request === name || request.startsWith(name + '/'))) {
    const error = new Error("Cannot find module '" + request + "'");
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  }
  const filename = resolveFilename.call(this, request, ...rest);
  appendFileSync(process.env.ROLLGATE_LOAD_LOG, filename + '\\n');
  return filename;
};
`;
}

/** Paths of the recorder's files in a directory. */
export interface LoadRecorder {
  /** For `node --import`: registers the ESM resolve hook. */
  readonly register: string;
  /** For `node --require`: records CommonJS resolutions (and hides the `unresolvable` packages). */
  readonly preload: string;
}

/**
 * Writes the recorder into `dir`. Packages named in `unresolvable` cannot be required (as on a host that never
 * installed an optional peer).
 */
export async function writeLoadRecorder(
  dir: string,
  unresolvable: readonly string[] = [],
): Promise<LoadRecorder> {
  const recorder = { register: join(dir, 'register.mjs'), preload: join(dir, 'preload.cjs') };
  await writeFile(join(dir, 'hooks.mjs'), HOOKS);
  await writeFile(
    recorder.register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)}, import.meta.url, { data: { log: process.env.ROLLGATE_LOAD_LOG } });\n`,
  );
  await writeFile(recorder.preload, preload(unresolvable));
  return recorder;
}
