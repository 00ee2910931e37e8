import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The one command that installs every server the integration tests need (Debian/Ubuntu). */
export const INSTALL_COMMAND =
  'apt-get update && apt-get install -y redis-server postgresql-15 prometheus chromium';

/** Where PostgreSQL 15's server binaries live on Debian; ROLLGATE_PG_BIN overrides it. */
export const POSTGRES_BIN_DIR = process.env.ROLLGATE_PG_BIN ?? '/usr/lib/postgresql/15/bin';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves a server binary (an absolute path, or a name looked up on PATH). A missing binary fails
 * the test with the exact install command: integration tests never skip silently.
 */
export function requireBinary(nameOrPath: string): string {
  const candidates = nameOrPath.includes('/')
    ? [nameOrPath]
    : (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, nameOrPath));
  const found = candidates.find(isExecutable);
  if (found === undefined) {
    throw new Error(
      `${nameOrPath} not found: the integration tests start real servers. Install them with:\n  ${INSTALL_COMMAND}`,
    );
  }
  return found;
}
