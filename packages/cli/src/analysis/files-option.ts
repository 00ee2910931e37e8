// The `files` option of runAnalysis and createAnalysisServer: the file names issues are reported against. A
// misspelt key would silently report issues without their file, so it is refused like every other option.
import { describeValue, rejectUnknownOptions } from '@rollgate/contract/errors';
import { analysisError } from './errors.js';
import type { AnalysisFiles } from './plan.js';

// `satisfies` makes the compiler list every key of AnalysisFiles here, so a new one cannot be forgotten.
const FILE_KEYS = Object.keys({ rules: true, queries: true } satisfies Record<keyof AnalysisFiles, true>);

/** Throws a RollgateError naming the key for an unknown or non-string entry of `files`; `where` names the call. */
export function checkAnalysisFiles(files: unknown, where: string): void {
  if (files === undefined) return;
  if (typeof files !== 'object' || files === null || Array.isArray(files))
    throw analysisError(
      'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
      where,
      'files',
      'an object',
      describeValue(files),
    );
  rejectUnknownOptions(files, FILE_KEYS, `${where} files`);
  for (const key of FILE_KEYS) {
    const value = (files as Record<string, unknown>)[key];
    if (value !== undefined && (typeof value !== 'string' || value === ''))
      throw analysisError(
        'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
        where,
        `files.${key}`,
        'a file name',
        describeValue(value),
      );
  }
}
