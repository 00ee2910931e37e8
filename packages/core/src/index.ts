// @rollgate/core: the zod-free health engine. The evaluators are behind their own subpaths:
// '@rollgate/core/rules', '@rollgate/core/canary' and '@rollgate/core/gate'.
export {
  describeValue,
  type ErrorBuilder,
  type ErrorTemplate,
  errorCatalogue,
  errorMessage,
  errorMessageWithCause,
  isRollgateError,
  RollgateError,
  rejectUnknownOptions,
} from '@rollgate/contract/errors';
export { ROLLGATE_ERRORS, type RollgateErrorCode, rollgateError } from './errors.js';
export * from './probe/index.js';
export { REDACTION_SCAN_LIMIT } from './probe/redact.js';
export { MAX_SECRET_LENGTH, MIN_SECRET_LENGTH, type SecretSet } from './probe/secrets.js';
export * from './process-probes/index.js';
