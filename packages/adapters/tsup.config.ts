import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    fastify: 'src/fastify.ts',
    express: 'src/express.ts',
    node: 'src/node.ts',
    fetch: 'src/fetch.ts',
    probes: 'src/probes.ts',
    shutdown: 'src/shutdown.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  treeshake: true,
  // One file per entry, as the CommonJS build already is: Node's ESM loader pays about 1 ms per module file
  // at a cold start, and shared chunks made '/node' three files and the root entry eight. The entries share
  // no state (their common code is pure functions and constant data), so a copy in each is harmless.
  splitting: false,
});
