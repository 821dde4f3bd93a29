// Prints the one plain closing line CI reads ("N passed, M failed"), after jest's own summary.
class CiSummaryReporter {
  onRunComplete(_contexts, r) {
    const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
    const skipped = r.numPendingTests + r.numTodoTests;
    const line = `${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
    process.once('exit', () => process.stdout.write(line));
  }
}
module.exports = CiSummaryReporter;
