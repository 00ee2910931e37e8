// Every input of evaluateGate read in one place: the documents with the contract's schemas, the
// rest with small readers. Each input mistake becomes a rejecting reason, in the order of the
// input's fields, and what is still usable is handed to the checks.
import {
  type ContractIssue,
  Environment,
  Name,
  type ParseResult,
  ReleaseManifest,
  Scorecard,
} from '@rollgate/contract';
import { describeValue, isRecord } from '@rollgate/contract/errors';
import type { z } from 'zod';
import { unknownKeyIssues } from '../evaluator-kit/unknown-keys.js';
import { GATE_ISSUE_CODES } from './codes.js';
import { resolveEnvironment } from './environment.js';
import { type Finding, inputMistakes } from './finding.js';
import { field, readInstant, readObject, readOffset, readOptional } from './inputs.js';
import { type ManifestView, viewManifest } from './manifest-view.js';
import { readManifest } from './read-manifest.js';
import { type ReadPolicy, readPolicy } from './read-policy.js';
import { readEach } from './schema-read.js';
import type { GateInput, GateSignals, GateSignature } from './types.js';

/** The input as the gate uses it, and the reasons its mistakes give. */
export interface GateReading {
  /** One rejecting reason per input issue, then ENVIRONMENT_MISMATCH when the request contradicts the manifest. */
  readonly findings: Finding[];
  /** Epoch ms of `now`, when it reads. */
  readonly now: number | undefined;
  /** The offset of `decided_at` (`Z` when unreadable). */
  readonly offset: string;
  /** The enforceable part of the policy. */
  readonly policy: ReadPolicy;
  /** The sound parts of the manifest with the approvals and waivers passed beside it. */
  readonly manifest: ManifestView;
  /** The release the record names: `releaseId`, else the manifest's, when they read. */
  readonly releaseId: string | undefined;
  /** The environment judged, when known and well formed. */
  readonly environment: string | undefined;
  /** The signature check, when given and well formed. */
  readonly signature: GateSignature | undefined;
}

const issuesOf = <T>(read: ParseResult<T>): ContractIssue[] => (read.ok ? [] : read.issues);
const valueRead = <T>(read: ParseResult<T>): T | undefined => (read.ok ? read.value : undefined);

// `satisfies` makes the compiler list every key of the input and the signals here, so none can be forgotten.
const GATE_INPUT_KEYS = Object.keys({
  policy: true,
  manifest: true,
  scorecard: true,
  signals: true,
  signature: true,
  approvals: true,
  waivers: true,
  now: true,
  releaseId: true,
  environment: true,
  offset: true,
} satisfies Record<keyof GateInput, true>);
const SIGNAL_KEYS = Object.keys({
  p95_ms: true,
  error_rate: true,
  open_critical_incidents: true,
} satisfies Record<keyof GateSignals, true>);

// The scorecard is the contract's document, read with its (strict) schema; `passed` is left to the
// readiness check, which says what its absence means for the policy.
const GATE_SCORECARD = Scorecard.partial({ passed: true });

/** Reads the whole input; never throws on a plain value (a throwing getter is the caller's to catch). */
export function readGateInput(input: unknown): GateReading {
  const findings: Finding[] = [];
  const invalid = (issues: readonly ContractIssue[], policy?: string) =>
    findings.push(...inputMistakes('INPUT_INVALID', issues, undefined, policy));
  if (!isRecord(input)) {
    invalid([
      {
        code: GATE_ISSUE_CODES.invalidInput,
        path: '',
        message: `evaluateGate takes { policy, manifest, scorecard, signals, now }; got ${describeValue(input)}.`,
      },
    ]);
  }
  // A misspelt key (`scorcard`) would otherwise judge the release without what it was meant to carry.
  invalid(unknownKeyIssues(input, GATE_INPUT_KEYS, 'evaluateGate', '', GATE_ISSUE_CODES.invalidInput));
  const now = readInstant(field(input, 'now'));
  const offset = readOffset(field(input, 'offset'));
  const releaseId = readOptional(Name, field(input, 'releaseId'), 'releaseId');
  const scorecard = readOptional(GATE_SCORECARD, field(input, 'scorecard'), 'scorecard');
  const signals = readObject(field(input, 'signals'), 'signals');
  invalid(
    unknownKeyIssues(
      field(input, 'signals'),
      SIGNAL_KEYS,
      'signals',
      'signals',
      GATE_ISSUE_CODES.invalidInput,
    ),
  );
  const signature = readSignature(field(input, 'signature'));
  for (const read of [now, offset, scorecard, signals, signature, releaseId]) invalid(issuesOf(read));

  const policy = readPolicy(field(input, 'policy'));
  findings.push(...inputMistakes('POLICY_INVALID', policy.issues, 'policy', 'policy'));
  const manifest = readManifest(field(input, 'manifest'));
  findings.push(...inputMistakes('MANIFEST_INVALID', manifest.issues, 'manifest', 'manifest'));

  // Approvals and waivers passed beside the manifest are read as the manifest's own lists are.
  const extra = <S extends z.ZodType>(list: z.ZodArray<S>, key: 'approvals' | 'waivers'): z.output<S>[] => {
    const value = field(input, key);
    if (value === undefined) return [];
    const read = readEach(list, value, key);
    invalid(read.issues, key);
    return read.items;
  };
  const approvals = extra(ReleaseManifest.shape.approvals, 'approvals');
  const waivers = extra(ReleaseManifest.shape.waivers.unwrap(), 'waivers');

  const requested = readOptional(Environment, field(input, 'environment'), 'environment');
  invalid(issuesOf(requested), 'environment');
  const env = resolveEnvironment(requested, manifest.manifest.environment);
  findings.push(...env.findings);

  return {
    findings,
    now: valueRead(now),
    offset: valueRead(offset) ?? 'Z',
    policy: policy.policy,
    manifest: viewManifest(manifest.manifest, approvals, waivers),
    releaseId: valueRead(releaseId) ?? manifest.manifest.release,
    environment: env.environment,
    signature: valueRead(signature),
  };
}

// `{ verified, reason? }` from the caller's signature check; anything else is an input mistake.
function readSignature(value: unknown): ParseResult<GateSignature | undefined> {
  if (value === undefined) return { ok: true, value: undefined };
  const verified = field(value, 'verified');
  const reason = field(value, 'reason');
  if (typeof verified === 'boolean' && (reason === undefined || typeof reason === 'string'))
    return {
      ok: true,
      value: reason === undefined ? { verified } : { verified, reason: reason.slice(0, 256) },
    };
  return {
    ok: false,
    issues: [
      {
        code: GATE_ISSUE_CODES.invalidInput,
        path: 'signature',
        message: `must be { verified: boolean, reason?: string }; got ${describeValue(value)}`,
      },
    ],
  };
}
