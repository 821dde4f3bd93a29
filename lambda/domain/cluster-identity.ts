/**
 * One identity per cluster: what history, alert keys and the digest key on. An EKS cluster is
 * account + region + name; a kubeconfig context is its server URL beside its name (or an id the
 * user gives). People read the friendly name, qualified only when two known clusters share it.
 * Pure. May import: nothing.
 */

/** A cluster as history knows it. */
export interface ClusterIdentity {
  /** Stable key of the cluster (stored: never change how it is built for existing clusters). */
  readonly id: string;
  /** Friendly name: the EKS cluster name, the kubeconfig context name. */
  readonly name: string;
  /** What tells two clusters of one name apart: `account/region` (EKS) or the server URL. */
  readonly where?: string;
}

/** An EKS cluster: `eks:<account>:<region>:<name>` (EKS names hold no colon). */
export function eksClusterIdentity(target: {
  readonly name: string;
  readonly region: string;
  readonly account?: string;
}): ClusterIdentity {
  const account = target.account ?? 'unknown-account';
  return {
    id: `eks:${account}:${target.region}:${target.name}`,
    name: target.name,
    where: `${account}/${target.region}`,
  };
}

/** The account field of an ARN (`arn:<partition>:<service>:<region>:<account>:…`). */
export function accountOfArn(arn: string | undefined): string | undefined {
  return arn?.split(':')[4];
}

/** `account/region` of an EKS cluster id (as discovery names what it searched); undefined for other ids. */
export function eksWhere(id: string): string | undefined {
  const match = /^eks:([^:]+):([^:]+):[^:]+$/.exec(id);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

/** A kubeconfig context: `<name>@<server>`, or the id given with `--cluster-id`. */
export function kubeClusterIdentity(context: {
  readonly name: string;
  readonly server: string;
  readonly clusterId?: string;
}): ClusterIdentity {
  return {
    id: context.clusterId ?? `${context.name}@${context.server}`,
    name: context.name,
    where: context.server,
  };
}

/** A bare id (items written before identities existed, and callers that only know a name). */
export function plainClusterIdentity(id: string): ClusterIdentity {
  return { id, name: id };
}

/**
 * How texts name `cluster` among `known` clusters: its friendly name, plus where it is when
 * another known cluster (a different id) has the same name.
 */
export function clusterLabel(cluster: ClusterIdentity, known: readonly ClusterIdentity[]): string {
  const shared = known.some((k) => k.id !== cluster.id && k.name === cluster.name);
  return shared ? `${cluster.name} (${cluster.where ?? cluster.id})` : cluster.name;
}

/** Labels for every id in `known`, by id. */
export function clusterLabels(known: readonly ClusterIdentity[]): Map<string, string> {
  return new Map(known.map((k) => [k.id, clusterLabel(k, known)]));
}
