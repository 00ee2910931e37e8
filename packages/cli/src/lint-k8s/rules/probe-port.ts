// probe_port_undeclared: the kubelet resolves a named probe port among the container's own ports and fails the
// probe when none matches; a numeric port nobody declares is usually a port changed in one place only.

import { isRecord } from '@rollgate/contract/errors';
import { containerPath, containersOf, finding, PROBE_FIELDS, recordAt } from '../pod.js';
import type { Container, LintFinding, LintRule } from '../types.js';

const PORT_HOLDERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

function declaredPorts(container: Container): { names: Set<string>; numbers: Set<number> } {
  const names = new Set<string>();
  const numbers = new Set<number>();
  const ports = container.ports;
  if (Array.isArray(ports)) {
    for (const port of ports) {
      if (!isRecord(port)) continue;
      if (typeof port.name === 'string') names.add(port.name);
      if (typeof port.containerPort === 'number') numbers.add(port.containerPort);
    }
  }
  return { names, numbers };
}

/** Every probe's port (named or numeric) is one the container declares. */
export const probePortRule: LintRule = (pod) => {
  const out: LintFinding[] = [];
  for (const { container, index, name } of containersOf(pod)) {
    const declared = declaredPorts(container);
    for (const field of PROBE_FIELDS) {
      const probe = recordAt(container, field);
      for (const holder of PORT_HOLDERS) {
        const action = recordAt(probe, holder);
        if (action === undefined || action.port === undefined) continue;
        const port = action.port;
        // A numeric string ("8080") is a number to the kubelet, as in intstr.
        const asNumber =
          typeof port === 'number' ? port : /^\d+$/.test(String(port)) ? Number(port) : undefined;
        const ok = asNumber !== undefined ? declared.numbers.has(asNumber) : declared.names.has(String(port));
        if (ok) continue;
        const what = asNumber !== undefined ? `containerPort ${asNumber}` : `port named "${String(port)}"`;
        out.push(
          finding(
            pod,
            'probe_port_undeclared',
            `${containerPath(pod, index)}.${field}.${holder}.port`,
            `${field} uses port ${JSON.stringify(port)} but container "${name}" declares no ${what}`,
            name,
          ),
        );
      }
    }
  }
  return out;
};
