#!/usr/bin/env node
// The certwatch CLI entry: registers tsx so the TypeScript sources run as they are, then hands
// over to lambda/cli/main.ts. The exit code is set, not forced, so piped output is fully flushed.
// Node 20 is supported here; the AWS SDK's notice about its future Node 22 floor is noise in a CLI.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
require('tsx/cjs');
const { main, processIo } = require('../lambda/cli/main');

main(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
