/**
 * `certwatch eks-token --cluster-name N --region R [--role-arn ARN]`: prints the same ExecCredential
 * JSON as `aws eks get-token`, so kubeconfig `exec` entries and debugging can use certwatch's signer.
 */
import { parseFlags } from '../args';
import { type Command, UsageError } from '../command';
import { composeFromFlags } from '../settings-flags';
import { optionsBlock } from '../usage';

const usage = `Usage: certwatch eks-token --cluster-name NAME [--region REGION] [--role-arn ARN]

Prints an ExecCredential with an EKS bearer token (the same JSON as 'aws eks get-token'),
signed with the default AWS credential chain, or with ARN assumed first.

${optionsBlock([
  ['--cluster-name NAME', 'EKS cluster the token is for (required)'],
  ['--region REGION', 'region of the cluster (default: $AWS_REGION, else $AWS_DEFAULT_REGION)'],
  ['--role-arn ARN', 'IAM role to assume before signing (default: none)'],
])}

Exit codes: 0 printed, 2 usage error or no credentials to sign with.
`;

const options = {
  'cluster-name': { type: 'string' },
  region: { type: 'string' },
  'role-arn': { type: 'string' },
} as const;

/** The `eks-token` command. */
export const eksTokenCommand: Command = {
  name: 'eks-token',
  usage,
  flags: options,
  async run(argv, io) {
    const { values } = parseFlags(argv, options, usage);
    const clusterName = values['cluster-name'];
    const region = values.region ?? io.env['AWS_REGION'] ?? io.env['AWS_DEFAULT_REGION'];
    if (!clusterName) throw new UsageError('missing --cluster-name', usage);
    if (!region) throw new UsageError('missing --region (or AWS_REGION)', usage);
    const root = composeFromFlags({}, io, usage);
    const credential = await root.eksExecCredential({
      clusterName,
      region,
      roleArn: values['role-arn'],
      execInfo: io.env['KUBERNETES_EXEC_INFO'],
    });
    io.stdout.write(`${credential}\n`);
    return 0;
  },
};
