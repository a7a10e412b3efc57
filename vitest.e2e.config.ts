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
    reporters: ['verbose'],
  },
});
