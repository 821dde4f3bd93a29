#!/usr/bin/env node
// `npm run demo`: starts three simulated clusters on loopback (Istio with a stale root copy,
// Linkerd mid-rotation, cert-manager + Consul) and a loopback Slack API, then runs the real
// `certwatch` CLI through the alert loop: scan 1 alerts, scan 2 is silent, a CA rotation in the
// simulator resolves alerts (threaded under their opening messages), and the digest lists what
// is coming in the next 30 days (the stalled cert-manager renewal first). No cluster, no AWS. Ends with one `DEMO-RESULT {json}` line for tests.
// tsx resolves the test helpers' '#support/…' aliases through the repo's tsconfig, wherever it runs from.
process.env.TSX_TSCONFIG_PATH ??= require('node:path').join(__dirname, '..', 'tsconfig.json');
require('tsx/cjs'); // the simulators and minting helpers are TypeScript; the CLI itself runs compiled (dist/)
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { startSimulator, writeKubeconfig } = require('../test/simulator');
const { demoClusters } = require('../test/simulator/scenarios');
const { daysFrom, secret } = require('../test/simulator/scenarios/objects');
const { mint } = require('../test/support/mint');
const { startSlackApi } = require('../test/support/slack-api-server');
const { heading, runCli, showSlack } = require('./demo-view');

const HOUR_MS = 3_600_000;
const CHANNEL = '#certwatch-demo';

async function main() {
  const started = Date.now();
  const now = new Date(Math.floor(started / 1000) * 1000);
  const dir = mkdtempSync(join(tmpdir(), 'certwatch-demo-'));
  const bundles = await demoClusters(now);
  const [sims, slack] = await Promise.all([
    Promise.all(bundles.map((b) => startSimulator({ scenario: b.scenario }))),
    startSlackApi(),
  ]);
  try {
    const kubeconfig = join(dir, 'kubeconfig');
    await writeKubeconfig(
      kubeconfig,
      sims.map((s) => s.context('admin')),
    );
    const ctx = { now, sims, slack, kubeconfig, stateDir: join(dir, 'state') };
    const result = await loop(ctx);
    console.log(`\ndemo: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`DEMO-RESULT ${JSON.stringify(result)}`);
    return result.ok ? 0 : 1;
  } finally {
    await Promise.all([...sims.map((s) => s.stop()), slack.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The four steps; returns what a test checks. */
async function loop(ctx) {
  const { sims, slack } = ctx;
  console.log(`demo: ${sims.length} simulated clusters on ${sims.map((s) => s.url).join(', ')}`);
  console.log(`demo: loopback Slack API on ${slack.url}; history in ${ctx.stateDir}`);

  heading('Scan 1: the first scan reports and alerts');
  const first = await scan(ctx, 0, true);
  if (first.code === 1)
    console.log('\ndemo: exit 1 is expected: the simulated clusters contain critical findings on purpose.');
  console.log('');
  const opened = showSlack(slack.messages, 0, '');

  heading('Scan 2: same clusters, one hour later: nothing new to say');
  const second = await rescan(ctx, 1);

  heading('Rotation: cert-manager renews the expired CA internal-ca; scan 3');
  await renewCertManagerCa(ctx);
  const third = await rescan(ctx, 2);
  const resolved = threadedResolutions(third.messages, opened);

  heading('Digest: certwatch digest (the next 30 days)');
  const digest = await runCli(digestArgs(ctx), { env: {}, show: false });
  process.stdout.write(digest.stdout);
  if (digest.code !== 0) process.stdout.write(digest.stderr);
  return verdict({ first, second, third, opened, resolved, digest });
}

/** The machine-checkable outcome; `ok` only when every step showed what it should. */
function verdict({ first, second, third, opened, resolved, digest }) {
  const codes = [first.code, second.code, third.code];
  const digestPrinted = digest.code === 0 && digest.stdout.startsWith('Subject: ');
  // The subject counts what a person must know about: `N rotations due in the next 30 days`.
  const digestDue = Number(/(\d+) rotations? due in the next/.exec(digest.stdout)?.[1] ?? 0);
  return {
    ok:
      codes.every((c) => c === 0 || c === 1) &&
      opened.length > 0 &&
      second.messages.length === 0 &&
      resolved.length > 0 &&
      digestPrinted &&
      digestDue > 0,
    scan1Messages: opened.length,
    scan2Messages: second.messages.length,
    scan3Messages: third.messages.length,
    resolvedThreaded: resolved.length,
    digestPrinted,
    digestDue,
  };
}

/** A scan whose report is not repeated: its exit code, any warning, and what Slack received. */
async function rescan(ctx, hours) {
  const before = ctx.slack.messages.length;
  const run = await scan(ctx, hours, false);
  console.log(`certwatch scan exited ${run.code}`);
  const warnings = run.stderr.split('\n').filter((l) => /not delivered|error/i.test(l));
  if (run.code > 1 || warnings.length > 0)
    process.stdout.write(`${run.code > 1 ? run.stderr : warnings.join('\n')}\n`);
  return { code: run.code, messages: showSlack(ctx.slack.messages, before, 'new') };
}

/** Runs `certwatch scan` on every context, `hours` after the demo's now, recording and alerting. */
function scan(ctx, hours, show) {
  const at = new Date(ctx.now.getTime() + hours * HOUR_MS).toISOString();
  const args = ['scan', '--kubeconfig', ctx.kubeconfig, ...ctx.sims.flatMap((s) => ['--context', s.name])];
  args.push('--now', at, '--state-dir', ctx.stateDir, '--notify', 'slack', '--slack-channel', CHANNEL);
  console.log(`$ certwatch ${args.join(' ')}\n`);
  const env = { SLACK_BOT_TOKEN: ctx.slack.token, SLACK_API_URL: ctx.slack.url };
  return runCli(args, { env, show });
}

function digestArgs(ctx) {
  const at = new Date(ctx.now.getTime() + 2 * HOUR_MS).toISOString();
  const args = ['digest', '--now', at, '--state-dir', ctx.stateDir];
  console.log(`$ certwatch ${args.join(' ')}\n`);
  return args;
}

/** Replaces the expired CA of the cert-manager cluster by a freshly minted ten-year one. */
async function renewCertManagerCa(ctx) {
  const sim = ctx.sims.find((s) => s.name === 'cert-manager-consul');
  if (!sim) throw new Error('the demo has no cert-manager-consul cluster');
  const ca = await mint({
    subject: 'CN=internal-ca,O=example',
    isCA: true,
    notBefore: daysFrom(ctx.now, 0),
    notAfter: daysFrom(ctx.now, 3650),
  });
  const data = { 'tls.crt': ca.pem, 'tls.key': ca.keyPem, 'ca.crt': ca.pem };
  sim.put(secret('cert-manager', 'internal-ca', data, 'kubernetes.io/tls'));
  console.log('demo: Secret cert-manager/internal-ca now holds a new CA valid for 3650 days\n');
}

/** Resolved messages threaded under an opening message of scan 1 (printed as proof). */
function threadedResolutions(followUps, opened) {
  const openings = new Set(opened.map((m) => m.ts));
  const resolved = followUps.filter((m) => /^Resolved: /.test(String(m.text ?? '')));
  const threaded = resolved.filter((m) => m.thread_ts && openings.has(m.thread_ts));
  for (const m of threaded) console.log(`demo: resolution ts=${m.ts} is threaded under ts=${m.thread_ts}`);
  return threaded;
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
