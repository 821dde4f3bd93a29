#!/usr/bin/env node
// The certwatch CLI entry: runs the JavaScript compiled from lambda/ into dist/ (by `npm ci` /
// `npm run build`, scripts/build-cli.js). The exit code is set, not forced, so piped output is
// fully flushed.
// package.json engines: client-node 2.x and the AWS SDK use Node 22 APIs; on older Node they fail
// deep inside with messages like "Cannot read properties of undefined (reading 'bind')".
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  process.stderr.write(
    `certwatch: needs Node.js 22.19 or later, this is v${process.versions.node}. ` +
      'In the certwatch folder, `npx certwatch` and the npm scripts use the Node 22 that `npm ci` installs; ' +
      'elsewhere install Node 22 (e.g. `npm install -g node@22`).\n',
  );
  process.exit(2);
}
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
