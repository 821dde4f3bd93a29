import { parseMaterial } from '#domain/parse';
import { fixtureFacts as factsOf } from '#support/facts';
import { fixtureCases, opensslFacts, parseOpensslDate } from './fixture-files';

const cases = fixtureCases();

describe('every upstream fixture certificate matches OpenSSL', () => {
  it('finds the expected number of fixture inputs and certificates', () => {
    // 52 inputs holding 69 certificates: a fixture that silently drops out fails here.
    expect(cases.length).toBe(52);
    expect(cases.reduce((n, c) => n + c.ders.length, 0)).toBe(69);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, fixture) => {
    const result = parseMaterial(fixture.input);
    expect(result.errors).toEqual([]);
    expect(result.certificates).toHaveLength(fixture.ders.length);
    fixture.ders.forEach((der, i) => {
      const expected = opensslFacts(der);
      const facts = result.certificates[i]!.facts;
      expect(facts.fingerprint).toBe(expected.fingerprint);
      expect(facts.notBefore.toISOString()).toBe(expected.notBefore.toISOString());
      expect(facts.notAfter.toISOString()).toBe(expected.notAfter.toISOString());
    });
  });
});

describe('facts of selected fixtures', () => {
  it('reads SPIRE year-0001 notBefore and 9999 notAfter from the JWK set', () => {
    const [ca] = factsOf('spiffe/spire/test/integration/suites/spire-server-cli/conf/fixture/ca.spiffe');
    expect(ca!.notBefore.getUTCFullYear()).toBe(1);
    expect(ca!.notBefore.toISOString()).toBe('0001-01-01T00:00:00.000Z');
    expect(ca!.notAfter.toISOString()).toBe('9999-12-31T23:59:59.000Z');
    expect(ca!.spiffeIds).toEqual(['spiffe://domain1.test']);
    expect(ca!.subject).toBe('');
  });

  it('writes subject and issuer as RFC 4514, most specific RDN first (as openssl -nameopt RFC2253)', () => {
    const [intermediate, root] = factsOf('istio/istio/samples/certs/cert-chain-alt.pem');
    expect(intermediate!.subject).toBe('L=cluster1,CN=Intermediate CA,O=Istio');
    expect(intermediate!.issuer).toBe('CN=Root CA,O=Istio');
    expect(intermediate!.issuerKey).toBe(root!.subjectKey);
    expect(intermediate!.authorityKeyId).toBe(root!.subjectKeyId);
    expect(intermediate!.dnsNames).toEqual(['istiod.istio-system.svc']);
    const [linkerd] = factsOf('linkerd/linkerd2/cli/cmd/testdata/valid-crt.pem');
    expect(linkerd!.subject).toBe('CN=identity.linkerd.cluster.local');
  });

  it.each([
    ['leaf-workload-foo-cert.pem', 'spiffe://trust-domain-foo/ns/foo/sa/foo'],
    ['leaf-workload-bar-cert.pem', 'spiffe://trust-domain-bar/ns/bar/sa/bar'],
  ])('reads the SPIFFE ID of Istio %s', (file, spiffeId) => {
    const [leaf] = factsOf(`istio/istio/samples/certs/${file}`);
    expect(leaf!.spiffeIds).toEqual([spiffeId]);
    expect(leaf!.uris).toEqual([spiffeId]);
    expect(leaf!.isCA).toBe(false);
    expect(leaf!.subject).toBe('');
  });

  it('reports isCA=false for the multilevelpki roots that lack basic constraints', () => {
    for (const file of ['root-cert.pem', 'ecc-root-cert.pem']) {
      const [root] = factsOf(`istio/istio/security/pkg/pki/testdata/multilevelpki/${file}`);
      expect(root!.isCA).toBe(false);
      expect(root!.subject).toBe(root!.issuer);
    }
  });

  it('reads P-521 keys of the Linkerd wrong-algo anchors and the RSA anchor', () => {
    const [p521] = factsOf('linkerd/linkerd2/cli/cmd/testdata/wrong-algo-trust-anchors.pem');
    expect(p521).toMatchObject({ keyAlgorithm: 'EC', curve: 'P-521', keySize: 521 });
    const [rsa] = factsOf('linkerd/linkerd2/cli/cmd/testdata/valid-with-rsa-anchor-trust-anchors.pem');
    expect(rsa).toMatchObject({ keyAlgorithm: 'RSA', signatureAlgorithm: 'sha256WithRSAEncryption' });
    expect(rsa!.keySize).toBeGreaterThanOrEqual(2048);
    const [p256] = factsOf('linkerd/linkerd2/cli/cmd/testdata/valid-trust-anchors.pem');
    expect(p256).toMatchObject({ curve: 'P-256', signatureAlgorithm: 'ecdsa-with-SHA256', isCA: true });
  });

  it('parses the test helper date format by hand', () => {
    expect(parseOpensslDate('Jan  1 00:00:00 1 GMT').toISOString()).toBe('0001-01-01T00:00:00.000Z');
    expect(parseOpensslDate('Dec 31 23:59:59 9999 GMT').toISOString()).toBe('9999-12-31T23:59:59.000Z');
  });
});
