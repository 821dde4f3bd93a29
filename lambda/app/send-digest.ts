/**
 * Use case: the periodic digest. Reads what the digest needs from history, lets the domain select
 * and shape it (digestInput) and render it (buildDigest), and delivers it to every channel. The
 * last-digest marker moves only when every channel confirmed, so "rotations since the last
 * digest" never skips any. May import: domain, ports.
 */
import { buildDigest, DEFAULT_WINDOW_DAYS } from '../domain/digest/build-digest';
import {
  type DigestClusterHistory,
  digestInput,
  digestWindow,
  LAST_DIGEST_MARKER,
  renewalLookups,
} from '../domain/digest/digest-from-history';
import type { DigestInput } from '../domain/digest/digest-input';
import { freshSummaries, type MeshGroup, trustGroups } from '../domain/fleet-trust';
import type { CertificateRecord } from '../domain/history/records';
import { isRetired } from '../domain/history/retirement';
import type { ScanSchedule } from '../domain/history/scan-missed';
import type { Clock } from '../ports/clock';
import type { HistoryStore } from '../ports/history-store';
import type { DigestMessage, Notifier } from '../ports/notifier';

export { DEFAULT_WINDOW_DAYS } from '../domain/digest/build-digest';

/** What sendDigest needs; no notifiers = build only (the CLI prints it). */
export interface SendDigestDeps {
  readonly store: HistoryStore;
  readonly notifiers: readonly Notifier[];
  readonly clock: Clock;
  readonly schedule?: ScanSchedule;
  /** Configured mesh groups (the trust groups section). @default [] */
  readonly meshGroups?: readonly MeshGroup[];
}

/** Per-channel result of one digest. */
export interface SendDigestResult {
  readonly digest: DigestMessage;
  readonly delivered: readonly string[];
  readonly failed: readonly { readonly channel: string; readonly error: string }[];
}

/** Reads history for a digest at `now` looking `days` ahead, and returns the domain's input. Read-only. */
export async function readDigestInput(
  store: HistoryStore,
  now: Date,
  days: number,
  schedule?: ScanSchedule,
  meshGroups?: readonly MeshGroup[],
): Promise<DigestInput> {
  const window = digestWindow(now, days, await store.getMarker(LAST_DIGEST_MARKER));
  // A retired cluster (gone for N days, its alerts resolved) is no longer listed.
  const overviews = await store.listClusters();
  const retired = new Set(overviews.filter(isRetired).map((o) => o.cluster));
  const current = overviews.filter((o) => !retired.has(o.cluster));
  const clusters: DigestClusterHistory[] = await Promise.all(
    current.map(async (overview) => ({
      overview,
      history: await store.loadCluster(overview.cluster),
      alerts: await store.loadAlerts(overview.cluster),
      events: await store.loadEvents(overview.cluster, window.since),
    })),
  );
  const expiring = await store.certificatesExpiring(window.expiringFrom, window.until);
  const renewing: CertificateRecord[] = [];
  for (const fingerprint of renewalLookups(window, clusters, expiring)) {
    const found = await store.getCertificate(fingerprint);
    if (found) renewing.push(found);
  }
  const summaries = freshSummaries(await store.loadTrustSummaries(), now).filter(
    (s) => !retired.has(s.cluster),
  );
  const linked = trustGroups(summaries, {
    now,
    ...(meshGroups ? { groups: meshGroups } : {}),
  });
  return { ...digestInput({ window, clusters, expiring, renewing }, schedule), trustGroups: linked.groups };
}

/** Builds the digest for the next `days` (default DEFAULT_WINDOW_DAYS) and delivers it to every channel. */
export async function sendDigest(
  deps: SendDigestDeps,
  input: { days?: number } = {},
): Promise<SendDigestResult> {
  const now = deps.clock.now();
  const digest = buildDigest(
    await readDigestInput(deps.store, now, input.days ?? DEFAULT_WINDOW_DAYS, deps.schedule, deps.meshGroups),
  );
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
