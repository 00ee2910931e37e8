export * from './probe/index.js';
export * from './rules/index.js';
export * from './canary/index.js';
export * from './gate/index.js';
export * from './errors.js';
