// Jest global setup: compiles lambda/ into dist/ first, so tests that spawn bin/certwatch.js
// (and the runtime-dependency test) see the current sources, not a stale build.
module.exports = async () => {
  await require('../scripts/build-cli').buildCli();
};
