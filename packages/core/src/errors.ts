import { type ErrorBuilder, errorCatalogue } from '@rollgate/contract/errors';

// One catalogue of every error @rollgate/core can throw, Fastify-style: stable code, message, and
// the HTTP status a host should map it to. Evaluators return issues as data and never throw.
// The class, the builder and the shared codes (unknown option) come from '@rollgate/contract/errors'.
// Users match on `code`, never on message text. Append new codes here; never reuse or rename one.

/** Every error @rollgate/core throws: a message template (`%s` filled in order) and an HTTP status. */
export const ROLLGATE_ERRORS = {
  ROLLGATE_ERR_EMPTY_PROBE_NAME: {
    message: 'a probe name must not be empty',
    statusCode: 500,
  },
  ROLLGATE_ERR_INVALID_PROBE_NAME: {
    message: 'probe name %s is invalid: %s',
    statusCode: 500,
  },
  ROLLGATE_ERR_DUPLICATE_PROBE: {
    message: 'a probe named %s is already registered',
    statusCode: 500,
  },
  ROLLGATE_ERR_INVALID_PROBE: {
    message: 'probe %s is invalid: %s',
    statusCode: 500,
  },
  ROLLGATE_ERR_INVALID_PROBE_GROUP: {
    message: 'probe %s names unknown group %s (expected startup, liveness or readiness)',
    statusCode: 500,
  },
  ROLLGATE_ERR_PROBE_TIMEOUT_CAP: {
    message: '%s of %sms is above the %sms cap (a longer probe keeps Kubernetes from evicting a stuck pod)',
    statusCode: 500,
  },
  ROLLGATE_ERR_INVALID_TIMEOUT: {
    message: '%s must be a positive finite number of milliseconds, got %s',
    statusCode: 500,
  },
  ROLLGATE_ERR_INVALID_OPTION: {
    message: 'option %s is invalid: %s',
    statusCode: 500,
  },
  ROLLGATE_ERR_INVALID_ARGUMENT: {
    message: 'argument %s is invalid: %s',
    statusCode: 500,
  },
  ROLLGATE_ERR_HEALTH_CLOSED: {
    message: 'cannot %s: the health is closed',
    statusCode: 500,
  },
  ROLLGATE_ERR_INVALID_PROBE_OPERATION: {
    message: 'probe %s has an invalid operation %s: %s',
    statusCode: 500,
  },
  ROLLGATE_ERR_UNKNOWN_PROBE: {
    message: 'no probe named %s is registered',
    statusCode: 404,
  },
  ROLLGATE_ERR_INVALID_SIMULATION: {
    message: 'drill on probe %s is invalid: %s',
    statusCode: 400,
  },
  ROLLGATE_ERR_INVALID_BUILD: {
    message: 'build metadata is invalid: %s',
    statusCode: 500,
  },
  ROLLGATE_ERR_EMITTER_CLOSED: {
    message: 'cannot emit %s: the emitter is closed (the event went to the dead-letter hook)',
    statusCode: 500,
  },
  ROLLGATE_ERR_EVENTS_METRIC_CONFLICT: {
    message: 'metric %s already exists in the registry and was not made by an emitter',
    statusCode: 500,
  },
  ROLLGATE_ERR_EVENTS_PROM_CLIENT_MISSING: {
    message: 'emitter metrics need prom-client: install prom-client (>=15 <16) or pass metrics.client',
    statusCode: 500,
  },
} as const satisfies Record<string, { message: string; statusCode: number }>;

/** A stable error code of @rollgate/core. */
export type RollgateErrorCode = keyof typeof ROLLGATE_ERRORS;

/** Builds @rollgate/core's error for `code`, filling each `%s` of its template with the next argument. */
export const rollgateError: ErrorBuilder<RollgateErrorCode> = errorCatalogue(ROLLGATE_ERRORS);
