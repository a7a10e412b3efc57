import type { Reporter, TestCase } from 'vitest/node';

// The E2E config lets a failed test run once more (real browsers on a shared 2-core machine).
// A retry must never hide a problem: this reporter lists, after the run, every test that
// passed only on its retry, so CI output names the flaky ones instead of just going green.
export default class FlakyReporter implements Reporter {
  private readonly flaky: string[] = [];

  onTestCaseResult(testCase: TestCase): void {
    const { flaky, retryCount } = testCase.diagnostic() ?? { flaky: false, retryCount: 0 };
    if (flaky) this.flaky.push(`${testCase.module.relativeModuleId} › ${testCase.fullName} (retries: ${retryCount})`);
  }

  onTestRunEnd(): void {
    if (this.flaky.length === 0) {
      console.log('E2E: no test needed a retry.');
      return;
    }
    console.log(`E2E: ${this.flaky.length} test(s) passed only on a retry (flaky, to be fixed):`);
    for (const name of this.flaky) console.log(`  - ${name}`);
  }
}
