export * from './canary/index.js';
export * from './errors.js';
export * from './gate/index.js';
export * from './probe/index.js';
export * from './rules/index.js';
