import type { Reporter, TestCase } from 'vitest/node';

// The E2E config lets a failed test run once more (real browsers on a shared 2-core machine).
// A retry must never hide a problem: this reporter prints, as soon as such a test ends, the errors
// of the attempts that failed (vitest 4 keeps them in the result of a test that then passed), and
// lists after the run every test that passed only on its retry, so CI output names the flaky ones
// and says why, instead of just going green.
export default class FlakyReporter implements Reporter {
  private readonly flaky: string[] = [];

  onTestCaseResult(testCase: TestCase): void {
    const { flaky, retryCount } = testCase.diagnostic() ?? { flaky: false, retryCount: 0 };
    if (retryCount === 0) return;
    const name = `${testCase.module.relativeModuleId} › ${testCase.fullName}`;
    const errors = testCase.result().errors ?? [];
    const outcome = flaky ? 'passed on a retry' : 'failed every attempt';
    const lines = [`E2E retry: ${name} ${outcome} (retries: ${retryCount}); errors of the failed attempts, first attempt first:`];
    errors.forEach((error, i) => {
      lines.push(`  [${i + 1}/${errors.length}] ${error.name ?? 'Error'}: ${error.message ?? String(error)}`);
      // The test's own frames first (the runner's and the drivers' frames say little); the raw head if none.
      const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
      const own = frames.filter((line) => !line.includes('node_modules') && !line.includes('<anonymous>'));
      const stackHead = (own.length > 0 ? own : frames).slice(0, 6);
      for (const line of stackHead) lines.push(`      ${line.trim()}`);
    });
    if (errors.length === 0) lines.push('  (vitest reported no error for the failed attempt)');
    console.log(lines.join('\n'));
    if (flaky) this.flaky.push(`${name} (retries: ${retryCount})`);
  }

  onTestRunEnd(): void {
    if (this.flaky.length === 0) {
      console.log('E2E: no test needed a retry.');
      return;
    }
    console.log(`E2E: ${this.flaky.length} test(s) passed only on a retry (flaky, to be fixed; their first errors are printed above):`);
    for (const name of this.flaky) console.log(`  - ${name}`);
  }
}
