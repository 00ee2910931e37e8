// Every error @rollgate/adapters can throw, in one place (Fastify-style): a stable code, a message template
// and the HTTP status a host should map it to, built with errorCatalogue into the one RollgateError class.
// Only configuration mistakes throw; a failing dependency is a failed probe (data), never an exception.
// A mistake another package already names keeps that package's code: a missing health is readyz's, a probe
// timeout above the cap is the engine's, an unknown option key is the shared ROLLGATE_ERR_UNKNOWN_OPTION.
import { errorCatalogue } from '@rollgate/core';

/** Every error @rollgate/adapters throws: a message template (`%s` filled in order) and an HTTP status. */
export const ADAPTER_ERRORS = {
  ROLLGATE_ERR_INVALID_PROBE_OPTION: {
    message: '%s: option %s is invalid: %s',
    statusCode: 500,
  },
  ROLLGATE_ERR_INVALID_SHUTDOWN_OPTION: {
    message: 'installShutdown: option %s is invalid: %s',
    statusCode: 500,
  },
} as const satisfies Record<string, { message: string; statusCode: number }>;

/** A stable error code of @rollgate/adapters. */
export type AdapterErrorCode = keyof typeof ADAPTER_ERRORS;

/** Builds the catalogue's `RollgateError` for `code`, filling each `%s` of its template with the next argument. */
export const adapterError = errorCatalogue(ADAPTER_ERRORS);
