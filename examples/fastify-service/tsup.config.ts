import { defineConfig } from 'tsup';

// Bundles src/ only; every dependency stays an import resolved from node_modules at run time.
export default defineConfig({
  entry: { server: 'src/server.ts' },
  format: ['esm'],
  target: 'node20',
  clean: true,
  sourcemap: true,
});
