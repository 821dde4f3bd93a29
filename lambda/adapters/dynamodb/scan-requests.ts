/**
 * The write requests of one recorded scan: exactly the items in ScanChanges, each under its key
 * with its TTL (certificate facts also on the notAfter index). May import: the SDK, domain types.
 */
import type { WriteRequest } from '@aws-sdk/client-dynamodb';
import { certManagerKey } from '../../domain/history/cert-manager-records';
import type { ScanChanges } from '../../domain/history/records';
import { DAY_MS } from '../../domain/time';
import { type Item, toItem } from './dynamodb-items';
import { type HistoryRetention, keys } from './table-schema';

const after = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS);
const put = (item: Item): WriteRequest => ({ PutRequest: { Item: item } });
const remove = (k: { pk: string; sk: string }): WriteRequest => ({
  DeleteRequest: { Key: { pk: { S: k.pk }, sk: { S: k.sk } } },
});

/** Puts and deletes for `changes`; the summary always, everything else only when given. */
export function scanRequests(changes: ScanChanges, retention: Required<HistoryRetention>): WriteRequest[] {
  const { cluster, summary } = changes;
  return [
    ...changes.certificates.map((c) =>
      put(
        toItem(keys.certificate(c.fingerprint), c, {
          gsi1pk: 'CERT',
          gsi1sk: `${c.notAfter}#${c.fingerprint}`,
          expiresAt: after(c.notAfter, 90),
        }),
      ),
    ),
    ...changes.putObservations.map((o) => put(toItem(keys.observation(cluster, o.fingerprint), o))),
    ...changes.deleteObservations.map((fp) => remove(keys.observation(cluster, fp))),
    ...(changes.putCertManager ?? []).map((r) =>
      put(toItem(keys.certManager(cluster, certManagerKey(r)), r)),
    ),
    ...(changes.deleteCertManager ?? []).map((k) => remove(keys.certManager(cluster, k))),
    ...changes.events.map((e, n) =>
      put(toItem(keys.event(cluster, e.at, n), e, { expiresAt: after(e.at, retention.eventDays) })),
    ),
    ...(changes.state ? [put(toItem(keys.clusterState(cluster), changes.state))] : []),
    put(
      toItem(keys.summary(cluster, summary.at), summary, {
        expiresAt: after(summary.at, retention.summaryDays),
      }),
    ),
  ];
}
