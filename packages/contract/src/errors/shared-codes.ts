import { errorCatalogue } from './rollgate-error.js';

/** Setup mistakes every package can make in the same way, so each has one code wherever it is made. */
export const SHARED_ERRORS = {
  ROLLGATE_ERR_UNKNOWN_OPTION: {
    message: '%s: unknown option "%s"%s',
    statusCode: 500,
  },
} as const;

/** A code of the shared catalogue. */
export type SharedErrorCode = keyof typeof SHARED_ERRORS;

/** Builds an error of the shared catalogue. */
export const sharedError = errorCatalogue(SHARED_ERRORS);
