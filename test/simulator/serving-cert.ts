/** The simulator's serving CA and TLS certificate (SAN IP:127.0.0.1, DNS:localhost), minted at start. */
import { mint } from '#support/mint';

/** PEMs a TLS server and its clients need. */
export interface ServingCert {
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

const DAY_MS = 86_400_000;
let shared: Promise<ServingCert> | undefined;

async function mintServingCert(): Promise<ServingCert> {
  // The TLS handshake checks validity against the real clock, so this transport certificate (unlike
  // every certificate certwatch analyses in tests) is minted around the real time.
  const now = Date.now();
  const notBefore = new Date(now - DAY_MS);
  const notAfter = new Date(now + 7 * DAY_MS);
  const ca = await mint({ subject: 'CN=certwatch-simulator-ca', notBefore, notAfter, isCA: true });
  const leaf = await mint({
    subject: 'CN=kube-apiserver',
    issuer: ca,
    notBefore,
    notAfter,
    dnsNames: ['localhost', 'kubernetes.default.svc'],
    ipAddresses: ['127.0.0.1'],
  });
  return { caPem: ca.pem, certPem: leaf.pem, keyPem: leaf.keyPem };
}

/** A serving certificate: shared by every simulator of the process unless `fresh` asks for a new CA. */
export function servingCert(fresh = false): Promise<ServingCert> {
  if (fresh) return mintServingCert();
  shared ??= mintServingCert();
  return shared;
}
