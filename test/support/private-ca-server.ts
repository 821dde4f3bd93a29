/**
 * A loopback AWS Private CA endpoint for tests, speaking the service's JSON 1.1 protocol
 * (`POST /`, `X-Amz-Target: ACMPrivateCA.<Operation>`) for DescribeCertificateAuthority and
 * GetCertificateAuthorityCertificate, with AWS's error shapes (`__type`). Point the SDK at it with
 * AWS_ENDPOINT_URL_ACM_PCA. Requests are not signature-checked, only required to be signed.
 * Test support.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One CA as the fake stores it. */
export interface FakePrivateCa {
  readonly status:
    | 'ACTIVE'
    | 'EXPIRED'
    | 'DISABLED'
    | 'PENDING_CERTIFICATE'
    | 'CREATING'
    | 'FAILED'
    | 'DELETED';
  readonly type: 'ROOT' | 'SUBORDINATE';
  readonly certificatePem?: string;
  /** Parent chain, excluding the CA's own certificate (null for a root). */
  readonly chainPem?: string;
  readonly notAfter?: Date;
}

/** A running fake. */
export interface PrivateCaServer {
  readonly url: string;
  readonly cas: Map<string, FakePrivateCa>;
  /** ARNs whose every call answers AccessDeniedException. */
  readonly denied: Set<string>;
  /** `target arn` of every call. */
  readonly calls: string[];
  stop(): Promise<void>;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
  res.end(JSON.stringify(body));
}

function handle(state: PrivateCaServer, req: IncomingMessage, body: string, res: ServerResponse) {
  const target = String(req.headers['x-amz-target'] ?? '');
  if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256'))
    return reply(res, 400, { __type: 'MissingAuthenticationTokenException', message: 'unsigned request' });
  let arn = '';
  try {
    arn = String((JSON.parse(body) as { CertificateAuthorityArn?: unknown }).CertificateAuthorityArn ?? '');
  } catch {
    return reply(res, 400, { __type: 'SerializationException', message: 'bad JSON' });
  }
  state.calls.push(`${target} ${arn}`);
  if (state.denied.has(arn))
    return reply(res, 400, {
      __type: 'AccessDeniedException',
      message: `User is not authorized to perform: ${target.split('.')[1]} on resource: ${arn}`,
    });
  const ca = state.cas.get(arn);
  if (!ca) return reply(res, 400, { __type: 'ResourceNotFoundException', message: `${arn} not found` });
  if (target === 'ACMPrivateCA.DescribeCertificateAuthority')
    return reply(res, 200, {
      CertificateAuthority: {
        Arn: arn,
        Status: ca.status,
        Type: ca.type,
        ...(ca.notAfter ? { NotAfter: ca.notAfter.getTime() / 1000 } : {}),
      },
    });
  if (target === 'ACMPrivateCA.GetCertificateAuthorityCertificate') {
    if (!ca.certificatePem)
      return reply(res, 400, { __type: 'InvalidStateException', message: `${arn} is ${ca.status}` });
    return reply(res, 200, {
      Certificate: ca.certificatePem,
      ...(ca.chainPem ? { CertificateChain: ca.chainPem } : {}),
    });
  }
  return reply(res, 400, { __type: 'UnknownOperationException', message: target });
}

/** Starts the fake on 127.0.0.1 with a random port. */
export async function startPrivateCa(cas: Record<string, FakePrivateCa> = {}): Promise<PrivateCaServer> {
  let http: Server | undefined;
  const state: PrivateCaServer = {
    url: '',
    cas: new Map(Object.entries(cas)),
    denied: new Set(),
    calls: [],
    stop: () =>
      new Promise<void>((resolve) => {
        http?.closeAllConnections();
        http?.close(() => resolve());
      }),
  };
  http = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => handle(state, req, body, res));
  });
  await new Promise<void>((resolve) => http!.listen(0, '127.0.0.1', resolve));
  (state as { url: string }).url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return state;
}
