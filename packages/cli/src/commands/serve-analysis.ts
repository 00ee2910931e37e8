// `rollgate serve-analysis`: the analysis server in the foreground until SIGINT or SIGTERM.
import { resolve } from 'node:path';
import { DOCUMENT_MAX_BYTES, readDataFile } from '../files/read-data.js';
import { cliError } from '../output/errors.js';
import { EXIT, type ExitCode } from '../output/exit-codes.js';
import type { CliIo } from '../output/io.js';
import { issueLine } from '../output/issues.js';
import { styleFor } from '../output/style.js';
import { createAnalysisServer } from '../server/index.js';
import { readPort } from './flags.js';

/** Flags of `rollgate serve-analysis`. */
export interface ServeAnalysisOptions {
  /** Rollback rules file. */
  rules: string;
  /** metric-queries file. */
  queries: string;
  /** Prometheus base URL. */
  prometheus: string;
  /** TCP port. */
  port: string;
  /** Address to listen on. */
  host: string;
}

/** Runs `rollgate serve-analysis`; resolves when a signal has closed the server. */
export async function serveAnalysisCommand(
  options: ServeAnalysisOptions,
  io: CliIo,
  signals: NodeJS.EventEmitter = process,
): Promise<ExitCode> {
  const port = readPort(options.port);
  const err = styleFor(io.stderr, io);
  // Read as data only: the server reads both with the contract once, naming the file on each issue it throws.
  const [rules, queries] = await Promise.all([
    readDataFile(resolve(io.cwd, options.rules), { maxBytes: DOCUMENT_MAX_BYTES }),
    readDataFile(resolve(io.cwd, options.queries), { maxBytes: DOCUMENT_MAX_BYTES }),
  ]);
  for (const [file, result] of [
    [options.rules, rules],
    [options.queries, queries],
  ] as const) {
    if (result.ok) continue;
    for (const issue of result.issues)
      io.stderr.write(`${err.bad('rollgate serve-analysis:')} ${issueLine(file, issue)}\n`);
  }
  if (!rules.ok || !queries.ok) return EXIT.USAGE;
  const server = createAnalysisServer({
    rules: rules.value,
    queries: queries.value,
    prometheus: { url: options.prometheus },
    port,
    host: options.host,
    files: { rules: options.rules, queries: options.queries },
  });
  let listening: { port: number };
  try {
    listening = await server.listen();
  } catch (error) {
    await server.close();
    throw listenError(error, options.host, port);
  }
  io.stderr.write(`rollgate serve-analysis: listening on http://${options.host}:${listening.port}\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      signals.off('SIGINT', stop);
      signals.off('SIGTERM', stop);
      done();
    };
    signals.on('SIGINT', stop);
    signals.on('SIGTERM', stop);
  });
  await server.close();
  io.stderr.write('rollgate serve-analysis: stopped\n');
  return EXIT.OK;
}

/** Why the server could not listen, as the flag to change; anything else is rethrown as it is. */
function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE')
    return cliError('ROLLGATE_ERR_CLI_INVALID_FLAG', '--port', `${host}:${port} is already in use`);
  if (code === 'EACCES')
    return cliError(
      'ROLLGATE_ERR_CLI_INVALID_FLAG',
      '--port',
      `not allowed to listen on ${port} (ports below 1024 need privileges)`,
    );
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return cliError('ROLLGATE_ERR_CLI_INVALID_FLAG', '--host', `${host} is not an address of this machine`);
  return error;
}
