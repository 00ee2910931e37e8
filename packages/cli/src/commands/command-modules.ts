// Each command's module, imported when its action runs: `rollgate --help` loads none of them, nor zod behind
// them. The executable's build (tsup.config.ts) makes this file its own bundle, `dist/commands.cjs`, in which
// each import below stays lazy: a command evaluates only its own modules.

/** A loader per command name, resolving to that command's module. */
export const commandModules = {
  validate: () => import('./validate.js'),
  schema: () => import('./schema.js'),
  gate: () => import('./gate.js'),
  analyze: () => import('./analyze.js'),
  report: () => import('./report.js'),
  serveAnalysis: () => import('./serve-analysis.js'),
  lintK8s: () => import('./lint-k8s.js'),
  conformance: () => import('./conformance.js'),
  manifest: () => import('./manifest.js'),
  approve: () => import('./approve.js'),
  sign: () => import('./sign.js'),
  verify: () => import('./verify.js'),
  compat: () => import('./compat.js'),
} as const;

/** The name of a command in `commandModules`. */
export type CommandModuleName = keyof typeof commandModules;
