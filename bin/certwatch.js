#!/usr/bin/env node
// The certwatch CLI entry: runs the JavaScript compiled from lambda/ into dist/ (by `npm ci` /
// `npm run build`, scripts/build-cli.js). The exit code is set, not forced, so piped output is
// fully flushed.
let cli;
try {
  cli = require('../dist/cli/main');
} catch (error) {
  if (error.code !== 'MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli/main')) throw error;
  process.stderr.write(
    'certwatch: not built yet; run `npm run build` (or `npm ci`) in the certwatch folder\n',
  );
  process.exit(2);
}
cli.main(process.argv.slice(2), cli.processIo()).then((code) => {
  process.exitCode = code;
});
