import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ReadinessReport, ReleaseConfig } from '../documents/release.js';
import { parseContract } from '../parse/parse-contract.js';
import { assembleManifest, digestStream } from './assemble.js';

const fixture = (path: string) =>
  readFileSync(new URL(`../../fixtures/v1.0.0/${path}`, import.meta.url), 'utf8');
const config = parseContract('release-config', parse(fixture('release-config/valid/runbook-release.yaml')));
const report = parseContract('readiness-report', {
  run_id: 'run123',
  started_at: '2025-10-02T10:00:00Z',
  suites: [{ name: 'unit', status: 'passed' }],
  scorecard: { passed: true },
});
if (!config.ok || !report.ok) throw new Error('fixtures do not parse');
const digests = {
  'service-api': 'sha256:58837eeb43cc24fccaaf0367f9e2cf1e2d7062eca69668429ff3a55f765ee776',
  'prompt-pack': 'sha256:fbc426cd1fc96e3a8127d2969ca3931552fdf9f09ac8174d888138f663816dc8',
};
const input = (c: ReleaseConfig, r: ReadinessReport, d: Record<string, string>) => ({
  config: c,
  report: r,
  digests: d,
  generatedAt: '2025-10-02T12:00:00Z',
  scorecardPath: 'readiness_report.json',
});

describe('assembleManifest', () => {
  it("builds the runbook's manifest, in its key order, with an empty approval log", () => {
    const result = assembleManifest(input(config.value, report.value, digests));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const runbook = JSON.parse(fixture('release-manifest/valid/runbook-example.json'));
    expect(result.value).toEqual({
      schema_version: '1.0.0',
      ...runbook,
      approvals: [],
      metadata: { owner: 'platform-eng', environment: 'production' },
    });
    expect(Object.keys(result.value)).toEqual(['schema_version', ...Object.keys(runbook)]);
  });

  it('names an artifact without a digest and a digest for no artifact', () => {
    const result = assembleManifest(
      input(config.value, report.value, {
        'service-api': digests['service-api'],
        'web-ui': digests['prompt-pack'],
      }),
    );
    expect(result).toMatchObject({
      ok: false,
      issues: [
        { code: 'unknown_artifact', path: 'artifacts' },
        { code: 'artifact_unresolved', path: 'artifacts[1].path' },
      ],
    });
  });

  it('takes scorecard_path from the caller when the config has none', () => {
    const { scorecard_path: _, ...rest } = config.value;
    const result = assembleManifest(input(rest, report.value, digests));
    expect(result.ok && result.value.scorecard_path).toBe('readiness_report.json');
  });
});

describe('digestStream', () => {
  it('hashes a stream chunk by chunk as sha256 of the whole', async () => {
    expect(await digestStream(Readable.from([Buffer.from('hello '), Buffer.from('world')]))).toBe(
      'sha256:b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9',
    );
  });
});
