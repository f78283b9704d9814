import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { integrationTestFiles } from './test/support/tiers.js';
import SlowestFirst from './test/support/sequencer.js';

const root = fileURLToPath(new URL('.', import.meta.url));
const integration = integrationTestFiles(root);
const WORKERS = Number(process.env.STREAMALERT_TEST_WORKERS ?? 6);

/**
 * Two projects. `unit` (npm run test:unit): every test file that needs neither Terraform,
 * moto, the processor bundles nor the action as a process — seconds, for the edit loop.
 * `integration`: the rest (test/support/tiers.ts decides from each file's imports).
 * Neither isolates its files: a file that changes process-wide state puts it back.
 * `npm test` runs both.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    // Most of an integration file's time is waiting: on the AWS provider's fixed polls (a
    // state bucket's lifecycle rules 10 s + 10 × 5 s, an SQS queue's attributes 6 × 5 s, a
    // Kinesis stream 10 s per change), on moto, on child processes. With four files side by
    // side the suite used 1.3-1.6 of 2 cores; six keep both busy (525 s on an idle 2-core
    // machine). vitest's default (cores - 1) would run them one at a time here. One figure
    // for both projects: vitest runs projects with different figures one after the other.
    maxWorkers: WORKERS,
    sequence: { sequencer: SlowestFirst },
    projects: [
      {
        test: {
          name: 'unit',
          // Removes the temp folders each file made (test/support/temp-cleanup.ts).
          setupFiles: ['test/support/temp-cleanup.ts'],
          include: ['test/**/*.test.ts'],
          exclude: integration,
          testTimeout: 30_000,
          // Most of a unit file's time was importing the sources again in a fresh module
          // graph (the AWS SDK, Octokit, ajv): one graph per worker took the tier from
          // 120 s to 28 s on a loaded 2-core machine. Unit files change no process-wide
          // state they do not put back; the integration files keep their isolation.
          isolate: false,
        },
      },
      {
        test: {
          name: 'integration',
          setupFiles: ['test/support/temp-cleanup.ts'],
          include: integration,
          globalSetup: ['test/support/global-setup.ts'],
          // As the unit files: one module graph per worker, not per file. Each file's own
          // imports (the AWS SDK clients, the sources it runs in-process) cost a worker 1.5-4.5
          // CPU-s to load again, ~115 CPU-s over the tier (measured per file, 2026-12-07).
          // Each file starts and stops its own servers and puts back any environment it sets.
          isolate: false,
          // Terraform init/apply against moto takes minutes; a per-test default that low would
          // only produce flaky failures, so the slow suites set their own timeouts.
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
