import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { integrationTestFiles } from './test/support/tiers.js';

const root = fileURLToPath(new URL('.', import.meta.url));
const integration = integrationTestFiles(root);

/**
 * Two projects. `unit` (npm run test:unit): every test file that needs neither Terraform,
 * moto, the processor bundles nor the action as a process — seconds, for the edit loop.
 * `integration`: the rest (test/support/tiers.ts decides from each file's imports).
 * `npm test` runs both.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: integration,
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: integration,
          globalSetup: ['test/support/global-setup.ts'],
          // Terraform init/apply against moto takes minutes; a per-test default that low would
          // only produce flaky failures, so the slow suites set their own timeouts.
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
