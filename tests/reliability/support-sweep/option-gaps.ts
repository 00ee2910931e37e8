// Generated bad options that rollgate does not refuse as it should today: product gaps, each listed as
// `<label> → <verdict>` under the function it concerns (labels as option-mutations.ts writes them). The suite
// asserts this list exactly, so a new gap fails it and so does a fixed one (then delete its line).

/** Per function id, the generated bad options it does not refuse with a coded error naming the key. */
export const KNOWN_GAPS: Readonly<Record<string, readonly string[]>> = {
  // The contract keeps a release manifest's `metadata` open on purpose (hosts record their own keys there), so an
  // extra key in it is not a mistake the gate can tell; closing it would change the published schema.
  '@rollgate/core/gate#evaluateGate': [
    'manifest.metadata.envirnment: misspelling of "environment" → accepted silently',
    'manifest.metadata.zzNotAnOption: unknown key → accepted silently',
  ],
};
