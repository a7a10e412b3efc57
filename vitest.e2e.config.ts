import { defineConfig } from 'vitest/config';

// End-to-end suites: the test build loaded into real Chromium and Firefox ESR. One file at a
// time, since each launches both browsers and the machine has two cores.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60000,
    hookTimeout: 90000,
    reporters: ['verbose', './tests/e2e/flaky-reporter.ts'],
    // Real browsers on a shared 2-core machine: a failed test is run once more, and
    // tests/e2e/flaky-reporter.ts names every test that needed it at the end of the run. A test
    // that fails twice fails the run. (The 3 s deadlines of tests/e2e/unavailable.e2e.ts are
    // timed on the browser's clock, so the driver's polling no longer counts; a machine loaded
    // far past its cores can still stretch the browser itself.)
    retry: 1,
  },
});
