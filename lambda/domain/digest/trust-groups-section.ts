/**
 * The digest's "Trust groups" section: per mesh, the clusters linked together (and why), the
 * roots each trusts, and the rotations in flight across them. Pure.
 */
import type { TrustAnchor, TrustGroup } from '../fleet-trust';
import { formatDay } from '../format-date';
import { heading, wrap } from './text-layout';

const MESH: Readonly<Record<TrustGroup['mesh'], string>> = {
  istio: 'Istio',
  linkerd: 'Linkerd',
  consul: 'Consul',
};

function anchorText(anchor: TrustAnchor): string {
  const signing = anchor.signing ? ', issuing' : '';
  return `${anchor.subject || '(empty subject)'} ${anchor.fingerprint.slice(0, 12)} (until ${formatDay(new Date(anchor.notAfter))}${signing})`;
}

/** The section's lines; none when no cluster is linked to another. */
export function trustGroupsSection(groups: readonly TrustGroup[]): string[] {
  if (groups.length === 0) return [];
  const lines = heading('Trust groups');
  for (const group of groups) {
    const names = group.members.map((m) => m.name).join(', ');
    lines.push(...wrap(`${MESH[group.mesh]}: ${names}`, '    ', '  - '));
    lines.push(...wrap(`linked by ${group.why.join('; ')}`, '    ', '    '));
    for (const member of group.members) {
      const trusts = member.anchors.length > 0 ? member.anchors.map(anchorText).join('; ') : 'no valid root';
      lines.push(...wrap(`${member.name} trusts ${trusts}`, '      ', '    '));
    }
    for (const r of group.rotations) {
      lines.push(
        ...wrap(
          `rotation in flight: ${r.anchor.subject} ${r.anchor.fingerprint.slice(0, 12)} is in ${r.holders.join(', ')}, not yet in ${r.missing.join(', ')}`,
          '      ',
          '    ',
        ),
      );
    }
  }
  return lines;
}
