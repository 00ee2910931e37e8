import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTRACT_KINDS } from '../kinds.js';
import { parseContract } from '../parse/parse-contract.js';
import {
  DOCUMENT_FACTORIES,
  makeCanaryPlan,
  makeDocument,
  makeGatePolicy,
  makeHealthReport,
  makeReleaseManifest,
  makeReleaseReport,
} from './factories.js';
import GOLDEN from './golden-bases.json';
import { deepMerge } from './merge.js';

const SCRIPT = pathToFileURL(
  join(fileURLToPath(new URL('../../../../', import.meta.url)), 'scripts/write-fixture-bases.mjs'),
).href;

describe('fixture factories', () => {
  it('golden-bases.json is what scripts/write-fixture-bases.mjs writes from the fixtures (run it after a change)', async () => {
    const { formatBases, readFixtureBases } = (await import(SCRIPT)) as {
      formatBases(b: unknown): string;
      readFixtureBases(): unknown;
    };
    expect(JSON.parse(formatBases(readFixtureBases()))).toEqual(GOLDEN);
  });

  it.each(CONTRACT_KINDS)('%s: the factory gives a valid document, a fresh copy each call', (kind) => {
    const make = DOCUMENT_FACTORIES[kind] as () => unknown;
    const a = make();
    expect(parseContract(kind, a).ok).toBe(true);
    expect(a).toEqual((GOLDEN as Record<string, { document: unknown }>)[kind]?.document);
    expect(make()).not.toBe(a);
    expect(makeDocument(kind)).toEqual(a);
  });

  it('merges nested overrides and keeps the rest of the golden document', () => {
    const manifest = makeReleaseManifest({ release: '2026.01.15', metadata: { environment: 'staging' } });
    expect(manifest.release).toBe('2026.01.15');
    expect(manifest.metadata.environment).toBe('staging');
    expect(manifest.artifacts.length).toBeGreaterThan(0);
    expect(manifest.rollback_plan).toEqual(makeReleaseManifest().rollback_plan);
  });

  it('replaces arrays whole and removes a key given as undefined', () => {
    const plan = makeCanaryPlan({ steps: [{ weight: 50, hold: '1m' }, { weight: 100 }] });
    expect(plan.steps).toEqual([{ weight: 50, hold: '1m' }, { weight: 100 }]);
    const report = makeReleaseReport({ completed_at: undefined, status: 'in_progress' });
    expect(report).not.toHaveProperty('completed_at');
    expect(report.status).toBe('in_progress');
    const policy = makeGatePolicy({ approvals: { production: ['sre'] } });
    expect(policy.approvals?.production).toEqual(['sre']);
    expect(makeHealthReport({ status: 'ok' }).status).toBe('ok');
  });

  it('throws a readable Error when the overrides make the document invalid', () => {
    expect(() => makeReleaseManifest({ artifacts: [] })).toThrow(
      /^value does not conform to release-manifest:\n {2}- artifacts: a release has at least one artifact$/,
    );
  });

  it('deepMerge never modifies its inputs (fuzzed)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (base, overrides) => {
        const before = [structuredClone(base), structuredClone(overrides)];
        deepMerge(base, overrides);
        expect([base, overrides]).toEqual(before);
      }),
    );
  });
});
