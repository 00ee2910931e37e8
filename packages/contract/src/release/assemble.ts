// Assembling `release-manifest.json` from `release.yml`, a readiness report and the artifacts' digests. Pure: the
// caller hashes the files (`digestStream`), so the same inputs always give the same manifest.
import { createHash } from 'node:crypto';
import type { ReadinessReport, ReleaseConfig, ReleaseManifest } from '../documents/release.js';
import type { ContractIssue, ParseResult } from '../parse/issues.js';
import { parseContract } from '../parse/parse-contract.js';
import { SCHEMA_VERSION } from '../primitives/schemas.js';
import { RELEASE_CODES } from './codes.js';

/** Inputs of `assembleManifest`. */
export interface AssembleManifestInput {
  /** The parsed release config. */
  config: ReleaseConfig;
  /** The parsed readiness report: its `run_id` becomes `readiness_run_id`. */
  report: ReadinessReport;
  /** `sha256:` digest of each artifact, by name; every artifact of the config needs one. */
  digests: Readonly<Record<string, string>>;
  /** `generated_at`, RFC 3339. */
  generatedAt: string;
  /** `scorecard_path` when the config has none (the CLI passes the report's path). */
  scorecardPath: string;
}

/**
 * The release manifest of a release config, in the runbook's key order, with an empty approval log. Returns
 * issues for an artifact without a digest, a digest for no artifact, or a result the contract refuses.
 */
export function assembleManifest(input: AssembleManifestInput): ParseResult<ReleaseManifest> {
  const { config, report, digests } = input;
  const issues: ContractIssue[] = [];
  const known = new Set(config.artifacts.map((a) => a.name));
  for (const name of Object.keys(digests))
    if (!known.has(name))
      issues.push({
        code: RELEASE_CODES.unknownArtifact,
        path: 'artifacts',
        message: `"${name}" is not an artifact of release ${config.release} (it lists ${[...known].join(', ')})`,
      });
  config.artifacts.forEach((artifact, index) => {
    if (!Object.hasOwn(digests, artifact.name))
      issues.push({
        code: RELEASE_CODES.artifactUnresolved,
        path: `artifacts[${index}].path`,
        message: `artifact "${artifact.name}" has no file to hash: give it a path or --artifact ${artifact.name}=FILE`,
      });
  });
  if (issues.length > 0) return { ok: false, issues };
  const manifest = {
    schema_version: SCHEMA_VERSION,
    release: config.release,
    generated_at: input.generatedAt,
    artifacts: config.artifacts.map((a) => ({ name: a.name, version: a.version, hash: digests[a.name] })),
    scorecard_path: config.scorecard_path ?? input.scorecardPath,
    readiness_run_id: report.run_id,
    feature_flags: config.feature_flags ?? [],
    secrets: config.secrets ?? [],
    migrations: config.migrations ?? [],
    approvals: [],
    rollback_plan: config.rollback_plan,
    ...(config.waivers === undefined ? {} : { waivers: config.waivers }),
    metadata: { ...config.metadata, environment: config.environment },
  };
  return parseContract('release-manifest', manifest);
}

/** The `sha256:` digest of a stream of bytes (a file read with `createReadStream`), never holding it whole. */
export async function digestStream(chunks: AsyncIterable<Uint8Array | string>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of chunks) hash.update(chunk);
  return `sha256:${hash.digest('hex')}`;
}
