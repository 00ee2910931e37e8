// Generated bad options that rollgate does not refuse as it should today: product gaps, each listed as
// `<label> → <verdict>` under the function it concerns (labels as option-mutations.ts writes them). The suite
// asserts this list exactly, so a new gap fails it and so does a fixed one (then delete its line).

/** Per function id, the generated bad options it does not refuse with a coded error naming the key. */
export const KNOWN_GAPS: Readonly<Record<string, readonly string[]>> = {
  '@rollgate/core/gate#evaluateGate': [
    'apprvals: misspelling of "approvals" → accepted silently',
    'envirnment: misspelling of "environment" → accepted silently',
    'maniest: misspelling of "manifest" → accepted silently',
    'manifest.metadata.envirnment: misspelling of "environment" → accepted silently',
    'manifest.metadata.zzNotAnOption: unknown key → accepted silently',
    'nw: misspelling of "now" → accepted silently',
    'offet: misspelling of "offset" → accepted silently',
    'polcy: misspelling of "policy" → accepted silently',
    'releseId: misspelling of "releaseId" → accepted silently',
    'scorcard: misspelling of "scorecard" → refused as data, key not named',
    'scorecard.error_rate: wrong type (string) → accepted silently',
    'scorecard.errorrate: misspelling of "error_rate" → accepted silently',
    'scorecard.flake_rate: wrong type (string) → accepted silently',
    'scorecard.flakerate: misspelling of "flake_rate" → accepted silently',
    'scorecard.pased: misspelling of "passed" → accepted silently',
    'scorecard.performance_p95_ms: wrong type (string) → accepted silently',
    'scorecard.performane_p95_ms: misspelling of "performance_p95_ms" → accepted silently',
    'scorecard.score: wrong type (string) → accepted silently',
    'scorecard.scre: misspelling of "score" → accepted silently',
    'scorecard.waiver_epires_at: misspelling of "waiver_expires_at" → accepted silently',
    'scorecard.zzNotAnOption: unknown key → accepted silently',
    'sigals: misspelling of "signals" → refused as data, key not named',
    'signals.errorrate: misspelling of "error_rate" → accepted silently',
    'signals.open_criticl_incidents: misspelling of "open_critical_incidents" → refused as data, key not named',
    'signals.p95ms: misspelling of "p95_ms" → accepted silently',
    'signals.zzNotAnOption: unknown key → accepted silently',
    'signture: misspelling of "signature" → accepted silently',
    'waiers: misspelling of "waivers" → accepted silently',
    'zzNotAnOption: unknown key → accepted silently',
  ],
};
