// The library entry of @rollgate/cli: run the command line in-process (tests, wrappers) and reuse its pieces.

export * from './analysis/index.js';
export { type AnalyzeOptions, analyzeCommand, analyzeExitCode } from './commands/analyze.js';
export { type ConformanceFlags, conformanceCommand } from './commands/conformance.js';
export { type GateOptions, gateCommand, gateExitCode } from './commands/gate.js';
export { type LintK8sFlags, lintK8sCommand } from './commands/lint-k8s.js';
export { CLI_VERSION, createProgram, runCli } from './commands/program.js';
export { type ReportOptions, reportCommand } from './commands/report.js';
export { type SchemaOptions, schemaCommand } from './commands/schema.js';
export {
  type FileVerdict,
  type ValidateOptions,
  validateCommand,
  validateExitCode,
  validateFile,
} from './commands/validate.js';
export { type DetectedKind, detectKind, type KindSource, normaliseKind } from './files/detect-kind.js';
export * from './lint-k8s/index.js';
export { CLI_ERRORS, type CliErrorCode, cliError } from './output/errors.js';
export { EXIT, type ExitCode } from './output/exit-codes.js';
export { type CliIo, type CliStream, processIo, wantsColour } from './output/io.js';
export * from './prometheus/index.js';
export {
  type ReportInput,
  type ReportTimelinePoint,
  type ReportWeightStep,
  renderReport,
} from './report/render.js';
export * from './server/index.js';
