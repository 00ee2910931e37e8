import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadContract } from './files.js';
import { CONTRACT_KINDS, type ContractKind, isContractKind } from './kinds.js';
import { parseContract } from './parse/parse-contract.js';
import { SCHEMA_VERSION } from './primitives/schemas.js';

// Golden fixtures: fixtures/v<schema version>/<kind>/{valid,invalid}/<name>.(json|yaml); every invalid
// fixture has <name>.expected.json listing the exact issues. Fixtures of every released version stay here
// and must keep parsing.
const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const DOCUMENT = /\.(json|yaml)$/;
const SIDECAR = /\.expected\.json$/;

interface ExpectedIssue {
  path: string;
  code: string;
  message_includes?: string[];
}

interface Fixture {
  version: string;
  kind: ContractKind;
  verdict: 'valid' | 'invalid';
  name: string;
  file: string;
}

const versions = readdirSync(FIXTURES).filter((d) => /^v\d+\.\d+\.\d+$/.test(d));

function listFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const version of versions) {
    for (const kind of readdirSync(join(FIXTURES, version))) {
      if (!isContractKind(kind)) throw new Error(`fixtures/${version}/${kind} is not a contract kind`);
      for (const verdict of ['valid', 'invalid'] as const) {
        const dir = join(FIXTURES, version, kind, verdict);
        for (const name of readdirSync(dir)) {
          if (SIDECAR.test(name) || !DOCUMENT.test(name)) continue;
          out.push({ version, kind, verdict, name, file: join(dir, name) });
        }
      }
    }
  }
  return out;
}

const fixtures = listFixtures();
const sidecarOf = (f: Fixture) => f.file.replace(DOCUMENT, '.expected.json');
const readRaw = (file: string): unknown =>
  file.endsWith('.json') ? JSON.parse(readFileSync(file, 'utf8')) : parseYaml(readFileSync(file, 'utf8'));
const label = (f: Fixture) => `${f.version}/${f.kind}/${f.verdict}/${f.name}`;
const byIssue = (a: ExpectedIssue, b: ExpectedIssue) =>
  a.path.localeCompare(b.path) || a.code.localeCompare(b.code);

describe('golden fixtures', () => {
  it(`cover every kind with valid and invalid documents for the current schema ${SCHEMA_VERSION}`, () => {
    expect(versions).toContain(`v${SCHEMA_VERSION}`);
    for (const kind of CONTRACT_KINDS) {
      const mine = fixtures.filter((f) => f.version === `v${SCHEMA_VERSION}` && f.kind === kind);
      expect(mine.filter((f) => f.verdict === 'valid').length, `${kind} valid`).toBeGreaterThan(0);
      expect(mine.filter((f) => f.verdict === 'invalid').length, `${kind} invalid`).toBeGreaterThan(0);
    }
  });

  it('pair every invalid fixture with an expected-issues sidecar, and no sidecar is orphaned', () => {
    for (const f of fixtures.filter((x) => x.verdict === 'invalid')) {
      expect(existsSync(sidecarOf(f)), `${label(f)} needs ${sidecarOf(f)}`).toBe(true);
    }
    for (const version of versions) {
      for (const kind of readdirSync(join(FIXTURES, version))) {
        for (const verdict of ['valid', 'invalid']) {
          const dir = join(FIXTURES, version, kind, verdict);
          for (const name of readdirSync(dir).filter((n) => SIDECAR.test(n))) {
            expect(verdict, `${dir}/${name} belongs to an invalid fixture`).toBe('invalid');
            const base = name.replace(SIDECAR, '');
            expect(
              existsSync(join(dir, `${base}.json`)) || existsSync(join(dir, `${base}.yaml`)),
              `${dir}/${name} has no fixture`,
            ).toBe(true);
          }
        }
      }
    }
  });

  describe.each(fixtures.filter((f) => f.verdict === 'valid').map((f) => [label(f), f] as const))(
    '%s',
    (_, fixture) => {
      it('loads through loadContract and comes back exactly as written', async () => {
        const result = await loadContract(fixture.kind, fixture.file);
        if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
        // The schemas carry no transforms or defaults: the parsed value is the document, unknown fields
        // of a newer minor included.
        expect(result.value).toEqual(readRaw(fixture.file));
      });
    },
  );

  describe.each(fixtures.filter((f) => f.verdict === 'invalid').map((f) => [label(f), f] as const))(
    '%s',
    (_, fixture) => {
      it('fails on exactly the expected paths, every issue naming the file', async () => {
        const expected = (JSON.parse(readFileSync(sidecarOf(fixture), 'utf8')) as { issues: ExpectedIssue[] })
          .issues;
        const result = await loadContract(fixture.kind, fixture.file);
        if (result.ok) throw new Error(`${label(fixture)} parsed, but it should not`);
        const got = result.issues.map((i) => ({ path: i.path, code: i.code })).sort(byIssue);
        expect(got).toEqual(expected.map((i) => ({ path: i.path, code: i.code })).sort(byIssue));
        for (const issue of result.issues) {
          expect(issue.file).toBe(fixture.file);
          expect(issue.message.trim().length).toBeGreaterThan(0);
        }
        for (const want of expected.filter((i) => i.message_includes)) {
          const issue = result.issues.find((i) => i.path === want.path && i.code === want.code);
          for (const text of want.message_includes ?? []) expect(issue?.message).toContain(text);
        }
      });
    },
  );
});

describe('versioned fixtures', () => {
  const at = (kind: string, verdict: string, name: string) =>
    join(FIXTURES, `v${SCHEMA_VERSION}`, kind, verdict, name);

  it('accepts the runbook release manifest with real digests, and refuses only its elided digests', async () => {
    const real = await loadContract(
      'release-manifest',
      at('release-manifest', 'valid', 'runbook-example.json'),
    );
    expect(real.ok).toBe(true);
    const elided = await loadContract(
      'release-manifest',
      at('release-manifest', 'invalid', 'runbook-example-elided.json'),
    );
    expect(elided.ok ? [] : elided.issues.map((i) => i.path)).toEqual([
      'artifacts[0].hash',
      'artifacts[1].hash',
    ]);
  });

  it('keeps the unknown fields of a newer minor (1.4.0) in the parsed value', async () => {
    const result = await loadContract(
      'release-manifest',
      at('release-manifest', 'valid', 'newer-minor.json'),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const value = result.value as Record<string, unknown> & typeof result.value;
    expect(value.schema_version).toBe('1.4.0');
    expect(value.provenance).toEqual({ builder: 'github-actions', slsa_level: 3 });
    expect(value.artifacts[0]).toMatchObject({ sbom: 'oci://ghcr.io/acme/service-api/sbom:1.5.0' });
    expect(value.rollback_plan).toMatchObject({ rehearsal_duration_s: 412 });
  });

  it('reads a document without schema_version as 1.0.0: unknown fields are then mistakes', async () => {
    const file = at('deployment-manifest', 'valid', 'no-schema-version.json');
    const raw = readRaw(file) as Record<string, unknown>;
    expect(raw.schema_version).toBeUndefined();
    expect((await loadContract('deployment-manifest', file)).ok).toBe(true);
    const withTypo = parseContract('deployment-manifest', { ...raw, rollout_stratgy: 'canary' });
    expect(withTypo.ok ? [] : withTypo.issues.map((i) => [i.path, i.code])).toEqual([
      ['rollout_stratgy', 'unrecognized_key'],
    ]);
  });

  it('refuses another major with a single issue naming both versions', async () => {
    for (const kind of ['deployment-manifest', 'release-manifest'] as const) {
      const result = await loadContract(kind, at(kind, 'invalid', 'major-2.json'));
      if (result.ok) throw new Error('parsed');
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0]!.message).toMatch(/2\.0\.0.*1\.0\.0/);
    }
  });

  it('holds every telemetry fixture to the observability profile (+08:00 timestamps)', () => {
    const events = fixtures.filter((f) => f.kind === 'telemetry-event' && f.verdict === 'valid');
    expect(new Set(events.map((f) => (readRaw(f.file) as { type: string }).type)).size).toBe(8);
    for (const f of events) {
      const result = parseContract('telemetry-event', readRaw(f.file), { profile: 'observability' });
      expect(result.ok, label(f)).toBe(true);
    }
  });

  it('reads the YAML gate policy with the runbook string bound "< 200"', async () => {
    const result = await loadContract(
      'gate-policy',
      at('gate-policy', 'valid', 'runbook-string-bounds.yaml'),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.value.policies).toMatchObject({
      performance_p95_ms: '< 200',
      error_rate: '< 0.01',
      open_critical_incidents: 0,
    });
  });
});
