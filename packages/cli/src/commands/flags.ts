// Flag values every command reads the same way; a bad value throws the CLI's RollgateError naming the flag.
import { parseDuration, parseTimestamp, timestampOffset } from '@rollgate/contract/time';
import { cliError } from '../output/errors.js';

/** `--now`: an RFC 3339 instant (`2025-10-02T12:21:00Z`) as epoch ms, with its offset kept for output. */
export function readNow(value: string | undefined, fallback: () => number): { ms: number; offset: string } {
  if (value === undefined) return { ms: fallback(), offset: 'Z' };
  const ms = parseTimestamp(value);
  if (ms === undefined)
    throw cliError(
      'ROLLGATE_ERR_CLI_INVALID_FLAG',
      '--now',
      `expected an RFC 3339 instant such as 2025-10-02T12:21:00Z, got "${value}"`,
    );
  return { ms, offset: timestampOffset(value) ?? 'Z' };
}

/** A duration flag (`--step 15s`) in milliseconds. */
export function readDurationFlag(flag: string, value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0)
    throw cliError(
      'ROLLGATE_ERR_CLI_INVALID_FLAG',
      flag,
      `expected a duration such as 15s or 1m, got "${value}"`,
    );
  return ms;
}

/** `--var name=value` (repeatable) as a record; a name appears once. */
export function readVars(pairs: readonly string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const name = at < 0 ? '' : pair.slice(0, at).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw cliError('ROLLGATE_ERR_CLI_INVALID_FLAG', '--var', `expected name=value, got "${pair}"`);
    if (Object.hasOwn(vars, name))
      throw cliError('ROLLGATE_ERR_CLI_INVALID_FLAG', '--var', `"${name}" is given twice`);
    vars[name] = pair.slice(at + 1);
  }
  return vars;
}

/** A TCP port flag: an integer 0..65535 (0 asks the system for a free one). */
export function readPort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535 || !/^\d+$/.test(value))
    throw cliError(
      'ROLLGATE_ERR_CLI_INVALID_FLAG',
      '--port',
      `expected a port from 0 to 65535, got "${value}"`,
    );
  return port;
}
