import { defineConfig } from 'tsup';

// The library entry ships ESM + CJS for embedding; the bin is ESM only, and splits so each command's module
// (and zod behind it) loads only when that command runs.
export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    treeshake: true,
  },
  {
    entry: { bin: 'src/bin.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    sourcemap: true,
    target: 'node20',
    splitting: true,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
