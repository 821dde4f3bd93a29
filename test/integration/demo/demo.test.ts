/**
 * `npm run demo` end to end: runs `node scripts/demo.js` as a user would and checks the loop it
 * claims to show, from its headings, its Slack listing and its closing `DEMO-RESULT {json}` line.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

interface DemoResult {
  readonly ok: boolean;
  readonly scan1Messages: number;
  readonly scan2Messages: number;
  readonly scan3Messages: number;
  readonly resolvedThreaded: number;
  readonly digestPrinted: boolean;
  readonly digestDue: number;
}

function runDemo(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'scripts', 'demo.js')],
      { cwd: ROOT, timeout: 110_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The text between heading `title` and the next heading (or the end). */
function section(stdout: string, title: string): string {
  const start = stdout.indexOf(`==  ${title}`);
  if (start < 0) throw new Error(`no heading '${title}' in the demo output`);
  const next = stdout.indexOf('\n==  ', start + 5);
  return stdout.slice(start, next < 0 ? undefined : next);
}

describe('npm run demo', () => {
  let run: { code: number; stdout: string; stderr: string };
  let result: DemoResult;

  beforeAll(async () => {
    run = await runDemo();
    const line = run.stdout.split('\n').find((l) => l.startsWith('DEMO-RESULT '));
    if (!line) throw new Error(`no DEMO-RESULT line; exit ${run.code}; stderr:\n${run.stderr.slice(-2000)}`);
    result = JSON.parse(line.slice('DEMO-RESULT '.length)) as DemoResult;
  }, 120_000);

  it('exits 0 and says the loop held', () => {
    expect(run.code).toBe(0);
    expect(result.ok).toBe(true);
  });

  it('scan 1 alerts, and lists each Slack message with severity, cluster and days left', () => {
    expect(result.scan1Messages).toBeGreaterThan(0);
    const first = section(run.stdout, 'Scan 1');
    expect(first).toContain(`Slack received ${result.scan1Messages} messages`);
    expect(first).toMatch(/CRITICAL cert-manager-consul: Expired, expired \d+ d ago/);
    expect(first).toMatch(/WARNING {2}cert-manager-consul: Expiring soon, \d+ d left/);
  });

  it('scan 2 of the same state is silent', () => {
    expect(result.scan2Messages).toBe(0);
    expect(section(run.stdout, 'Scan 2')).toContain('Slack received 0 new messages');
  });

  it('after the rotation, scan 3 resolves alerts in the thread of their opening message', () => {
    expect(result.resolvedThreaded).toBeGreaterThan(0);
    const third = section(run.stdout, 'Rotation');
    const openings = [...section(run.stdout, 'Scan 1').matchAll(/ts=(\d+\.\d+) /g)].map((m) => m[1]);
    const threads = [...third.matchAll(/Resolved: .*thread_ts=(\d+\.\d+)/g)].map((m) => m[1]);
    expect(threads.length).toBe(result.resolvedThreaded);
    for (const ts of threads) expect(openings).toContain(ts);
    expect(third).toMatch(/Resolved: Expired/);
  });

  it('prints the 30-day digest with each upcoming rotation: date, level, cluster and action', () => {
    expect(result.digestPrinted).toBe(true);
    const digest = section(run.stdout, 'Digest');
    expect(digest).toMatch(/\$ certwatch digest --now \S+ --state-dir/);
    expect(digest).toContain(
      `Subject: certwatch digest: ${result.digestDue} rotations due in the next 30 days`,
    );
    expect(result.digestDue).toBeGreaterThanOrEqual(2);
    // The Certificate whose Secret the least-privilege scan does not read: known from its status.
    expect(digest).toMatch(
      /\d{4}-\d\d-\d\d: leaf renewal OVERDUE, expires \d{4}-\d\d-\d\d \(in \d+ days?\)\n {4}cert-manager-certificate in cert-manager-consul\n {4}Certificate apps\/web \(Secret web-tls\)\n {4}Action: Find why renewal stalls/,
    );
    const flat = digest.replace(/\s+/g, ' ');
    expect(flat).toContain('kubectl describe certificate -n apps web');
    expect(flat).toContain('Then cmctl renew -n apps web.');
    expect(digest).toMatch(/\d{4}-\d\d-\d\d \(in \d+ days\): leaf renews, expires \d{4}-\d\d-\d\d/);
    expect(digest).toContain('Certificate apps/billing (Secret billing-tls)');
    expect(flat).toContain('Soonest: Certificate apps/web in cert-manager-consul, renewal overdue');
    // Not coming up: the Certificate never issued (an open alert instead), what lies beyond 30 days.
    const due = digest.slice(digest.indexOf('Due in the next 30 days'), digest.indexOf('Rotated since'));
    expect(due.match(/^ {2}- /gm)).toHaveLength(result.digestDue);
    expect(due).not.toContain('apps/api');
    expect(due).not.toContain('linkerd-trust-anchor');
  });

  it('lists the CA rotation once, with both keys of its Secret', () => {
    const rotated = section(run.stdout, 'Digest').split('Rotated since the last digest')[1] ?? '';
    expect(rotated.match(/cert-manager-consul: cert-manager-ca/g)).toHaveLength(1);
    expect(rotated).toContain('at Secret cert-manager/internal-ca (ca.crt, tls.crt)');
  });
});
