/**
 * InMemoryHistoryStore: a HistoryStore in plain maps for use-case tests. Counts item writes the
 * way the DynamoDB adapter would (one per summary, state, certificate, observation, cert-manager
 * status, event, alert).
 */
import type { ClusterIdentity } from '#domain/cluster-identity';
import type { TrustSummary } from '#domain/fleet-trust';
import type { AlertClaim, AlertClaimResult } from '#domain/history/alert-claim';
import { certManagerKey } from '#domain/history/cert-manager-records';
import {
  type AlertRecord,
  type CertificateRecord,
  type CertManagerRecord,
  type ClusterHistory,
  type ClusterOverview,
  type ClusterSighting,
  type ClusterState,
  type HistoryEvent,
  type ObservationRecord,
  type ScanChanges,
  type ScanSummary,
  stateIdentity,
} from '#domain/history/records';
import type { HistoryStore } from '#ports/history-store';

const clone = <T>(v: T): T => structuredClone(v);

/** A HistoryStore kept in memory. */
export class InMemoryHistoryStore implements HistoryStore {
  readonly certificates = new Map<string, CertificateRecord>();
  readonly states = new Map<string, ClusterState>();
  readonly observations = new Map<string, Map<string, ObservationRecord>>();
  /** cert-manager Certificate status per cluster, by `namespace/name`. */
  readonly certManager = new Map<string, Map<string, CertManagerRecord>>();
  readonly summaries: ScanSummary[] = [];
  readonly events: HistoryEvent[] = [];
  readonly alerts = new Map<string, AlertRecord>();
  readonly sightings = new Map<string, ClusterSighting>();
  readonly markers = new Map<string, string>();
  /** Trust summaries by cluster id. */
  readonly trust = new Map<string, TrustSummary>();
  /** Claims by alert key, as the alert items' claim attributes would hold them. */
  readonly claims = new Map<string, { owner: string; until: Date }>();
  /** Items written so far (what a DynamoDB table would have been sent). */
  writes = 0;

  async loadCluster(cluster: string): Promise<ClusterHistory> {
    const state = this.states.get(cluster);
    const lastSummary = this.summaries.filter((s) => s.cluster === cluster).at(-1);
    return clone({
      ...(state ? { state } : {}),
      observations: [...(this.observations.get(cluster)?.values() ?? [])],
      certManager: [...(this.certManager.get(cluster)?.values() ?? [])],
      ...(lastSummary ? { lastSummary } : {}),
    });
  }

  async saveScan(changes: ScanChanges): Promise<void> {
    const obs = this.observations.get(changes.cluster) ?? new Map<string, ObservationRecord>();
    this.observations.set(changes.cluster, obs);
    for (const c of changes.certificates) this.certificates.set(c.fingerprint, clone(c));
    for (const o of changes.putObservations) obs.set(o.fingerprint, clone(o));
    for (const fp of changes.deleteObservations) obs.delete(fp);
    this.events.push(...clone(changes.events));
    this.summaries.push(clone(changes.summary));
    if (changes.state) this.states.set(changes.cluster, clone(changes.state));
    const cm = this.certManager.get(changes.cluster) ?? new Map<string, CertManagerRecord>();
    this.certManager.set(changes.cluster, cm);
    for (const r of changes.putCertManager ?? []) cm.set(certManagerKey(r), clone(r));
    for (const key of changes.deleteCertManager ?? []) cm.delete(key);
    this.writes +=
      1 +
      (changes.state ? 1 : 0) +
      changes.certificates.length +
      changes.putObservations.length +
      changes.deleteObservations.length +
      changes.events.length +
      (changes.putCertManager?.length ?? 0) +
      (changes.deleteCertManager?.length ?? 0);
  }

  async loadAlerts(cluster: string): Promise<AlertRecord[]> {
    return clone([...this.alerts.values()].filter((a) => a.cluster === cluster));
  }

  async saveAlert(
    alert: AlertRecord,
    claim: AlertClaim,
    options: { readonly release?: boolean } = {},
  ): Promise<AlertRecord | undefined> {
    // As the DynamoDB adapter: only the claim's owner, only over the version it read.
    const stored = this.alerts.get(alert.key);
    if (this.claims.get(alert.key)?.owner !== claim.owner) return undefined;
    if ((stored?.version ?? 0) !== (alert.version ?? 0)) return undefined;
    const next = { ...clone(alert), version: (alert.version ?? 0) + 1 };
    this.alerts.set(alert.key, next);
    if (options.release) this.claims.delete(alert.key);
    this.writes += 1;
    return clone(next);
  }

  async claimAlert(claim: AlertClaim): Promise<AlertClaimResult> {
    const held = this.claims.get(claim.key);
    if (held && held.owner !== claim.owner && held.until.getTime() >= claim.now.getTime()) {
      return { claimed: false };
    }
    this.claims.set(claim.key, { owner: claim.owner, until: claim.until });
    this.writes += 1;
    return { claimed: true, current: clone(this.alerts.get(claim.key)) };
  }

  async releaseAlert(claim: AlertClaim): Promise<void> {
    if (this.claims.get(claim.key)?.owner === claim.owner) this.claims.delete(claim.key);
  }

  async listClusters(): Promise<ClusterOverview[]> {
    const names = [...new Set([...this.states.keys(), ...this.summaries.map((s) => s.cluster)])].sort();
    return Promise.all(
      names.map(async (cluster) => {
        const h = await this.loadCluster(cluster);
        const sighting = this.sightings.get(cluster);
        return {
          cluster,
          ...(h.state ? { state: h.state } : {}),
          ...(h.lastSummary ? { lastSummary: h.lastSummary } : {}),
          ...(sighting ? { sighting: clone(sighting) } : {}),
        };
      }),
    );
  }

  async putSighting(sighting: ClusterSighting): Promise<void> {
    this.sightings.set(sighting.cluster, clone(sighting));
    this.writes += 1;
  }

  async clusterIdentities(): Promise<ClusterIdentity[]> {
    return [...this.states.values()].map(stateIdentity);
  }

  async certificatesExpiring(from: Date, until: Date): Promise<CertificateRecord[]> {
    const inWindow = (c: CertificateRecord) =>
      c.notAfter >= from.toISOString() && c.notAfter < until.toISOString();
    return clone(
      [...this.certificates.values()].filter(inWindow).sort((a, b) => a.notAfter.localeCompare(b.notAfter)),
    );
  }

  async getCertificate(fingerprint: string): Promise<CertificateRecord | undefined> {
    return clone(this.certificates.get(fingerprint));
  }

  async loadEvents(cluster: string, since?: Date): Promise<HistoryEvent[]> {
    const from = since?.toISOString() ?? '';
    return clone(this.events.filter((e) => e.cluster === cluster && e.at >= from));
  }

  async getMarker(name: string): Promise<string | undefined> {
    return this.markers.get(name);
  }

  async putMarker(name: string, value: string): Promise<void> {
    this.markers.set(name, value);
    this.writes += 1;
  }

  async putTrustSummary(summary: TrustSummary): Promise<void> {
    this.trust.set(summary.cluster, clone(summary));
    this.writes += 1;
  }

  async loadTrustSummaries(): Promise<TrustSummary[]> {
    return clone([...this.trust.values()]);
  }
}
