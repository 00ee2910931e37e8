import { defineConfig } from 'tsup';

// One entry per room: the zod-free engine, and each evaluator behind its own subpath, so a host that only serves
// /readyz never loads the evaluators or zod.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    rules: 'src/rules/index.ts',
    canary: 'src/canary/index.ts',
    gate: 'src/gate/index.ts',
    events: 'src/events/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  treeshake: true,
  // import.meta.url in the CommonJS build too: tracing/otel.ts loads @opentelemetry/api through createRequire.
  shims: true,
});
