import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Terraform init/apply against moto takes minutes; a per-test default that low would
    // only produce flaky failures, so the slow suites set their own timeouts.
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
