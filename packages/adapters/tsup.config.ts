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
});
