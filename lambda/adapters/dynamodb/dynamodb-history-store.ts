/**
 * DynamoDbHistoryStore: the HistoryStore over one DynamoDB table (see table-schema.ts). Uses only
 * Get/Put/BatchWrite/Query and conditional UpdateItem (alert claims, alert-claims.ts), which
 * DynamoDB, DynamoDB Local and dynalite all support. May import: the SDK, domain types, ports.
 */
import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { ClusterIdentity } from '../../domain/cluster-identity';
import type { TrustSummary } from '../../domain/fleet-trust';
import type { AlertClaim, AlertClaimResult } from '../../domain/history/alert-claim';
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
} from '../../domain/history/records';
import { DAY_MS } from '../../domain/time';
import type { HistoryStore } from '../../ports/history-store';
import { claimAlertItem, releaseAlertItem, saveAlertItem } from './alert-claims';
import { fromItem, type Item, queryAll, queryNewest, toItem, writeAll } from './dynamodb-items';
import { scanRequests } from './scan-requests';
import { type HistoryRetention, keys, TABLE } from './table-schema';

export type { HistoryRetention } from './table-schema';

const after = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS);

/** HistoryStore on DynamoDB; the client is injected (endpoint, credentials and middleware are the caller's). */
export class DynamoDbHistoryStore implements HistoryStore {
  private readonly retention: Required<HistoryRetention>;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
    retention: HistoryRetention = {},
  ) {
    this.retention = { eventDays: 400, summaryDays: 90, resolvedAlertDays: 90, ...retention };
  }

  async loadCluster(cluster: string): Promise<ClusterHistory> {
    const [stateOut, observations, certManager, lastSummary] = await Promise.all([
      this.client.send(
        new GetItemCommand({ TableName: this.table, Key: this.key(keys.clusterState(cluster)) }),
      ),
      this.queryPrefix(`CLUSTER#${cluster}`, 'OBS#'),
      this.queryPrefix(`CLUSTER#${cluster}`, 'CMCERT#'),
      this.lastSummary(cluster),
    ]);
    return {
      ...(stateOut.Item ? { state: fromItem<ClusterState>(stateOut.Item) } : {}),
      observations: observations.map((i) => fromItem<ObservationRecord>(i)),
      certManager: certManager.map((i) => fromItem<CertManagerRecord>(i)),
      ...(lastSummary ? { lastSummary } : {}),
    };
  }

  async saveScan(changes: ScanChanges): Promise<void> {
    await writeAll(this.client, this.table, scanRequests(changes, this.retention));
  }

  async loadAlerts(cluster: string): Promise<AlertRecord[]> {
    const items = await this.queryPrefix(`CLUSTER#${cluster}`, 'ALERT#');
    // Bare items hold claims only. The version is the item's attribute (absent on old items: 0).
    return items
      .filter((i) => i.data)
      .map((i) => ({ ...fromItem<AlertRecord>(i), version: Number(i.version?.N ?? 0) }));
  }

  claimAlert(claim: AlertClaim): Promise<AlertClaimResult> {
    return claimAlertItem(this.client, this.table, claim);
  }

  releaseAlert(claim: AlertClaim): Promise<void> {
    return releaseAlertItem(this.client, this.table, claim);
  }

  saveAlert(
    alert: AlertRecord,
    claim: AlertClaim,
    options: { readonly release?: boolean } = {},
  ): Promise<AlertRecord | undefined> {
    const expiresAt = alert.resolvedAt
      ? after(alert.resolvedAt, this.retention.resolvedAlertDays)
      : undefined;
    return saveAlertItem(this.client, this.table, {
      alert,
      claim,
      release: options.release ?? false,
      extras: expiresAt ? { expiresAt } : {},
    });
  }

  async clusterIdentities(): Promise<ClusterIdentity[]> {
    return (await this.clusterStates()).map(stateIdentity);
  }

  async listClusters(): Promise<ClusterOverview[]> {
    const [states, sightingItems] = await Promise.all([
      this.clusterStates(),
      queryAll(this.client, this.keyQuery(keys.sighting('').pk)),
    ]);
    const sightings = new Map(
      sightingItems.map((i) => fromItem<ClusterSighting>(i)).map((s) => [s.cluster, s] as const),
    );
    return Promise.all(
      states.map(async (state) => {
        const lastSummary = await this.lastSummary(state.cluster);
        const sighting = sightings.get(state.cluster);
        return {
          cluster: state.cluster,
          state,
          ...(lastSummary ? { lastSummary } : {}),
          ...(sighting ? { sighting } : {}),
        };
      }),
    );
  }

  async putSighting(sighting: ClusterSighting): Promise<void> {
    const item = toItem(keys.sighting(sighting.cluster), sighting);
    await this.client.send(new PutItemCommand({ TableName: this.table, Item: item }));
  }

  async certificatesExpiring(from: Date, until: Date): Promise<CertificateRecord[]> {
    const items = await queryAll(this.client, {
      TableName: this.table,
      IndexName: TABLE.notAfterIndex,
      KeyConditionExpression: 'gsi1pk = :p AND gsi1sk BETWEEN :a AND :b',
      ExpressionAttributeValues: {
        ':p': { S: 'CERT' },
        ':a': { S: from.toISOString() },
        ':b': { S: until.toISOString() },
      },
    });
    return items.map((i) => fromItem<CertificateRecord>(i));
  }

  async getCertificate(fingerprint: string): Promise<CertificateRecord | undefined> {
    const key = this.key(keys.certificate(fingerprint));
    const out = await this.client.send(new GetItemCommand({ TableName: this.table, Key: key }));
    return out.Item ? fromItem<CertificateRecord>(out.Item) : undefined;
  }

  async loadEvents(cluster: string, since?: Date): Promise<HistoryEvent[]> {
    const items = await queryAll(this.client, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b',
      ExpressionAttributeValues: {
        ':p': { S: `CLUSTER#${cluster}` },
        ':a': { S: `EVENT#${since?.toISOString() ?? ''}` },
        ':b': { S: 'EVENT#~' },
      },
    });
    return items.map((i) => fromItem<HistoryEvent>(i));
  }

  async getMarker(name: string): Promise<string | undefined> {
    const out = await this.client.send(
      new GetItemCommand({ TableName: this.table, Key: this.key(keys.marker(name)) }),
    );
    return out.Item ? fromItem<string>(out.Item) : undefined;
  }

  async putMarker(name: string, value: string): Promise<void> {
    await this.client.send(
      new PutItemCommand({ TableName: this.table, Item: toItem(keys.marker(name), value) }),
    );
  }

  async putTrustSummary(summary: TrustSummary): Promise<void> {
    // Kept as long as scan summaries: a cluster no longer scanned drops out of the fleet check.
    const expiresAt = after(summary.at, this.retention.summaryDays);
    const item = toItem(keys.trustSummary(summary.cluster), summary, { expiresAt });
    await this.client.send(new PutItemCommand({ TableName: this.table, Item: item }));
  }

  async loadTrustSummaries(): Promise<TrustSummary[]> {
    const items = await queryAll(this.client, this.keyQuery(keys.trustSummary('').pk));
    return items.map((i) => fromItem<TrustSummary>(i));
  }

  private async clusterStates(): Promise<ClusterState[]> {
    return (await queryAll(this.client, this.keyQuery('CLUSTERS'))).map((i) => fromItem<ClusterState>(i));
  }

  private key(k: { pk: string; sk: string }): Item {
    return { pk: { S: k.pk }, sk: { S: k.sk } };
  }

  private keyQuery(pk: string) {
    return {
      TableName: this.table,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': { S: pk } },
    };
  }

  private queryPrefix(pk: string, prefix: string): Promise<Item[]> {
    return queryAll(this.client, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
      ExpressionAttributeValues: { ':p': { S: pk }, ':s': { S: prefix } },
    });
  }

  private async lastSummary(cluster: string): Promise<ScanSummary | undefined> {
    const item = await queryNewest(this.client, this.table, `CLUSTER#${cluster}`, 'SCAN#');
    return item ? fromItem<ScanSummary>(item) : undefined;
  }
}
