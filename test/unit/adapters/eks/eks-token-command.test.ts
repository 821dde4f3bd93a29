/** `certwatch eks-token` prints an ExecCredential whose token is signed for the named cluster. */
import type { CliIo } from '#cli/command';
import { UsageError } from '#cli/command';
import { eksTokenCommand } from '#cli/commands/eks-token';

function io(env: Record<string, string>) {
  let out = '';
  const value: CliIo = {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: () => true },
    env,
    cwd: '/',
  };
  return { value, out: () => out };
}

const env = {
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
};

describe('certwatch eks-token', () => {
  const saved = { ...process.env };
  beforeEach(() => Object.assign(process.env, env)); // the SDK credential chain reads process.env
  afterEach(() => {
    process.env = { ...saved };
  });

  it('prints one line of ExecCredential JSON with a k8s-aws-v1 token for the cluster', async () => {
    const run = io({ ...env, KUBERNETES_EXEC_INFO: '{"apiVersion":"client.authentication.k8s.io/v1"}' });
    const code = await eksTokenCommand.run(['--cluster-name', 'prod', '--region', 'eu-west-1'], run.value);
    expect(code).toBe(0);
    expect(run.out().endsWith('}\n')).toBe(true);
    const cred = JSON.parse(run.out());
    expect(Object.keys(cred)).toEqual(['kind', 'apiVersion', 'spec', 'status']);
    expect(cred.apiVersion).toBe('client.authentication.k8s.io/v1');
    expect(cred.status.expirationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const url = new URL(Buffer.from(cred.status.token.slice(11), 'base64url').toString());
    expect(url.hostname).toBe('sts.eu-west-1.amazonaws.com');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(
      /^AKIDEXAMPLE\/\d{8}\/eu-west-1\/sts\/aws4_request$/,
    );
  });

  it('fails as a usage error without --cluster-name', async () => {
    await expect(eksTokenCommand.run(['--region', 'eu-west-1'], io(env).value)).rejects.toThrow(
      new UsageError('missing --cluster-name'),
    );
  });
});
