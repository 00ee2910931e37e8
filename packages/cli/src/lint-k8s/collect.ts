// From documents to the pod templates the rules look at. Deployments and StatefulSets carry their own template;
// an Argo Rollout carries one too, or points at a Deployment with `spec.workloadRef`; a Flagger Canary always
// points at one with `spec.targetRef`. A referenced Deployment given alongside is linted once, labelled with the
// Rollout or Canary that runs it; a reference whose Deployment was not given is listed as skipped.

import { isRecord } from '@rollgate/contract/errors';
import { recordAt, stringAt } from './pod.js';
import type { ManifestDocument } from './read.js';
import type { DocumentLocation, PodTemplate } from './types.js';

/** A Rollout or Canary whose Deployment was not among the files, so its pods could not be linted. */
export interface SkippedReference extends DocumentLocation {
  /** `Rollout` or `Canary`. */
  kind: string;
  /** Its name. */
  name: string;
  /** What it points at, e.g. `Deployment/orders-api`. */
  ref: string;
}

/** Pod templates found, and references that could not be followed. */
export interface CollectedPods {
  /** Pod templates to lint. */
  pods: PodTemplate[];
  /** References left unresolved. */
  skipped: SkippedReference[];
}

/** The kinds whose pod template is linted (an Argo Rollout with a `workloadRef` is linted through its Deployment). */
export const WORKLOAD_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'Rollout']);

function podOf(doc: ManifestDocument, kind: string, name: string): PodTemplate | undefined {
  const spec = recordAt(recordAt(recordAt(doc.value, 'spec'), 'template'), 'spec');
  if (spec === undefined) return undefined;
  return { file: doc.file, document: doc.document, kind, name, specPath: 'spec.template.spec', spec };
}

function referenceOf(doc: ManifestDocument, kind: string): { kind: string; name: string } | undefined {
  const spec = recordAt(doc.value, 'spec');
  const ref = kind === 'Rollout' ? recordAt(spec, 'workloadRef') : recordAt(spec, 'targetRef');
  const name = stringAt(ref, 'name');
  if (name === undefined) return undefined;
  return { kind: stringAt(ref, 'kind') ?? 'Deployment', name };
}

function namespaceOf(value: Record<string, unknown>): string {
  return stringAt(recordAt(value, 'metadata'), 'namespace') ?? '';
}

/** The pod templates of `documents` (from every file of one run, so references resolve across files). */
export function collectPods(documents: readonly ManifestDocument[]): CollectedPods {
  const pods: PodTemplate[] = [];
  const skipped: SkippedReference[] = [];
  const byName = new Map<string, { pod: PodTemplate; namespace: string }[]>();
  for (const doc of documents) {
    const kind = stringAt(doc.value, 'kind');
    if (kind === undefined || !WORKLOAD_KINDS.has(kind)) continue;
    const name = stringAt(recordAt(doc.value, 'metadata'), 'name') ?? '';
    const pod = podOf(doc, kind, name);
    if (pod === undefined) continue;
    pods.push(pod);
    const key = `${kind}/${name}`;
    byName.set(key, [...(byName.get(key) ?? []), { pod, namespace: namespaceOf(doc.value) }]);
  }
  for (const doc of documents) {
    const kind = stringAt(doc.value, 'kind');
    if (kind !== 'Rollout' && kind !== 'Canary') continue;
    if (kind === 'Rollout' && isRecord(recordAt(doc.value, 'spec')?.template)) continue;
    const ref = referenceOf(doc, kind);
    if (ref === undefined) continue;
    const name = stringAt(recordAt(doc.value, 'metadata'), 'name') ?? '';
    // A manifest without a namespace lands in the one `kubectl -n` names, so it matches any namespace.
    const namespace = namespaceOf(doc.value);
    const target = byName
      .get(`${ref.kind}/${ref.name}`)
      ?.find((c) => c.namespace === namespace || c.namespace === '' || namespace === '')?.pod;
    if (target === undefined) {
      skipped.push({ file: doc.file, document: doc.document, kind, name, ref: `${ref.kind}/${ref.name}` });
    } else if (target.runBy === undefined) {
      target.runBy = `${kind}/${name}`;
    }
  }
  return { pods, skipped };
}
