/**
 * The stack's upstream CAs (#14) and source options (#13): the scan Lambda gets CERTWATCH_UPSTREAMS
 * and CERTWATCH_SOURCE_OPTIONS from the config; its role may read exactly the configured Private
 * CAs and the Vault token's secret (no acm-pca statement when none is configured); member roles
 * read their own account's Private CAs; the VPC option puts only the scan Lambda in the configured
 * subnets, with the network-interface actions Lambda needs; cdk-nag stays clean throughout.
 */
import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ENV } from '#config/env-names';
import { readLambdaEnv } from '#config/lambda-env';
import { ConfigError, parseCertwatchConfig } from '#lib/config-schema';
import { lambdaSettings } from '#lib/lambda-settings';
import { config as example } from '../../certwatch.config.example';
import { exampleConfig, synthApp } from './stack-fixture';

const PCA_A =
  'arn:aws:acm-pca:eu-west-1:111111111111:certificate-authority/11111111-2222-3333-4444-555555555555';
const PCA_B =
  'arn:aws:acm-pca:us-east-1:222222222222:certificate-authority/66666666-2222-3333-4444-555555555555';
const TOKEN_SECRET = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:certwatch/vault-token-AbCdEf';
const VPC = {
  vpcId: 'vpc-0123456789abcdef0',
  subnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
  securityGroupIds: ['sg-0123456789abcdef0'],
};

const upstreams = {
  vault: {
    address: 'https://vault.internal:8200',
    mounts: ['pki_int', '/pki_istio/'],
    namespace: 'platform',
    tokenSecret: TOKEN_SECRET,
  },
  privateCaArns: [PCA_A, PCA_B],
};
const sourceOptions = {
  clusterResourceNamespace: 'cert-manager-system',
  consul: { address: 'https://consul.internal:8501' },
  spire: { namespace: 'spire-system', name: 'trust-bundle' },
};

interface Statement {
  Action: string | string[];
  Resource: unknown;
}
const list = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);

function statements(stack: Stack, roleName?: RegExp): Statement[] {
  const json = Template.fromStack(stack).toJSON() as {
    // biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON is untyped
    Resources: Record<string, { Type: string; Properties: Record<string, any> }>;
  };
  return Object.entries(json.Resources)
    .filter(([id, r]) => r.Type === 'AWS::IAM::Policy' && (!roleName || roleName.test(id)))
    .flatMap(([, r]) => r.Properties.PolicyDocument.Statement as Statement[]);
}

describe('configured upstreams and source options', () => {
  const config = exampleConfig({ upstreams, sourceOptions, scan: { vpc: VPC } });
  const { stacks, central } = synthApp(config);

  it('reach the scan Lambda through the shared env names, and read back into the same settings', () => {
    const env = lambdaSettings(config);
    const settings = readLambdaEnv({ ...env, [ENV.tableName]: 'history' });
    expect(settings.upstreams).toEqual({
      vault: {
        address: 'https://vault.internal:8200',
        mounts: ['pki_int', 'pki_istio'],
        namespace: 'platform',
        token: { secretId: TOKEN_SECRET },
      },
      privateCaArns: [PCA_A, PCA_B],
    });
    expect(settings.scan.sources).toEqual(sourceOptions);
    // The token itself is never in the environment: only the secret's ARN.
    expect(env[ENV.upstreams]).toContain(TOKEN_SECRET);
    central.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          [ENV.upstreams]: env[ENV.upstreams],
          [ENV.sourceOptions]: env[ENV.sourceOptions],
        }),
      },
    });
  });

  it('let the scan role describe and fetch exactly the configured Private CAs', () => {
    const pca = statements(stacks.central).filter((s) =>
      list(s.Action).some((a) => a.startsWith('acm-pca:')),
    );
    expect(pca).toHaveLength(1);
    expect(list(pca[0]!.Action).sort()).toEqual([
      'acm-pca:DescribeCertificateAuthority',
      'acm-pca:GetCertificateAuthorityCertificate',
    ]);
    expect(list(pca[0]!.Resource).sort()).toEqual([PCA_A, PCA_B]);
    const scanOnly = statements(stacks.central, /ScanRole/).filter((s) =>
      list(s.Action).some((a) => a.startsWith('acm-pca:')),
    );
    expect(scanOnly).toHaveLength(1);
  });

  it('let only the scan role read the Vault token secret', () => {
    const reads = (re: RegExp) =>
      statements(stacks.central, re).filter((s) =>
        JSON.stringify(s.Resource).includes('certwatch/vault-token'),
      );
    const scan = reads(/ScanRole/);
    expect(scan).toHaveLength(1);
    expect(list(scan[0]!.Action)).toContain('secretsmanager:GetSecretValue');
    expect(scan[0]!.Resource).toBe(TOKEN_SECRET);
    expect(reads(/DispatchRole|DigestRole/)).toEqual([]);
  });

  it("let each member role read its own account's Private CAs, read-only", () => {
    for (const member of stacks.members.filter((m) => statements(m).length > 0)) {
      const pca = statements(member).filter((s) => list(s.Action).some((a) => a.startsWith('acm-pca:')));
      expect(pca).toHaveLength(1);
      expect(list(pca[0]!.Action).sort()).toEqual([
        'acm-pca:DescribeCertificateAuthority',
        'acm-pca:GetCertificateAuthorityCertificate',
      ]);
      expect(JSON.stringify(pca[0]!.Resource)).toContain(
        `:acm-pca:*:${member.account}:certificate-authority/*`,
      );
    }
  });

  it('put only the scan Lambda in the configured subnets and security groups, with its ENI actions', () => {
    const inVpc = Object.values(central.findResources('AWS::Lambda::Function')).filter(
      (f) => f.Properties.VpcConfig,
    );
    expect(inVpc).toHaveLength(1);
    expect(inVpc[0]!.Properties.VpcConfig).toEqual({
      SubnetIds: VPC.subnetIds,
      SecurityGroupIds: VPC.securityGroupIds,
    });
    expect(inVpc[0]!.Properties.Environment.Variables[ENV.scanQueueUrl]).toBeUndefined();
    expect(inVpc[0]!.Properties.Role['Fn::GetAtt'][0]).toMatch(/ScanRole/);
    const eni = statements(stacks.central).filter((s) =>
      list(s.Action).includes('ec2:CreateNetworkInterface'),
    );
    expect(eni).toHaveLength(1);
    expect(statements(stacks.central, /ScanRole/).filter((s) => eni.includes(s))).toHaveLength(1);
  });
});

describe('without upstreams or a VPC', () => {
  const { stacks, central } = synthApp(exampleConfig());

  it('the scan role has no acm-pca statement and no Vault secret read; no function is in a VPC', () => {
    const pca = statements(stacks.central).filter((s) =>
      list(s.Action).some((a) => a.startsWith('acm-pca:')),
    );
    expect(pca).toEqual([]);
    expect(JSON.stringify(statements(stacks.central))).not.toContain('vault');
    expect(
      Object.values(central.findResources('AWS::Lambda::Function')).filter((f) => f.Properties.VpcConfig),
    ).toEqual([]);
    expect(
      statements(stacks.central).filter((s) => list(s.Action).some((a) => a.startsWith('ec2:'))),
    ).toEqual([]);
    const env = lambdaSettings(exampleConfig());
    expect(env[ENV.upstreams]).toBeUndefined();
    expect(env[ENV.sourceOptions]).toBeUndefined();
  });

  it('a VPC without security groups gets a new one (outbound only) and cdk-nag stays clean', () => {
    const { central: t } = synthApp(
      exampleConfig({ scan: { vpc: { ...VPC, securityGroupIds: undefined } } }),
    );
    const groups = Object.values(t.findResources('AWS::EC2::SecurityGroup'));
    expect(groups).toHaveLength(1);
    expect(groups[0]!.Properties.SecurityGroupIngress).toBeUndefined();
  });
});

describe('bad upstream and source settings name the field', () => {
  const bad = (change: Record<string, unknown>) => {
    try {
      parseCertwatchConfig({ ...example, ...change });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('accepted');
  };

  it.each([
    [{ upstreams: { vault: { address: 'vault:8200', mounts: ['pki'] } } }, 'upstreams.vault.address'],
    [{ upstreams: { vault: { address: 'https://v', mounts: [] } } }, 'upstreams.vault.mounts'],
    [{ upstreams: { vault: { address: 'https://v', mounts: ['../x'] } } }, 'upstreams.vault.mounts[0]'],
    [{ upstreams: { vault: { address: 'https://v', mounts: ['p'], token: 'hvs.x' } } }, 'token'],
    [{ upstreams: { privateCaArns: ['arn:aws:iam::1:role/x'] } }, 'upstreams.privateCaArns[0]'],
    [{ sourceOptions: { spire: { namespace: 'Spire System' } } }, 'sourceOptions.spire.namespace'],
    [
      { sourceOptions: { consul: { address: 'https://consul.internal:8501', service: 'consul-server' } } },
      'sourceOptions.consul: expected either address or namespace/service/port (they are alternatives)',
    ],
    [{ scan: { vpc: { vpcId: 'vpc-1', subnetIds: [] } } }, 'scan.vpc.vpcId'],
  ])('%j → %s', (change, field) => {
    expect(bad(change)).toContain(field);
  });

  it('the Lambda environment names the bad field of CERTWATCH_UPSTREAMS', () => {
    const env = { [ENV.tableName]: 'history', [ENV.upstreams]: JSON.stringify({ privateCaArns: ['nope'] }) };
    expect(() => readLambdaEnv(env)).toThrow(
      /CERTWATCH_UPSTREAMS\.privateCaArns\.0: expected an AWS Private CA ARN/,
    );
  });

  it('refuses settings that would not fit the 4 KB Lambda environment', () => {
    const pem = `-----BEGIN CERTIFICATE-----\n${'A'.repeat(3000)}\n-----END CERTIFICATE-----`;
    const config = exampleConfig({
      upstreams: { vault: { address: 'https://v:8200', mounts: ['pki'], caCertPem: pem } },
    });
    expect(() => lambdaSettings(config)).toThrow(
      /Lambda environments hold 4 KB.*largest: CERTWATCH_UPSTREAMS \d+.*shorten the Vault caCertPem/,
    );
  });
});
