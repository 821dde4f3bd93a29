#!/usr/bin/env node
// `npm run demo`: starts three simulated clusters on loopback (Istio with a stale root copy,
// Linkerd mid-rotation, cert-manager + Consul), writes a temporary kubeconfig, runs the real
// `certwatch scan` on all three contexts, then stops everything. No cluster, no AWS.
require('tsx/cjs');
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { startSimulator, writeKubeconfig } = require('../test/simulator');
const { demoClusters } = require('../test/simulator/scenarios');

async function main() {
  const started = Date.now();
  const now = new Date(Math.floor(started / 1000) * 1000);
  const dir = mkdtempSync(join(tmpdir(), 'certwatch-demo-'));
  const bundles = await demoClusters(now);
  const sims = await Promise.all(bundles.map((b) => startSimulator({ scenario: b.scenario })));
  try {
    const kubeconfig = join(dir, 'kubeconfig');
    await writeKubeconfig(
      kubeconfig,
      sims.map((s) => s.context('admin')),
    );
    const contexts = sims.flatMap((s) => ['--context', s.name]);
    console.log(`demo: ${sims.length} simulated clusters on ${sims.map((s) => s.url).join(', ')}`);
    console.log(
      `demo: certwatch scan --kubeconfig ${kubeconfig} ${contexts.join(' ')} --now ${now.toISOString()}\n`,
    );
    const code = await run([
      join(__dirname, '..', 'bin', 'certwatch.js'),
      'scan',
      '--kubeconfig',
      kubeconfig,
      ...contexts,
      '--now',
      now.toISOString(),
    ]);
    console.log(`\ndemo: certwatch scan exited ${code}.`);
    if (code === 1)
      console.log(
        'demo: that non-zero exit is expected: the simulated clusters contain critical findings on purpose.',
      );
    console.log(`demo: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return code === 0 || code === 1 ? 0 : code;
  } finally {
    await Promise.all(sims.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
