// Paths the CLI tests read: the demo's documents and inputs, and the built bin.
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** examples/demo/documents. */
export const DOCUMENTS = `${ROOT}examples/demo/documents/`;
/** examples/demo/inputs. */
export const INPUTS = `${ROOT}examples/demo/inputs/`;
/** The linked executable (it runs dist/bin.cjs: pnpm --filter @rollgate/cli build). */
export const BIN = `${ROOT}packages/cli/bin/rollgate.cjs`;
