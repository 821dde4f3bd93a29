import { loadAll } from 'js-yaml';
import { UsageError } from '#cli/command';
import { rbacCommand, renderRbacYaml } from '#cli/commands/rbac';

/** A CliIo whose stdout is kept in `out`. */
const io = () => {
  const out: string[] = [];
  return {
    out,
    io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: () => true }, env: {}, cwd: '/' },
  };
};

describe('certwatch rbac output', () => {
  const yaml = renderRbacYaml('scanners');
  const header = yaml.slice(0, yaml.indexOf('\n---\n')).split('\n');

  it('names each permission once in the comment header', () => {
    const configMapLines = header.filter((line) => /^#\s+get\/list configmaps/.test(line));
    expect(configMapLines).toHaveLength(1);
    const permissions = header.filter((line) => /^# {3}(get|list)/.test(line));
    expect(new Set(permissions).size).toBe(permissions.length);
    expect(header[0]).toContain('bound to group "scanners"');
  });

  it('applies only the default objects; the opt-in block is all comments', () => {
    const docs = loadAll(yaml) as { kind: string; metadata: { name: string } }[];
    expect(docs.map((d) => d.kind)).toContain('ClusterRole');
    expect(docs.every((d) => d.metadata.name === 'certwatch')).toBe(true);
    const optIn = yaml.slice(yaml.indexOf("# For 'certwatch scan --all-tls-secrets' only"));
    expect(optIn.length).toBeGreaterThan(100);
    expect(
      optIn
        .trimEnd()
        .split('\n')
        .every((line) => line.startsWith('#')),
    ).toBe(true);
    expect(optIn).toContain('#   name: certwatch-tls-secrets');
  });
});

describe('certwatch rbac --group', () => {
  it('binds the group given', async () => {
    const { out, io: cli } = io();
    await expect(rbacCommand.run(['--group', 'ops'], cli)).resolves.toBe(0);
    expect(out.join('')).toContain('bound to group "ops"');
  });

  it('refuses an empty group (a binding that would grant nobody anything)', async () => {
    const { io: cli } = io();
    await expect(rbacCommand.run(['--group', ' '], cli)).rejects.toThrow(UsageError);
  });
});

describe('certwatch rbac --service-account', () => {
  it('binds every Role and ClusterRole to the service account only, the opt-in block too', async () => {
    const { out, io: cli } = io();
    expect(await rbacCommand.run(['--service-account', 'monitoring/certwatch'], cli)).toBe(0);
    const text = out.join('');
    const docs = loadAll(text) as { kind: string; subjects?: unknown[] }[];
    const bindings = docs.filter((d) => d.kind.endsWith('Binding'));
    expect(bindings.length).toBeGreaterThan(1);
    for (const b of bindings) {
      expect(b.subjects).toEqual([{ kind: 'ServiceAccount', name: 'certwatch', namespace: 'monitoring' }]);
    }
    expect(text).toContain('bound to service account monitoring/certwatch');
    expect(text).toContain('#     namespace: monitoring');
    expect(text).not.toContain('kind: Group');
  });

  it.each([['certwatch'], ['a/b/c'], ['Upper/case'], ['/x'], ['x/']])('rejects %s', async (value) => {
    await expect(rbacCommand.run(['--service-account', value], io().io)).rejects.toThrow(
      `invalid --service-account '${value}': expected NAMESPACE/NAME`,
    );
  });

  it('is an alternative to --group', async () => {
    await expect(rbacCommand.run(['--group', 'g', '--service-account', 'a/b'], io().io)).rejects.toThrow(
      UsageError,
    );
  });
});
