// `npm run test:e2e`: builds the test build (hooks on), makes sure both browsers are there,
// then runs the end-to-end suites under tests/e2e in real Chromium and Firefox ESR.
import { execFileSync } from 'node:child_process';
import { findBrowser } from './browsers.mjs';

process.env.CHROMIUM_PATH = findBrowser('chromium');
process.env.FIREFOX_PATH = findBrowser('firefox');
console.log(`E2E browsers: Chromium ${process.env.CHROMIUM_PATH}, Firefox ${process.env.FIREFOX_PATH}`);
execFileSync('node', ['build.mjs', '--test'], { stdio: 'inherit' });
execFileSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
