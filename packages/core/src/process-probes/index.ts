// Process probes: the replica's own health (event loop, memory, disk) as ordinary readiness probes.
export { type DiskSpaceProbeOptions, diskSpaceProbe } from './disk-space.js';
export { type EventLoopDelayProbeOptions, eventLoopDelayProbe } from './event-loop-delay.js';
export {
  type EventLoopUtilizationProbeOptions,
  eventLoopUtilizationProbe,
} from './event-loop-utilization.js';
export { type HeapUsedProbeOptions, heapUsedProbe, type RssProbeOptions, rssProbe } from './memory.js';
export type { ProcessProbeOptions } from './options.js';
