#!/usr/bin/env node
// The certwatch CLI entry: registers tsx so the TypeScript sources run as they are, then hands
// over to lambda/cli/main.ts. The exit code is set, not forced, so piped output is fully flushed.
require('tsx/cjs');
const { main, processIo } = require('../lambda/cli/main');

main(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
