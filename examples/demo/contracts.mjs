// Section 1 of the demo: validate every example document and verify the artifact digests.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { verifyArtifacts } from '@rollgate/contract';
import { loadContract } from '@rollgate/contract/files';

const DOCUMENTS = [
  ['deployment-manifest', 'deployment_manifest.yaml'],
  ['monitoring-config', 'monitoring_config.json'],
  ['build-metadata', 'build_metadata.json'],
  ['release-manifest', 'release-manifest.json'],
  // The runbook's example as published, with its digests elided: it must fail on exactly those paths.
  ['release-manifest', 'release-manifest.elided.json', 'expected to fail'],
  ['gate-policy', 'gate_policy.yaml'],
  ['rollback-rules', 'rollback_rules.yaml'],
  ['canary-plan', 'canary_plan.yaml'],
];

/** Validates the example documents; returns the parsed ones by file name. */
export async function validateDocuments(dir, print) {
  const parsed = {};
  let surprises = 0;
  for (const [kind, file, expectation] of DOCUMENTS) {
    const result = await loadContract(kind, join(dir, 'documents', file));
    if (result.ok !== !expectation) surprises += 1;
    if (result.ok) {
      parsed[file] = result.value;
      print(`  ✓ ${file.padEnd(32)} ${kind}`);
    } else {
      const note = expectation ? ` (${expectation})` : '';
      print(`  ✗ ${file.padEnd(32)} ${kind}: ${result.issues.length} issue(s)${note}`);
      for (const issue of result.issues) print(`      ${issue.path || '(document)'}: ${issue.message}`);
    }
  }
  const manifest = parsed['release-manifest.json'];
  if (manifest) {
    const byName = { 'service-api': 'service-api-1.4.0.txt', 'prompt-pack': 'prompt-pack-2025.10.02.txt' };
    const check = await verifyArtifacts(manifest, (a) => readFile(join(dir, 'artifacts', byName[a.name])));
    print(
      check.ok
        ? `  ✓ artifact digests: ${check.checked} of ${check.checked} match their sha256`
        : `  ✗ artifact digests: ${check.mismatches.map((m) => m.message).join('; ')}`,
    );
  }
  return { parsed, surprises };
}
