// Preloaded into a CLI child process by tests (NODE_OPTIONS=--require …): prints its peak RSS and
// run time on exit, so a test can bound the memory a hostile workload costs. Test support only.
const started = process.hrtime.bigint();
process.once('exit', () => {
  const usage = {
    maxRssKiB: process.resourceUsage().maxRSS,
    ms: Number((process.hrtime.bigint() - started) / 1000000n),
  };
  process.stderr.write(`certwatch-test-usage ${JSON.stringify(usage)}\n`);
});
