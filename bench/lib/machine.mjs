import os from 'node:os';

// Every figure is only meaningful next to the machine that produced it.

/** Describes the machine, Node version and date of a run, as one Markdown line. */
export function machineLine(now = new Date()) {
  const cpus = os.cpus();
  const model = cpus[0]?.model?.trim() ?? 'unknown CPU';
  const load = os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  return (
    `Machine: ${model}, ${cpus.length} cores, ${os.platform()} ${os.release()}, Node ${process.version}; ` +
    `load average at start ${load}; ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC.`
  );
}
