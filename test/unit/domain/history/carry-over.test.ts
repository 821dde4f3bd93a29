/** Status per source: what a partial scan carries over and which alerts it may resolve. */
import {
  carriedOver,
  meshReadCompletely,
  partialScanOpens,
  partialScanResolves,
  type ReadCoverage,
} from '#domain/history/carry-over';
import type { ObservationRecord } from '#domain/history/records';
import type { Finding, Mesh } from '#domain/model';

const coverage = (seen: string[] = []): ReadCoverage => ({
  sources: [
    { name: 'istio', status: 'complete' },
    { name: 'linkerd', status: 'incomplete' },
    { name: 'consul', status: 'failed' },
    { name: 'tls-secrets', status: 'complete' },
  ],
  seen: new Set(seen),
});
const observation = (fingerprint: string, mesh?: Mesh) => ({ fingerprint, mesh }) as ObservationRecord;
const alert = (finding: Partial<Finding>) => ({
  finding: { severity: 'warning', rule: 'expiring_soon', message: 'm', ...finding } as Finding,
});

it.each([
  ['istio', true],
  ['generic', true], // read by tls-secrets
  ['linkerd', false],
  ['consul', false],
  ['spire', false], // not run: unknown, so only when every source was complete
  [undefined, false],
] as const)('mesh %s read completely: %s', (mesh, expected) => {
  expect(meshReadCompletely(coverage(), mesh)).toBe(expected);
});

it('carries over what an incomplete or failed source saw last time, not what a complete one lost', () => {
  expect(carriedOver(coverage(), observation('a', 'linkerd'))).toBe(true);
  expect(carriedOver(coverage(), observation('b', 'consul'))).toBe(true);
  expect(carriedOver(coverage(), observation('c', 'istio'))).toBe(false);
  expect(carriedOver(coverage(['a']), observation('a', 'linkerd'))).toBe(false); // seen: current
  expect(carriedOver({ seen: new Set() }, observation('c', 'istio'))).toBe(true); // no per-source status
});

it('resolves a gone blind spot, and certificate findings of complete sources, in a partial scan', () => {
  const known = new Map([
    ['ist', { mesh: 'istio' as Mesh }],
    ['lnk', { mesh: 'linkerd' as Mesh }],
  ]);
  expect(partialScanResolves(alert({ rule: 'blind_spot' }), coverage(), known)).toBe(true);
  expect(partialScanResolves(alert({ fingerprint: 'ist' }), coverage(), known)).toBe(true);
  expect(partialScanResolves(alert({ fingerprint: 'lnk' }), coverage(), known)).toBe(false);
  expect(partialScanResolves(alert({ fingerprint: 'lnk' }), coverage(['lnk']), known)).toBe(true);
  expect(partialScanResolves(alert({ fingerprint: 'gone' }), coverage(), known)).toBe(false);
  expect(partialScanResolves(alert({ rule: 'rule_failed' }), coverage(), known)).toBe(false);
});

it('carries over findings drawn from an incomplete source: they neither open nor resolve', () => {
  const known = new Map([['iss', { mesh: 'linkerd' as Mesh }]]);
  // The Linkerd issuer is seen, but the anchors it is judged against may be what was not read.
  const issuer = alert({ rule: 'linkerd_issuer_not_from_anchor', fingerprint: 'iss' });
  expect(partialScanResolves(issuer, coverage(['iss']), known)).toBe(false);
  expect(partialScanOpens(issuer.finding, coverage(['iss']))).toBe(false);
  const copies = alert({ rule: 'istio_root_copy_stale' }); // istio was read completely
  expect(partialScanResolves(copies, coverage(), known)).toBe(true);
  expect(partialScanOpens(copies.finding, coverage())).toBe(true);
  // A status read directly opens when seen; it resolves only once its source is complete.
  const workload = alert({ rule: 'workload_certificate_expiring' });
  expect(partialScanOpens(workload.finding, coverage())).toBe(true);
  expect(partialScanResolves(workload, coverage(), known)).toBe(false); // linkerd incomplete
  const notReady = alert({ rule: 'cert_manager_not_ready' }); // cert-manager did not run
  expect(partialScanResolves(notReady, coverage(), known)).toBe(true);
  expect(partialScanResolves(notReady, { seen: new Set() }, known)).toBe(false); // no per-source status
  expect(partialScanOpens(copies.finding, { seen: new Set() })).toBe(false);
  // Certificate rules are judged with their certificate, whatever the sources.
  expect(partialScanOpens(alert({ fingerprint: 'lnk' }).finding, coverage())).toBe(true);
});
