import { defineConfig } from 'vitest/config';

// Unit tests only; the end-to-end suites under tests/e2e run in real browsers via their own runner.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'node',
    globalSetup: ['tests/unit/build-first.ts'],
    testTimeout: 20000,
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
