// Helpers of `npm run demo` (scripts/demo.js): runs the real CLI as a child process and shows what
// the loopback Slack received the way an operator reads it. Plain Node, no TypeScript.
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const CLI = join(__dirname, '..', 'bin', 'certwatch.js');

/**
 * Runs `certwatch ...args`; `show` streams its output to ours, otherwise it is captured
 * (returned as `stdout`/`stderr`). Resolves with the exit code, never rejects on a non-zero exit.
 */
function runCli(args, { env, show }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: show ? 'inherit' : 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** A heading between the demo's steps. */
function heading(title) {
  const line = '='.repeat(Math.min(100, title.length + 8));
  console.log(`\n${line}\n==  ${title}\n${line}\n`);
}

/** The Block Kit field `label` of a recorded alert (`*Cluster*\nprod` → `prod`). */
function field(message, label) {
  const section = (message.blocks ?? []).find((b) => Array.isArray(b.fields));
  const found = section?.fields.find((f) => String(f.text).startsWith(`*${label}*\n`));
  return found ? String(found.text).slice(label.length + 3) : undefined;
}

/** The header text of a recorded alert, without the Slack emoji code. */
function title(message) {
  const header = (message.blocks ?? []).find((b) => b.type === 'header');
  return String(header?.text?.text ?? message.text ?? '').replace(/^:[a-z_]+:\s*/, '');
}

function unescapeMrkdwn(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Two lines per Slack message: severity, cluster, what, days left; then the message itself. */
function describeMessage(message) {
  const severity = field(message, 'Severity') ?? '?';
  const cluster = field(message, 'Cluster') ?? '?';
  const days = field(message, 'Days left');
  const left = !days || days === 'n/a' ? '' : days.startsWith('expired') ? `, ${days}` : `, ${days} left`;
  const thread = message.thread_ts ? `   thread_ts=${message.thread_ts}` : '';
  const detail = unescapeMrkdwn(String(message.text ?? '')).replace(/^[A-Za-z ]*: ?\[[A-Z]+\] [^:]+: /, '');
  const short = detail.length > 110 ? `${detail.slice(0, 109)}…` : detail;
  return [
    `  ts=${message.ts}  ${severity.padEnd(8)} ${cluster}: ${unescapeMrkdwn(title(message))}${left}${thread}`,
    `      ${short}`,
  ].join('\n');
}

/** Prints `Slack received N (new) messages` and each message; returns those messages. */
function showSlack(all, since, label) {
  const received = all.slice(since);
  console.log(
    `Slack received ${received.length} ${label ? `${label} ` : ''}message${received.length === 1 ? '' : 's'}`,
  );
  for (const message of received) console.log(describeMessage(message));
  return received;
}

module.exports = { runCli, heading, showSlack };
