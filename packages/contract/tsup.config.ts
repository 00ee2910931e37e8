import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    compat: 'src/compat.ts',
    errors: 'src/errors.ts',
    files: 'src/files.ts',
    lazy: 'src/lazy.ts',
    release: 'src/release.ts',
    testing: 'src/testing.ts',
    time: 'src/time.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  treeshake: true,
});
