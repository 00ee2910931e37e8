// Heartbeat thresholds, Kubernetes-style and pure: a probe's reported status flips to failing only
// after `failureThreshold` consecutive counted failures and back after `successThreshold` consecutive
// successes. A probe starts healthy (the grace window exists to cover the pre-health gap), and a
// failure inside the grace window neither counts nor resets the success run.

/** Thresholded state of one probe. */
export interface ThresholdState {
  /** Status checks report. */
  readonly status: 'ok' | 'fail';
  /** Consecutive successes so far. */
  readonly successes: number;
  /** Consecutive counted failures so far. */
  readonly failures: number;
}

/** Where every probe starts. */
export const INITIAL_THRESHOLD_STATE: ThresholdState = { status: 'ok', successes: 0, failures: 0 };

/** Threshold settings. */
export interface Thresholds {
  /** Consecutive successes to turn healthy again. */
  readonly successThreshold: number;
  /** Consecutive failures to turn failing. */
  readonly failureThreshold: number;
}

/** The state after one more result; `inGrace` results that fail are ignored. */
export function applyResult(
  state: ThresholdState,
  result: 'ok' | 'fail',
  inGrace: boolean,
  thresholds: Thresholds,
): ThresholdState {
  if (result === 'ok') {
    const successes = state.successes + 1;
    const status = state.status === 'fail' && successes < thresholds.successThreshold ? 'fail' : 'ok';
    return { status, successes, failures: 0 };
  }
  if (inGrace) return state;
  const failures = state.failures + 1;
  const status = state.status === 'ok' && failures < thresholds.failureThreshold ? 'ok' : 'fail';
  return { status, successes: 0, failures };
}
