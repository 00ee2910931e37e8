import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packages = fileURLToPath(new URL('./packages/', import.meta.url));

// Tests import sibling packages from source (`@rollgate/x` → packages/x/src/index.ts,
// `@rollgate/x/sub` → packages/x/src/sub.ts), so a change is tested without a rebuild.
// The packed build is checked separately by scripts/check-packages.mjs.
export default defineConfig({
  resolve: {
    alias: [
      // The evaluators' subpaths are folders with an index.
      {
        find: /^@rollgate\/core\/(rules|canary|gate|events)$/,
        replacement: `${packages}core/src/$1/index.ts`,
      },
      {
        find: /^@rollgate\/(contract|core|readyz|adapters|cli)\/([a-z-]+)$/,
        replacement: `${packages}$1/src/$2.ts`,
      },
      { find: /^@rollgate\/(contract|core|readyz|adapters|cli)$/, replacement: `${packages}$1/src/index.ts` },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
