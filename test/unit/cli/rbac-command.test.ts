import { loadAll } from 'js-yaml';
import { renderRbacYaml } from '../../../lambda/cli/commands/rbac';

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
