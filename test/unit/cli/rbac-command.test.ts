import { loadAll } from 'js-yaml';
import { UsageError } from '../../../lambda/cli/command';
import { rbacCommand, renderRbacYaml } from '../../../lambda/cli/commands/rbac';

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
  const io = () => {
    const out: string[] = [];
    return {
      out,
      io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: () => true }, env: {}, cwd: '/' },
    };
  };

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
