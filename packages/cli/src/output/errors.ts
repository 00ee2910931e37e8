// Every setup mistake the command line can make, in one place: a flag value the command cannot use. File and
// document mistakes are not here: they are data (`{ code, path, message }` issues) printed as `file: path: message`.
import { errorCatalogue } from '@rollgate/contract/errors';

/** Errors a `rollgate` command throws for a flag it cannot use (`%s` filled in order); each exits 2. */
export const CLI_ERRORS = {
  ROLLGATE_ERR_CLI_INVALID_FLAG: { message: '%s: %s', statusCode: 400 },
  ROLLGATE_ERR_CLI_MISSING_FLAG: { message: '%s is required %s', statusCode: 400 },
  ROLLGATE_ERR_CLI_CONFLICTING_FLAGS: { message: '%s and %s cannot be used together', statusCode: 400 },
  ROLLGATE_ERR_CLI_UNKNOWN_KIND: { message: '%s: unknown kind "%s"; expected one of %s', statusCode: 400 },
  ROLLGATE_ERR_CLI_CANNOT_WRITE: { message: '%s: cannot write: %s', statusCode: 500 },
} as const satisfies Record<string, { message: string; statusCode: number }>;

/** Code of an error a `rollgate` command throws. */
export type CliErrorCode = keyof typeof CLI_ERRORS;

/** Builds the command line's error for `code`: a `RollgateError` whose message fills the code's template. */
export const cliError = errorCatalogue(CLI_ERRORS);
