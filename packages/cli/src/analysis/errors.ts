// Setup mistakes of the analysis and its server (options a host wrote), one code each. Request and document
// mistakes are not here: they are issues (`{ code, path, message }`).
import { errorCatalogue } from '@rollgate/contract/errors';

/** Errors `runAnalysis` and `createAnalysisServer` throw for options they cannot use (`%s` filled in order). */
export const ANALYSIS_ERRORS = {
  ROLLGATE_ERR_ANALYSIS_INVALID_OPTION: { message: '%s: %s must be %s, got %s', statusCode: 500 },
  ROLLGATE_ERR_ANALYSIS_INVALID_DOCUMENTS: { message: '%s: the %s cannot be used: %s', statusCode: 500 },
  ROLLGATE_ERR_ANALYSIS_NOT_LISTENING: { message: '%s: %s', statusCode: 500 },
} as const satisfies Record<string, { message: string; statusCode: number }>;

/** Code of an error the analysis or its server throws. */
export type AnalysisErrorCode = keyof typeof ANALYSIS_ERRORS;

/** Builds the analysis' error for `code`. */
export const analysisError = errorCatalogue(ANALYSIS_ERRORS);
