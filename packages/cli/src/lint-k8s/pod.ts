// Defensive access to a pod spec written by anyone: every rule goes through these, so a number written as a
// string, a missing list or a container that is not an object never throws.

import { isRecord } from '@rollgate/contract/errors';
import type { LintK8sCode } from './codes.js';
import type { Container, LintFinding, PodTemplate } from './types.js';

/** True for a plain object. */

/** The object at `key`, or undefined. */
export function recordAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (!isRecord(value)) return undefined;
  const at = value[key];
  return isRecord(at) ? at : undefined;
}

/** A non-negative integer field (Kubernetes takes int32 here), or undefined when absent or not a number. */
export function intAt(value: unknown, key: string): number | undefined {
  if (!isRecord(value)) return undefined;
  const at = value[key];
  return typeof at === 'number' && Number.isFinite(at) ? at : undefined;
}

/** A string field, or undefined. */
export function stringAt(value: unknown, key: string): string | undefined {
  if (!isRecord(value)) return undefined;
  const at = value[key];
  return typeof at === 'string' ? at : undefined;
}

/** The pod's containers with their index (init containers are not probed by the kubelet). */
export function containersOf(pod: PodTemplate): { container: Container; index: number; name: string }[] {
  const list = pod.spec.containers;
  if (!Array.isArray(list)) return [];
  const out: { container: Container; index: number; name: string }[] = [];
  list.forEach((container, index) => {
    if (isRecord(container)) out.push({ container, index, name: stringAt(container, 'name') ?? `#${index}` });
  });
  return out;
}

/** The three probe fields of a container. */
export const PROBE_FIELDS = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;

/** The HTTP path a probe GETs, without its query; undefined when it is not an httpGet probe. */
export function probePath(probe: Record<string, unknown>): string | undefined {
  const path = stringAt(recordAt(probe, 'httpGet'), 'path');
  if (path === undefined) return undefined;
  const query = path.indexOf('?');
  return query < 0 ? path : path.slice(0, query);
}

/** A finding about `pod`, container-level when `container` is given. */
export function finding(
  pod: PodTemplate,
  code: LintK8sCode,
  path: string,
  message: string,
  container?: string,
): LintFinding {
  return {
    code,
    file: pod.file,
    document: pod.document,
    kind: pod.kind,
    name: pod.name,
    ...(pod.runBy !== undefined ? { runBy: pod.runBy } : {}),
    ...(container !== undefined ? { container } : {}),
    path,
    message,
  };
}

/** The path of container `index` of `pod`. */
export function containerPath(pod: PodTemplate, index: number): string {
  return `${pod.specPath}.containers[${index}]`;
}
