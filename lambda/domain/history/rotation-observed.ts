/** Rule `rotation_observed` (info): a source now holds a new certificate in place of the old one. */
import type { Finding } from '../model';
import { sourceKey } from '../model';
import type { HistoryEvent } from './records';

/** One info finding per rotation event. */
export function rotationObserved(events: readonly HistoryEvent[]): Finding[] {
  return events
    .filter((e) => e.type === 'rotated' && e.newFingerprint)
    .map((e) => ({
      severity: 'info' as const,
      rule: 'rotation_observed',
      fingerprint: e.newFingerprint,
      ...(e.source ? { source: e.source } : {}),
      message: `${e.subject || e.newFingerprint!.slice(0, 12)} rotated${e.source ? ` at ${sourceKey(e.source)}` : ''}: notAfter ${e.oldNotAfter} → ${e.newNotAfter}.`,
    }));
}
