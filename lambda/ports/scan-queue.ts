/** The queue that fans scans out: one message per cluster. */

/** A cluster to scan, as the dispatcher sends it and the scan Lambda receives it. */
export interface ClusterTarget {
  readonly name: string;
  readonly region: string;
  readonly account?: string;
  /** Role to assume before DescribeCluster and signing the EKS token. */
  readonly roleArn?: string;
  /** Source ids to run; absent = all default sources. */
  readonly sources?: readonly string[];
}

/** A target that could not be enqueued or discovered, with the reason. */
export interface TargetFailure {
  readonly target: string;
  readonly detail: string;
}

/** Sends one message per target; resolves with the targets that could not be sent. */
export interface ScanQueue {
  enqueue(targets: readonly ClusterTarget[]): Promise<readonly TargetFailure[]>;
}

/** Finds clusters at run time (e.g. EKS clusters by tag); one unreachable account never stops the rest. */
export interface ClusterDirectory {
  discover(): Promise<{ clusters: ClusterTarget[]; failures: TargetFailure[] }>;
}
