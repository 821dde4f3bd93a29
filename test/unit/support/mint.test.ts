import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mint, mintChain } from '#support/mint';

const NOW = new Date('2026-06-01T00:00:00Z');
const days = (n: number): Date => new Date(NOW.getTime() + n * 86_400_000);

describe('mint', () => {
  it('mints a self-signed EC root that node and openssl accept', async () => {
    const root = await mint({
      subject: 'CN=Root CA,O=cluster.local',
      isCA: true,
      notBefore: days(-1),
      notAfter: days(3650),
    });
    const x = new X509Certificate(root.pem);
    expect(x.subject).toBe('O=cluster.local\nCN=Root CA');
    expect(x.ca).toBe(true);
    expect(x.verify(x.publicKey)).toBe(true);
    const text = execFileSync('openssl', ['x509', '-noout', '-text'], { input: root.pem }).toString();
    expect(text).toContain('CA:TRUE');
    expect(text).toContain('prime256v1');
    expect(text).toContain('Subject Key Identifier');
  });

  it('signs children with the issuer key and writes SANs', async () => {
    const { root, intermediates, leaf } = await mintChain({ now: NOW, intermediates: 2 });
    const [i1, i2] = intermediates.map((c) => new X509Certificate(c.pem));
    const x = new X509Certificate(leaf.pem);
    expect(i1!.verify(new X509Certificate(root.pem).publicKey)).toBe(true);
    expect(i2!.verify(i1!.publicKey)).toBe(true);
    expect(x.verify(i2!.publicKey)).toBe(true);
    expect(x.verify(i1!.publicKey)).toBe(false);
    expect(x.subjectAltName).toContain('URI:spiffe://cluster.local/ns/default/sa/default');
    expect(x.ca).toBe(false);
  });

  it('supports RSA keys, SHA-1, dates past 2049, serials, no basicConstraints and empty subjects', async () => {
    const root = await mint({
      subject: 'CN=Old Root,C=US',
      key: 'RSA-1024',
      signatureHash: 'SHA-1',
      basicConstraints: false,
      serialNumber: 'ff01',
      notBefore: days(-10),
      notAfter: new Date('2060-01-01T00:00:00Z'),
    });
    const text = execFileSync('openssl', ['x509', '-noout', '-text'], { input: root.pem }).toString();
    expect(text).toContain('sha1WithRSAEncryption');
    expect(text).toContain('(1024 bit)');
    expect(text).not.toContain('Basic Constraints');
    expect(text).toContain('Jan  1 00:00:00 2060 GMT');
    expect(new X509Certificate(root.pem).serialNumber).toBe('FF01');
    const leaf = await mint({
      subject: '',
      issuer: root,
      notBefore: days(-1),
      notAfter: days(1),
      ipAddresses: ['10.0.0.1'],
      omitKeyIdentifiers: true,
    });
    const x = new X509Certificate(leaf.pem);
    expect(x.verify(new X509Certificate(root.pem).publicKey)).toBe(true);
    expect(x.subject ?? '').toBe('');
    expect(
      execFileSync('openssl', ['x509', '-noout', '-subject'], { input: leaf.pem }).toString().trim(),
    ).toBe('subject=');
    expect(x.subjectAltName).toBe('IP Address:10.0.0.1');
  });

  it('re-issues with the same key (cross-signing) and never reuses EC keys otherwise', async () => {
    const a = await mint({ subject: 'CN=A', isCA: true, notBefore: days(-1), notAfter: days(10) });
    const b = await mint({
      subject: 'CN=A',
      isCA: true,
      reuseKeyOf: a,
      notBefore: days(-1),
      notAfter: days(20),
    });
    const c = await mint({ subject: 'CN=A', isCA: true, notBefore: days(-1), notAfter: days(20) });
    const pub = (m: { pem: string }) =>
      new X509Certificate(m.pem).publicKey.export({ type: 'spki', format: 'der' });
    expect(pub(a).equals(pub(b))).toBe(true);
    expect(pub(a).equals(pub(c))).toBe(false);
    expect(a.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });
  it('writes the key usage asked for and IPv6 SANs, and rejects a malformed IPv6 address', async () => {
    const ca = await mint({
      subject: 'CN=Usage CA',
      isCA: true,
      keyUsage: ['keyCertSign', 'cRLSign'],
      ipAddresses: ['10.0.0.1', '::1', 'fd00::1:2'],
      notBefore: days(-1),
      notAfter: days(30),
    });
    const text = execFileSync('openssl', ['x509', '-noout', '-text'], { input: ca.pem }).toString();
    expect(text).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign\n/);
    expect(new X509Certificate(ca.pem).subjectAltName).toBe(
      'IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1, IP Address:FD00:0:0:0:0:0:1:2',
    );
    await expect(
      mint({ subject: 'CN=x', ipAddresses: ['1::2::3'], notBefore: days(-1), notAfter: days(1) }),
    ).rejects.toThrow(/not an IPv6 address/);
  });
});
