import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/** Tests run against the TypeScript sources of each workspace package, so no build is needed first. */
const alias = {
  '@tongban/domain': src('./packages/domain/src/index.ts'),
  '@tongban/contracts': src('./packages/contracts/src/index.ts'),
  '@tongban/crypto': src('./packages/crypto/src/index.ts'),
  '@tongban/store': src('./packages/store/src/index.ts'),
  '@tongban/demo': src('./packages/demo/src/index.ts'),
  '@tongban/interchange': src('./packages/interchange/src/index.ts'),
  '@tongban/testing': src('./packages/testing/src/index.ts'),
  '@tongban/platform': src('./apps/platform/src/index.ts'),
  '@tongban/node': src('./apps/node/src/index.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['{packages,apps}/*/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['{packages,apps}/*/src/**/*.int.test.ts', 'e2e/**/*.int.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
