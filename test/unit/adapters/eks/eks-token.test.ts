/**
 * The EKS token must equal what `aws eks get-token` prints for the same credentials and time.
 * Expected values were computed by the AWS CLI's own code (aws-cli 1.45.11, botocore 1.43.11:
 * awscli.customizations.eks.get_token.TokenGenerator) with the clock frozen at 2026-05-01T12:00:00Z;
 * the script is test/fixtures/eks/expected-token.py
 * (`AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null python3 expected-token.py`).
 */
import { CachedEksToken } from '#adapters/eks/cached-eks-token';
import { createEksToken, execCredential } from '#adapters/eks/eks-token';

const signingDate = new Date('2026-05-01T12:00:00Z');
const keys = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

const CLI_EU_WEST_1 =
  'k8s-aws-v1.aHR0cHM6Ly9zdHMuZXUtd2VzdC0xLmFtYXpvbmF3cy5jb20vP0FjdGlvbj1HZXRDYWxsZXJJZGVudGl0eSZWZXJzaW9uPTIwMTEtMDYtMTUmWC1BbXotQWxnb3JpdGhtPUFXUzQtSE1BQy1TSEEyNTYmWC1BbXotQ3JlZGVudGlhbD1BS0lERVhBTVBMRSUyRjIwMjYwNTAxJTJGZXUtd2VzdC0xJTJGc3RzJTJGYXdzNF9yZXF1ZXN0JlgtQW16LURhdGU9MjAyNjA1MDFUMTIwMDAwWiZYLUFtei1FeHBpcmVzPTYwJlgtQW16LVNpZ25lZEhlYWRlcnM9aG9zdCUzQngtazhzLWF3cy1pZCZYLUFtei1TaWduYXR1cmU9ZWZkMGM2OTg5MjAzZmU5NDI3NzdmMWNiMzQ4ZWVmMmFmNTQ5Y2FjNmU2ZWY2MTdmYTEzMjk5ODA3OTRlNjhjMg';
const CLI_US_EAST_1_SESSION =
  'k8s-aws-v1.aHR0cHM6Ly9zdHMudXMtZWFzdC0xLmFtYXpvbmF3cy5jb20vP0FjdGlvbj1HZXRDYWxsZXJJZGVudGl0eSZWZXJzaW9uPTIwMTEtMDYtMTUmWC1BbXotQWxnb3JpdGhtPUFXUzQtSE1BQy1TSEEyNTYmWC1BbXotQ3JlZGVudGlhbD1BS0lERVhBTVBMRSUyRjIwMjYwNTAxJTJGdXMtZWFzdC0xJTJGc3RzJTJGYXdzNF9yZXF1ZXN0JlgtQW16LURhdGU9MjAyNjA1MDFUMTIwMDAwWiZYLUFtei1FeHBpcmVzPTYwJlgtQW16LVNpZ25lZEhlYWRlcnM9aG9zdCUzQngtazhzLWF3cy1pZCZYLUFtei1TZWN1cml0eS1Ub2tlbj1Gd29HWlhJdllYZHpFWEFNUExFJTJCJTJGJTNEdG9rZW4mWC1BbXotU2lnbmF0dXJlPTQzOWRiZjZkMzBkYWEwNWYyMjU4YTNjZGZlNzBkYjg5MzY0NTAwYWQ3N2U4N2EwNTgzNGIyM2Y4ZDk2NzY2ZDE';

function decode(token: string): URL {
  return new URL(Buffer.from(token.slice('k8s-aws-v1.'.length), 'base64url').toString('utf8'));
}

describe('createEksToken', () => {
  it('equals the AWS CLI token for long-term keys', async () => {
    const { token } = await createEksToken({
      clusterName: 'prod-eu',
      region: 'eu-west-1',
      credentials: keys,
      signingDate,
    });
    expect(token).toBe(CLI_EU_WEST_1);
  });

  it('equals the AWS CLI token with a session token that needs percent-encoding', async () => {
    const credentials = { ...keys, sessionToken: 'FwoGZXIvYXdzEXAMPLE+/=token' };
    const { token } = await createEksToken({
      clusterName: 'prod-eu',
      region: 'us-east-1',
      credentials,
      signingDate,
    });
    expect(token).toBe(CLI_US_EAST_1_SESSION);
  });

  it('signs the cluster name, uses the regional host, has no base64 padding and expires 14 min later', async () => {
    const result = await createEksToken({
      clusterName: 'other',
      region: 'ap-south-1',
      credentials: keys,
      signingDate,
    });
    const url = decode(result.token);
    expect(result.token).not.toMatch(/[=+/]/);
    expect(url.hostname).toBe('sts.ap-south-1.amazonaws.com');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host;x-k8s-aws-id');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(result.expiresAt.toISOString()).toBe('2026-05-01T12:14:00.000Z');
    const other = await createEksToken({
      clusterName: 'prod-eu',
      region: 'ap-south-1',
      credentials: keys,
      signingDate,
    });
    expect(decode(other.token).searchParams.get('X-Amz-Signature')).not.toBe(
      url.searchParams.get('X-Amz-Signature'),
    );
  });
});

describe('execCredential', () => {
  it('prints the same JSON shape as aws eks get-token', () => {
    const json = execCredential({ token: 'k8s-aws-v1.abc', expiresAt: new Date('2026-05-01T12:14:00Z') });
    expect(json).toBe(
      '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","spec":{},' +
        '"status":{"expirationTimestamp":"2026-05-01T12:14:00Z","token":"k8s-aws-v1.abc"}}',
    );
  });
});

describe('CachedEksToken', () => {
  it('reuses the token for 10 minutes and signs a new one before 14', async () => {
    let now = signingDate;
    const cache = new CachedEksToken({
      clusterName: 'prod-eu',
      region: 'eu-west-1',
      credentials: keys,
      now: () => now,
    });
    const first = await cache.token();
    expect(first).toBe(CLI_EU_WEST_1);
    now = new Date(signingDate.getTime() + 9 * 60_000);
    expect(await cache.token()).toBe(first);
    now = new Date(signingDate.getTime() + 10 * 60_000 + 1);
    const second = await cache.token();
    expect(second).not.toBe(first);
    expect(decode(second).searchParams.get('X-Amz-Date')).toBe('20260501T121000Z');
  });

  it('shares one signing call between concurrent callers', async () => {
    let calls = 0;
    const credentials = async () => {
      calls += 1;
      return keys;
    };
    const cache = new CachedEksToken({
      clusterName: 'c',
      region: 'eu-west-1',
      credentials,
      now: () => signingDate,
    });
    const tokens = await Promise.all([cache.token(), cache.token(), cache.token()]);
    expect(new Set(tokens).size).toBe(1);
    expect(calls).toBe(1);
  });
});
