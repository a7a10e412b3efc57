/**
 * Vitest global setup: build the release (dist/) and test (dist-test/) extensions once, before
 * any unit test runs. Why: the build tests read those folders, and a dist/ left over from an
 * older checkout would let them pass or fail on code that is no longer there. One build here,
 * in the main process, also keeps parallel test files from building into the same folder.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup(): void {
  const root = resolve(import.meta.dirname, '../..');
  execFileSync('node', ['build.mjs'], { cwd: root, stdio: 'ignore' });
  execFileSync('node', ['build.mjs', '--test'], { cwd: root, stdio: 'ignore' });
}
