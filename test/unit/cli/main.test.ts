import { join } from 'node:path';
import type { CliIo, Command } from '#cli/command';
import { UsageError } from '#cli/command';
import { main } from '#cli/main';
import type { JsonReport } from '#domain/report';

function bufferIo(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    env: {},
    cwd: join(__dirname, '..', '..', '..'),
    out: () => out,
    err: () => err,
  };
}

const command = (run: Command['run']): Command => ({
  name: 'x',
  usage: 'Usage: certwatch x\n',
  flags: {},
  run,
});

const entry = (c: Command) => ({ summary: 'does x', load: async () => c });

describe('main (in-process)', () => {
  it('lists the commands on --help (exit 0) and on no arguments (stderr, exit 2)', async () => {
    const help = bufferIo();
    expect(await main(['--help'], help, { x: entry(command(async () => 0)) })).toBe(0);
    expect(help.out()).toMatch(/^Usage: certwatch <command>[\s\S]*\n {2}x {2}does x\n/);
    const none = bufferIo();
    expect(await main([], none, { x: entry(command(async () => 0)) })).toBe(2);
    expect(none.err()).toContain('Usage: certwatch <command>');
  });

  it('prints a command usage on <command> --help without running it', async () => {
    const io = bufferIo();
    const run = jest.fn(async () => 0);
    expect(await main(['x', '--help'], io, { x: entry(command(run)) })).toBe(0);
    expect(io.out()).toBe('Usage: certwatch x\n');
    expect(run).not.toHaveBeenCalled();
  });

  it('passes the exit code of the command through', async () => {
    const io = bufferIo();
    expect(await main(['x', 'a'], io, { x: entry(command(async (argv) => argv.length)) })).toBe(1);
  });

  it('turns a usage error into one line plus usage, and any other error into one line; both exit 2', async () => {
    const usage = bufferIo();
    const bad = command(async () => {
      throw new UsageError('invalid --flag', 'Usage: x\n');
    });
    expect(await main(['x'], usage, { x: entry(bad) })).toBe(2);
    expect(usage.err()).toBe('certwatch: invalid --flag\n\nUsage: x\n');
    const crash = bufferIo();
    const boom = command(async () => {
      throw new TypeError('boom');
    });
    expect(await main(['x'], crash, { x: entry(boom) })).toBe(2);
    expect(crash.err()).toBe('certwatch: boom\n');
  });

  it('runs the real inspect command with injected io', async () => {
    const io = bufferIo();
    const file = 'test/fixtures/linkerd/linkerd2/cli/cmd/testdata/valid-trust-anchors.pem';
    const code = await main(['inspect', file, '--format', 'json', '--now', '2026-05-01T00:00:00Z'], io);
    expect(io.err()).toBe('');
    const report = JSON.parse(io.out()) as JsonReport;
    expect(report.clusters[0]?.certificates[0]?.sources[0]?.name).toBe(file);
    expect(report.clusters[0]?.certificates[0]?.level).toBe('root');
    expect(code).toBe(0);
  });

  it('rejects an unknown flag of inspect with exit 2', async () => {
    const io = bufferIo();
    expect(await main(['inspect', 'a.pem', '--formt', 'json'], io)).toBe(2);
    expect(io.err().split('\n')[0]).toBe("certwatch: Unknown option '--formt' (did you mean '--format'?)");
  });

  it('chains to the --trust-bundle anchors, and exits 2 when the bundle cannot be read', async () => {
    const dir = 'test/fixtures/linkerd/linkerd2/cli/cmd/testdata';
    const io = bufferIo();
    const args = ['inspect', `${dir}/valid-crt.pem`, '--format', 'json', '--now', '2026-05-01'];
    expect(await main([...args, '--trust-bundle', `${dir}/valid-trust-anchors.pem`], io)).toBe(0);
    const cluster = (JSON.parse(io.out()) as JsonReport).clusters[0];
    expect(cluster?.certificates.map((c) => c.level).sort()).toEqual(['intermediate', 'root']);
    expect(cluster?.findings).toEqual([]);
    const missing = bufferIo();
    expect(await main([...args, '--trust-bundle', 'nope.pem'], missing)).toBe(2);
    expect(missing.err()).toBe('certwatch: invalid --trust-bundle: cannot read nope.pem: no such file\n');
  });
});
