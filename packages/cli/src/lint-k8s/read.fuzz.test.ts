// The reader and every rule take anyone's YAML: arbitrary text, and objects shaped almost like a workload with
// fields of the wrong type, never make them throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { lintManifests } from './lint.js';

const anything = fc.anything({ maxDepth: 3 });
const probe = fc.oneof(
  anything,
  fc.record(
    {
      httpGet: fc.record({ path: anything, port: anything }),
      timeoutSeconds: anything,
      failureThreshold: anything,
      initialDelaySeconds: anything,
    },
    { requiredKeys: [] },
  ),
);
const nearWorkload = fc.record({
  kind: fc.constantFrom('Deployment', 'StatefulSet', 'Rollout', 'Canary', 'Service'),
  metadata: fc.oneof(anything, fc.record({ name: fc.string(), namespace: anything }, { requiredKeys: [] })),
  spec: fc.oneof(
    anything,
    fc.record(
      {
        workloadRef: fc.oneof(anything, fc.record({ kind: anything, name: fc.constantFrom('a', 'b') })),
        targetRef: anything,
        template: fc.record({
          spec: fc.oneof(
            anything,
            fc.record(
              {
                terminationGracePeriodSeconds: anything,
                containers: fc.oneof(
                  anything,
                  fc.array(
                    fc.oneof(
                      anything,
                      fc.record(
                        {
                          name: anything,
                          ports: anything,
                          readinessProbe: probe,
                          livenessProbe: probe,
                          startupProbe: probe,
                        },
                        { requiredKeys: [] },
                      ),
                    ),
                    { maxLength: 3 },
                  ),
                ),
              },
              { requiredKeys: [] },
            ),
          ),
        }),
      },
      { requiredKeys: [] },
    ),
  ),
});

describe('lint-k8s reader (fuzzed)', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `---\n${s}\n---\nkind: Deployment\n${s}`),
          fc.constantFrom('a: &a [*a, *a]', '--- !!binary x', '%YAML 9\n---\n', '---\n---\n'),
        ),
        (text) => {
          const result = lintManifests([{ file: 'f.yaml', text }]);
          for (const issue of result.issues) expect(issue.path).toMatch(/^document\[\d+\]$/);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws on workload-shaped documents with fields of any type', () => {
    fc.assert(
      fc.property(fc.array(nearWorkload, { minLength: 1, maxLength: 4 }), (docs) => {
        let text: string;
        try {
          text = docs.map((d) => stringify(d)).join('---\n');
        } catch {
          return; // a value yaml cannot write (a symbol key) is no manifest anyone has
        }
        const result = lintManifests([{ file: 'f.yaml', text }]);
        for (const f of result.findings) expect(typeof f.message).toBe('string');
      }),
      { numRuns: 400 },
    );
  });
});
