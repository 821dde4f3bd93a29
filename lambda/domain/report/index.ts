/**
 * Report output, pure: the stable JSON report (schemaVersion 1), the terminal table, the Prometheus
 * text exposition, and the exit-code rule. Input is the domain's Assessment; output is strings/objects.
 * May import: ../model and its own files only.
 */
export { exitCodeFor } from './exit-code';
export {
  buildJsonReport,
  type ClusterInput,
  type ClusterStatus,
  type JsonReport,
  type ReportCertificate,
  type ReportCluster,
  type ReportFinding,
  severityRank,
} from './json-report';
export { decimalSerial, escapeLabelValue, type PrometheusExtras, renderPrometheus } from './prometheus';
export { type BuildInfo, type ClusterHealth, clusterHealth, type ScanOutcomeFacts } from './scan-health';
export { describeSource, groupChains, renderTable, type TableOptions } from './table';
