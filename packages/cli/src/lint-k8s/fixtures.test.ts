// The fixtures pin each rule: every example manifest of the repository and every good fixture is clean, and each
// bad fixture yields exactly the one finding its name says.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../testing/paths.js';
import { LINT_K8S_CODES } from './codes.js';
import { lintManifests } from './lint.js';

const FIXTURES = join(ROOT, 'packages/cli/fixtures/lint-k8s');

async function yamlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await yamlFiles(path)));
    else if (/\.ya?ml$/.test(entry.name)) out.push(path);
  }
  return out.sort();
}

async function lintFiles(files: string[]) {
  const sources = await Promise.all(
    files.map(async (file) => ({ file: relative(ROOT, file), text: await readFile(file, 'utf8') })),
  );
  return lintManifests(sources);
}

describe('lint-k8s fixtures', () => {
  it('every example manifest in examples/ passes, and the Kubernetes examples are really linted', async () => {
    const files = await yamlFiles(join(ROOT, 'examples'));
    expect(files.map((f) => relative(ROOT, f))).toContain('examples/kubernetes/deployment.yaml');
    const result = await lintFiles(files);
    expect(result.issues).toEqual([]);
    expect(result.findings).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(result.workloads).toBeGreaterThanOrEqual(1);
  });

  it('every good fixture passes: a Deployment, a Rollout with workloadRef, a Canary and a StatefulSet', async () => {
    const result = await lintFiles(await yamlFiles(join(FIXTURES, 'good')));
    expect(result).toMatchObject({ findings: [], issues: [], skipped: [] });
    expect(result.workloads).toBe(4);
  });

  it('there is one bad fixture per finding code', async () => {
    const names = (await readdir(join(FIXTURES, 'bad'))).map((f) => f.replace(/\.yaml$/, '')).sort();
    expect(names).toEqual([...LINT_K8S_CODES].sort());
  });

  it.each(LINT_K8S_CODES)('bad/%s.yaml fails with exactly that finding', async (code) => {
    const result = await lintFiles([join(FIXTURES, 'bad', `${code}.yaml`)]);
    expect(result.issues).toEqual([]);
    expect(result.findings.map((f) => f.code)).toEqual([code]);
    expect(result.findings[0]).toMatchObject({
      file: `packages/cli/fixtures/lint-k8s/bad/${code}.yaml`,
      document: 0,
      kind: 'Deployment',
      name: 'orders-api',
    });
  });
});
