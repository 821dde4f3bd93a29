/**
 * Use case: the periodic digest. Gathers history (send-digest-facts), turns it into the domain's
 * DigestInput, builds the message and delivers it to every channel. The last-digest marker moves
 * only when every channel confirmed, so "rotations since the last digest" never skips any.
 * May import: domain, ports, its own send-digest-* helpers.
 */
import { buildDigest } from '../domain/digest/build-digest';
import type { DigestCluster, DigestInput } from '../domain/digest/digest-input';
import { digestRotations } from '../domain/digest/digest-rotations';
import type { ScanSchedule } from '../domain/history/scan-missed';
import type { Clock } from '../ports/clock';
import type { HistoryStore } from '../ports/history-store';
import type { DigestMessage, Notifier } from '../ports/notifier';
import { type DigestFacts, gatherDigestFacts, LAST_DIGEST_MARKER } from './send-digest-facts';
import { upcomingItems } from './send-digest-upcoming';

/** What sendDigest needs; no notifiers = build only (the CLI prints it). */
export interface SendDigestDeps {
  readonly store: HistoryStore;
  readonly notifiers: readonly Notifier[];
  readonly clock: Clock;
  readonly schedule?: ScanSchedule;
}

/** Per-channel result of one digest. */
export interface SendDigestResult {
  readonly digest: DigestMessage;
  readonly delivered: readonly string[];
  readonly failed: readonly { readonly channel: string; readonly error: string }[];
}

function cluster(health: DigestFacts['clusters'][number]): DigestCluster {
  const { overview } = health;
  const s = overview.lastSummary;
  const worst = !s
    ? 'ok'
    : s.findings.critical > 0
      ? 'critical'
      : s.findings.warning > 0
        ? 'warning'
        : s.findings.info > 0
          ? 'info'
          : 'ok';
  return {
    name: overview.cluster,
    status: s?.status ?? 'unreachable',
    ...(s ? { lastScanAt: new Date(s.at) } : {}),
    ...(s?.lastSuccessAt ? { lastSuccessAt: new Date(s.lastSuccessAt) } : {}),
    certificateCount: overview.state?.certificates ?? 0,
    worstSeverity: health.missed?.severity === 'critical' ? 'critical' : worst,
  };
}

/** History facts → the domain's DigestInput. */
export function toDigestInput(facts: DigestFacts): DigestInput {
  return {
    now: facts.now,
    windowDays: facts.days,
    clusters: facts.clusters.map(cluster),
    upcoming: upcomingItems(facts),
    rotations: digestRotations(facts.rotations),
    openAlerts: facts.openAlerts.map((a) => ({
      cluster: a.cluster,
      severity: a.severity,
      rule: a.finding.rule,
      message: a.finding.message,
      openedAt: new Date(a.openedAt),
    })),
    blindSpots: facts.clusters.flatMap(({ overview, missed }) => [
      ...(missed
        ? [{ cluster: overview.cluster, source: 'scanner', reason: 'scan_missed', detail: missed.message }]
        : []),
      ...(overview.lastSummary?.blindSpotDetails ?? []).map((b) => ({ cluster: overview.cluster, ...b })),
    ]),
  };
}

/** Builds the digest for the next `days` (default 30) and delivers it to every channel. */
export async function sendDigest(
  deps: SendDigestDeps,
  input: { days?: number } = {},
): Promise<SendDigestResult> {
  const now = deps.clock.now();
  const facts = await gatherDigestFacts(deps.store, now, input.days ?? 30, deps.schedule);
  const digest = buildDigest(toDigestInput(facts));
  const delivered: string[] = [];
  const failed: { channel: string; error: string }[] = [];
  for (const notifier of deps.notifiers) {
    try {
      await notifier.sendDigest(digest);
      delivered.push(notifier.channel);
    } catch (err) {
      failed.push({ channel: notifier.channel, error: err instanceof Error ? err.message : String(err) });
    }
  }
  if (deps.notifiers.length > 0 && failed.length === 0)
    await deps.store.putMarker(LAST_DIGEST_MARKER, now.toISOString());
  return { digest, delivered, failed };
}
