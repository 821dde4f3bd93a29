/**
 * A certwatch Lambda: NodejsFunction on Node 22 / arm64, bundled to CommonJS by the local esbuild
 * (no Docker), with its own log group, retention and X-Ray tracing. CDK only.
 */
import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

const ROOT = path.join(__dirname, '..', '..');

/** Where a handler's entry is (tests bundle the same files). */
export function handlerEntry(handler: string): string {
  return path.join(ROOT, 'lambda', 'handlers', `${handler}.ts`);
}

/** client-node's KubeConfig alone, as the CLI build bundles it (scripts/build-cli.js). */
const KUBE_CONFIG_BUNDLE = path.join(ROOT, 'dist', 'adapters', 'kubernetes', 'kube-config.js');

/**
 * How each handler is bundled (esbuild, local): exported so a test builds the same artifact.
 * The Node 22 runtime ships SDK v3; everything else (pkijs, powertools, KubeConfig) is bundled —
 * client-node as the CLI build's slim KubeConfig, without the package's API models and undici.
 */
export const LAMBDA_BUNDLING = {
  target: 'node22',
  minify: true,
  sourceMap: true,
  externalModules: ['@aws-sdk/*'],
  alias: { '@kubernetes/client-node': KUBE_CONFIG_BUNDLE },
} as const;

/** Builds dist/ (the slim KubeConfig among it) before a handler is bundled; runs only when bundling does. */
const BUILD_CLI_FIRST = {
  beforeBundling: () => [`node ${JSON.stringify(path.join(ROOT, 'scripts', 'build-cli.js'))}`],
  beforeInstall: () => [],
  afterBundling: () => [],
};

/** Props of {@link CertwatchFunction}. */
export interface CertwatchFunctionProps {
  /** Handler file under lambda/handlers, without extension, e.g. `scan`. */
  readonly handler: string;
  readonly environment: Record<string, string>;
  /** @default Duration.seconds(60) */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  /** Fixed role name, so member accounts can trust it by ARN. @default - generated */
  readonly roleName?: string;
  /** @default logs.RetentionDays.THREE_MONTHS */
  readonly logRetention?: logs.RetentionDays;
  /** @default - unreserved */
  readonly reservedConcurrentExecutions?: number;
  /** Subnets (and security groups) to run in. @default - no VPC */
  readonly network?: {
    readonly vpc: ec2.IVpc;
    readonly subnets: readonly ec2.ISubnet[];
    readonly securityGroups?: readonly ec2.ISecurityGroup[];
  };
}

// What AWSLambdaVPCAccessExecutionRole grants, inline (the role has no managed policy): Lambda
// manages the function's network interfaces with the role; EC2 scopes none of these usefully.
const VPC_ACCESS_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
];

/** NodejsFunction with certwatch's runtime, architecture, bundling and logging defaults. */
export class CertwatchFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: CertwatchFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Own role (no AWS managed policy): logs only to this function's log group.
    const role = new iam.Role(scope, `${id}Role`, {
      roleName: props.roleName,
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    logGroup.grant(role, 'logs:CreateLogStream', 'logs:PutLogEvents');
    const network = props.network;
    if (network) role.addToPolicy(new iam.PolicyStatement({ actions: VPC_ACCESS_ACTIONS, resources: ['*'] }));
    super(scope, id, {
      entry: handlerEntry(props.handler),
      handler: 'handler',
      projectRoot: ROOT,
      depsLockFilePath: path.join(ROOT, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      timeout: props.timeout ?? Duration.seconds(60),
      memorySize: props.memorySize ?? 512,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      ...(network
        ? {
            vpc: network.vpc,
            vpcSubnets: { subnets: [...network.subnets] },
            ...(network.securityGroups ? { securityGroups: [...network.securityGroups] } : {}),
          }
        : {}),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      role,
      bundling: {
        format: OutputFormat.CJS,
        forceDockerBundling: false,
        target: LAMBDA_BUNDLING.target,
        minify: LAMBDA_BUNDLING.minify,
        sourceMap: LAMBDA_BUNDLING.sourceMap,
        externalModules: [...LAMBDA_BUNDLING.externalModules],
        esbuildArgs: Object.fromEntries(
          Object.entries(LAMBDA_BUNDLING.alias).map(([name, file]) => ['--alias', `${name}=${file}`]),
        ),
        commandHooks: BUILD_CLI_FIRST,
      },
    });
  }
}
