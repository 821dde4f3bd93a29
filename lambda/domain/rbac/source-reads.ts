/**
 * The one list of what each cluster source reads: object names, namespaces, keys and the API
 * permissions that follow. Sources take their names from here and `certwatch rbac` renders its
 * YAML from here, so the two cannot drift. Pure data; imports nothing.
 */

/** Istio's objects (SOURCES.md §1). */
export const ISTIO = {
  namespace: 'istio-system',
  selfSignedSecret: 'istio-ca-secret',
  pluginSecret: 'cacerts',
  istiodTlsSecret: 'istiod-tls',
  rootConfigMap: 'istio-ca-root-cert',
  rootConfigMapKey: 'root-cert.pem',
  injectorPrefix: 'istio-sidecar-injector',
  validatorPrefixes: ['istio-validator', 'istiod-default-validator'],
  revisionLabel: 'istio.io/rev',
  meshedPodSelector: 'security.istio.io/tlsMode=istio',
  agentPort: 15020,
  agentMetricsPath: '/stats/prometheus',
  apiGroups: ['networking.istio.io', 'security.istio.io', 'install.istio.io'],
  /** istiod's Deployment: `istiod`, or `istiod-<revision>`. */
  controlPlane: /^istiod(-[a-z0-9-]+)?$/,
  /** Mesh config (`mesh` key: defaultConfig.meshId, trustDomain, trustDomainAliases). */
  meshConfigMap: 'istio',
  meshConfigKey: 'mesh',
  /** Install values (`values` key, JSON: global.meshID, global.multiCluster.clusterName). */
  injectorConfigMap: 'istio-sidecar-injector',
  injectorValuesKey: 'values',
  /** Multicluster remote secrets (`istioctl create-remote-secret`): listed by label, metadata only. */
  remoteSecretSelector: 'istio/multiCluster=true',
  remoteSecretPrefix: 'istio-remote-secret-',
  clusterAnnotation: 'networking.istio.io/cluster',
} as const;

/** Linkerd's objects (SOURCES.md §2). */
export const LINKERD = {
  namespace: 'linkerd',
  trustRootsConfigMap: 'linkerd-identity-trust-roots',
  trustRootsKey: 'ca-bundle.crt',
  configConfigMap: 'linkerd-config',
  issuerSecret: 'linkerd-identity-issuer',
  webhookSecrets: [
    ['linkerd-proxy-injector-k8s-tls', 'linkerd-proxy-injector-tls'],
    ['linkerd-sp-validator-k8s-tls', 'linkerd-sp-validator-tls'],
    ['linkerd-policy-validator-k8s-tls'],
  ],
  meshedPodLabel: 'linkerd.io/control-plane-ns',
  proxyVersionLabel: 'linkerd.io/proxy-version',
  anchorsEnv: 'LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS',
  adminPort: 4191,
  metricSuffix: 'identity_cert_expiration_timestamp_seconds',
  apiGroups: ['linkerd.io', 'policy.linkerd.io'],
  identityDeployment: 'linkerd-identity',
  /** linkerd-multicluster's Link resources (one per linked target cluster). */
  multiclusterGroup: 'multicluster.linkerd.io',
  linkResource: 'links',
} as const;

/** Consul Connect CA, read through the API server's service proxy (SOURCES.md §3). */
export const CONSUL = {
  namespace: 'consul',
  service: 'consul-server',
  port: 8500,
  rootsPath: '/v1/connect/ca/roots',
  /** Cluster peerings with the peer roots each holds (Consul 1.13+). */
  peeringsPath: '/v1/peerings',
  apiGroups: ['consul.hashicorp.com'],
  /** The server StatefulSet (and its Service): `<fullname>-server`, `consul-server` by default. */
  serverWorkload: /(^|-)consul-server$/,
} as const;

/** cert-manager and trust-manager (SOURCES.md §4). */
export const CERT_MANAGER = {
  /** Where ClusterIssuer CA Secrets live (`--cluster-resource-namespace`). */
  clusterResourceNamespace: 'cert-manager',
  group: 'cert-manager.io',
  version: 'v1',
  trustGroup: 'trust.cert-manager.io',
  trustVersion: 'v1alpha1',
} as const;

/** aws-privateca-issuer's issuers (cert-manager external issuer for AWS Private CA). */
export const AWS_PCA_ISSUER = {
  group: 'awspca.cert-manager.io',
  version: 'v1beta1',
  kinds: [
    ['AWSPCAIssuer', 'awspcaissuers'],
    ['AWSPCAClusterIssuer', 'awspcaclusterissuers'],
  ],
} as const;

/** SPIRE's k8sbundle notifier defaults (SOURCES.md §6). */
export const SPIRE = {
  namespace: 'spire',
  bundleConfigMap: 'spire-bundle',
  bundleKey: 'bundle.crt',
  /** spire-controller-manager's CRDs (ClusterSPIFFEID, ClusterFederatedTrustDomain …). */
  apiGroups: ['spire.spiffe.io'],
  /** The server StatefulSet or Deployment: `spire-server`, `<release>-spire-server`. */
  serverWorkload: /(^|-)spire-server$/,
} as const;

/** Where certwatch learns which control planes run (Deployments and StatefulSets, by name). */
export const WORKLOADS = {
  deployments: '/apis/apps/v1/deployments',
  statefulSets: '/apis/apps/v1/statefulsets',
} as const;

/** One permission a source needs. Without `namespace` it is cluster-wide. */
export interface ResourceRead {
  readonly apiGroup: string;
  /** Plural resource, with a subresource after a slash: `pods/proxy`. */
  readonly resources: readonly string[];
  readonly verbs: readonly ('get' | 'list')[];
  readonly namespace?: string;
  /** Only these objects (never grants list). */
  readonly resourceNames?: readonly string[];
  /** Why the source needs it (a YAML comment). */
  readonly why: string;
}

/** A source and everything it reads; `optIn` names the flag that enables it. */
export interface SourceDefinition {
  readonly name: string;
  readonly reads: readonly ResourceRead[];
  readonly optIn?: string;
}

const core = '';
const admission = 'admissionregistration.k8s.io';
/** pods get/list (cluster-wide) and pods/proxy get, for sampling meshed pods. */
export const podsProxy = (why: string): ResourceRead[] => [
  { apiGroup: core, resources: ['pods'], verbs: ['get', 'list'], why },
  { apiGroup: core, resources: ['pods/proxy'], verbs: ['get'], why },
];
/** Trust bundle ConfigMaps, cluster-wide. */
export const configMaps: ResourceRead = {
  apiGroup: core,
  resources: ['configmaps'],
  verbs: ['get', 'list'],
  why: 'trust bundles: istio-ca-root-cert in every namespace, Linkerd/SPIRE/trust-manager bundles',
};
/** Mesh detection. */
export const controlPlanes: ResourceRead = {
  apiGroup: 'apps',
  resources: ['deployments', 'statefulsets'],
  verbs: ['list'],
  why: 'which control planes run (istiod, linkerd-identity, consul-server, spire-server): installed but not found is a blind spot',
};
/** Istio's webhook caBundles. */
export const webhooks: ResourceRead = {
  apiGroup: admission,
  resources: ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'],
  verbs: ['get', 'list'],
  why: 'webhook caBundles',
};

/** Every cluster source, in scan order. */
export const SOURCE_DEFINITIONS: readonly SourceDefinition[] = [
  {
    name: 'istio',
    reads: [
      controlPlanes,
      configMaps,
      webhooks,
      {
        apiGroup: core,
        resources: ['secrets'],
        verbs: ['get'],
        namespace: ISTIO.namespace,
        resourceNames: [ISTIO.selfSignedSecret, ISTIO.pluginSecret, ISTIO.istiodTlsSecret],
        why: 'Istio CA certificates (key fields are dropped on read)',
      },
      {
        apiGroup: core,
        resources: ['secrets'],
        verbs: ['list'],
        namespace: ISTIO.namespace,
        why: `which clusters this one is linked to: remote secrets (${ISTIO.remoteSecretSelector}), listed as metadata only (their data holds credentials and is never requested)`,
      },
      ...podsProxy('workload certificate expiry from sampled sidecars (port 15020)'),
    ],
  },
  {
    name: 'linkerd',
    reads: [
      controlPlanes,
      configMaps,
      {
        apiGroup: core,
        resources: ['secrets'],
        verbs: ['get'],
        namespace: LINKERD.namespace,
        resourceNames: [LINKERD.issuerSecret, ...LINKERD.webhookSecrets.flat()],
        why: 'Linkerd issuer and webhook certificates (key fields are dropped on read)',
      },
      {
        apiGroup: LINKERD.multiclusterGroup,
        resources: [LINKERD.linkResource],
        verbs: ['get', 'list'],
        why: 'linkerd-multicluster Links: the clusters this one is linked to',
      },
      ...podsProxy('proxy identity expiry (port 4191) and trust anchors in pod specs'),
    ],
  },
  {
    name: 'consul',
    reads: [
      controlPlanes,
      {
        apiGroup: core,
        resources: ['services/proxy'],
        verbs: ['get'],
        namespace: CONSUL.namespace,
        why: 'GET /v1/connect/ca/roots (no ACL token needed) and /v1/peerings (peers and the roots they hold)',
      },
    ],
  },
  {
    name: 'cert-manager',
    reads: [
      {
        apiGroup: CERT_MANAGER.group,
        resources: ['certificates', 'issuers', 'clusterissuers'],
        verbs: ['get', 'list'],
        why: 'Certificate status (notAfter, renewalTime, Ready), CA issuers and the Vault PKI mounts Vault issuers use',
      },
      {
        apiGroup: CERT_MANAGER.trustGroup,
        resources: ['bundles'],
        verbs: ['get', 'list'],
        why: 'trust-manager Bundles: the CA bundles it copies into every namespace',
      },
      {
        apiGroup: core,
        resources: ['secrets'],
        verbs: ['get'],
        namespace: CERT_MANAGER.clusterResourceNamespace,
        why: 'ClusterIssuer CA Secrets: their names are only known at run time (key fields are dropped)',
      },
      configMaps,
    ],
  },
  {
    name: 'aws-privateca-issuer',
    reads: [
      {
        apiGroup: AWS_PCA_ISSUER.group,
        resources: AWS_PCA_ISSUER.kinds.map(([, plural]) => plural),
        verbs: ['get', 'list'],
        why: 'the AWS Private CAs (spec.arn, spec.region) the cluster issues from',
      },
    ],
  },
  {
    name: 'spire',
    reads: [controlPlanes, configMaps],
  },
  {
    name: 'tls-secrets',
    optIn: '--all-tls-secrets',
    reads: [
      {
        apiGroup: core,
        resources: ['secrets'],
        verbs: ['get', 'list'],
        why: 'every kubernetes.io/tls Secret in the cluster (reads private keys over the wire; dropped on read)',
      },
    ],
  },
];
