import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints `Tests: N passed, N failed, N skipped` as the very last line, the closing line CI reads
 * (Vitest's own summary has another form).
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      // A file that fails to load has no tests but must still count as a failure.
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++;
    }
    failed += unhandledErrors.length;
    setTimeout(
      () =>
        process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`),
      0,
    );
  }
}
