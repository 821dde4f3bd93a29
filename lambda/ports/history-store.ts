/** Where certwatch keeps what it saw between scans. Adapters write only what they are given. */
import type { ClusterIdentity } from '../domain/cluster-identity';
import type { TrustSummary } from '../domain/fleet-trust';
import type { AlertClaim, AlertClaimResult } from '../domain/history/alert-claim';
import type {
  AlertRecord,
  CertificateRecord,
  ClusterHistory,
  ClusterOverview,
  ClusterSighting,
  HistoryEvent,
  ScanChanges,
} from '../domain/history/records';

/** History of certificates, events, scans and alerts; one implementation per storage technology. */
export interface HistoryStore {
  loadCluster(cluster: string): Promise<ClusterHistory>;
  /** Writes exactly the items in `changes` (an unchanged rescan carries only its summary). */
  saveScan(changes: ScanChanges): Promise<void>;
  loadAlerts(cluster: string): Promise<AlertRecord[]>;
  /** Atomic; wins unless another owner holds an unexpired claim. */
  claimAlert(claim: AlertClaim): Promise<AlertClaimResult>;
  /**
   * Writes the alert only while `claim.owner` still holds the claim and the stored version is
   * `alert.version` (absent = never saved); returns it as stored (version + 1), or undefined when
   * the claim was lost. `release` ends the claim with the same write.
   */
  saveAlert(
    alert: AlertRecord,
    claim: AlertClaim,
    options?: { readonly release?: boolean },
  ): Promise<AlertRecord | undefined>;
  /** Ends the claim if `claim.owner` still holds it. */
  releaseAlert(claim: AlertClaim): Promise<void>;
  /** Every cluster with a state, its last summary and (deployed fleet) its sighting. */
  listClusters(): Promise<ClusterOverview[]>;
  /** Replaces a cluster's sighting (the dispatcher: last dispatch, retirement). */
  putSighting(sighting: ClusterSighting): Promise<void>;
  /** Every known cluster's identity (one cheap read: the cluster states only). */
  clusterIdentities(): Promise<ClusterIdentity[]>;
  /** Certificates whose notAfter lies in [from, until), earliest first (the notAfter index). */
  certificatesExpiring(from: Date, until: Date): Promise<CertificateRecord[]>;
  getCertificate(fingerprint: string): Promise<CertificateRecord | undefined>;
  /** Events of one cluster at or after `since`, oldest first. */
  loadEvents(cluster: string, since?: Date): Promise<HistoryEvent[]>;
  getMarker(name: string): Promise<string | undefined>;
  /** Replaces the cluster's trust summary (one per cluster: what the fleet trust check compares). */
  putTrustSummary(summary: TrustSummary): Promise<void>;
  /** Every cluster's latest trust summary. */
  loadTrustSummaries(): Promise<TrustSummary[]>;
  putMarker(name: string, value: string): Promise<void>;
}
