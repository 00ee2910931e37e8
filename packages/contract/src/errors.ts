// Subpath '@rollgate/contract/errors': the zod-free error class, catalogue pattern and strict-option check
// that every rollgate package throws with.

export { CONTRACT_ERRORS, ContractError, type ContractErrorCode } from './errors/contract-error.js';
export { describeValue, errorMessage, errorMessageWithCause } from './errors/describe-value.js';
export {
  didYouMean,
  isRecord,
  nearestKey,
  rejectUnknownOptions,
  type UnknownKey,
  unknownKeys,
} from './errors/known-options.js';
export {
  type ErrorBuilder,
  type ErrorTemplate,
  errorCatalogue,
  formatTemplate,
  isRollgateError,
  RollgateError,
} from './errors/rollgate-error.js';
export { SHARED_ERRORS, type SharedErrorCode, sharedError } from './errors/shared-codes.js';
