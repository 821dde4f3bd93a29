import { describePermissions, leastPrivilege, permissionNotes } from '#domain/rbac/least-privilege';
import { SOURCE_DEFINITIONS, type SourceDefinition } from '#domain/rbac/source-reads';

/** Permission lines are the unindented ones; reasons follow, indented by two. */
const permissionLines = (notes: readonly string[]) => notes.filter((line) => !line.startsWith(' '));

describe('permissionNotes', () => {
  const notes = permissionNotes();

  it('lists each permission once, with every source that needs it', () => {
    const lines = permissionLines(notes);
    const labels = lines.map((line) => line.replace(/ \[.*\]$/, ''));
    expect(new Set(labels).size).toBe(labels.length);
    const configMaps = lines.filter((line) => line.includes('configmaps'));
    expect(configMaps).toEqual(['get/list configmaps (cluster-wide) [istio, linkerd, cert-manager, spire]']);
  });

  it('covers every read of every default source, and none of the opt-in ones', () => {
    const defaults = SOURCE_DEFINITIONS.filter((d) => !d.optIn);
    const text = notes.join('\n');
    for (const def of defaults) for (const read of def.reads) expect(text).toContain(read.why);
    expect(text).not.toContain('every kubernetes.io/tls Secret');
  });

  it('gives one reason when the sources agree, and names the source when they do not', () => {
    const at = notes.indexOf('get/list pods (cluster-wide) [istio, linkerd]');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(notes[at + 1]).toMatch(/^ {2}istio: workload certificate expiry/);
    expect(notes[at + 2]).toMatch(/^ {2}linkerd: proxy identity expiry/);
    const cm = notes.findIndex((line) => line.startsWith('get/list configmaps'));
    expect(notes[cm + 1]).toMatch(/^ {2}trust bundles:/);
  });

  it('says how Secrets are limited: by name where names are known, any name otherwise', () => {
    expect(notes).toContain('get secrets in istio-system, 3 by name only [istio]');
    expect(notes).toContain('get secrets in cert-manager, any name [cert-manager]');
  });

  it('merges a permission two made-up sources share, whatever their order', () => {
    const read = { apiGroup: '', resources: ['configmaps'], verbs: ['get'] as const, why: 'bundles' };
    const defs: SourceDefinition[] = [
      { name: 'b', reads: [read] },
      { name: 'a', reads: [{ ...read, why: 'other' }] },
    ];
    expect(describePermissions(defs)).toEqual([
      'get configmaps (cluster-wide) [b, a]',
      '  b: bundles',
      '  a: other',
    ]);
  });
});

describe('leastPrivilege opt-in', () => {
  it('explains the --all-tls-secrets objects with the same generated notes', () => {
    const [tls] = leastPrivilege().optIn;
    expect(tls?.flag).toBe('--all-tls-secrets');
    expect(tls?.notes[0]).toBe('get/list secrets (cluster-wide) [tls-secrets]');
    expect(tls?.objects.map((o) => o.kind)).toEqual(['ClusterRole', 'ClusterRoleBinding']);
  });
});
