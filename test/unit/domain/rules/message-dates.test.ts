/**
 * Finding messages print dates with the shared formatDay/formatMinute: the UTC day for far dates,
 * to the minute when hours matter (not yet valid, expired within the last day, workload
 * certificates, overdue rotations). Never raw ISO 8601 (`T…`, milliseconds).
 */
import { assess } from '#domain/assess';
import { evaluateCrossSource } from '#domain/cross-source';
import { DEFAULT_POLICY } from '#domain/policy';
import { factsOf } from '#support/facts';
import { materialOf } from '#support/materials';
import { type MintedCert, type MintOptions, mint } from '#support/mint';

const NOW = new Date('2026-06-01T00:00:00Z');
const at = (days: number): Date => new Date(NOW.getTime() + days * 86_400_000);
const RAW_ISO = /\d{4}-\d\d-\d\dT\d\d:|\.\d{3}Z/;

let root: MintedCert;
beforeAll(async () => {
  root = await mint({ subject: 'CN=Dates Root', isCA: true, notBefore: at(-365), notAfter: at(3000) });
});

async function messagesOf(cert: Omit<MintOptions, 'issuer'>, rule: string): Promise<string[]> {
  const minted = await mint({ ...cert, issuer: root });
  const result = await assess([materialOf([minted, root])], { now: NOW });
  const fp = factsOf(minted).fingerprint;
  const found = result.findings.filter((f) => f.fingerprint === fp && f.rule === rule);
  return found.map((f) => `${f.message} ${f.remediation}`);
}

type Case = [name: string, cert: Omit<MintOptions, 'issuer'>, rule: string, text: string];

describe('dates in finding messages', () => {
  it.each<Case>([
    [
      'expired long ago → day',
      { subject: 'CN=old', notBefore: at(-40), notAfter: at(-10) },
      'expired',
      'expired on 2026-05-22;',
    ],
    [
      'expired hours ago → minute',
      { subject: 'CN=fresh', notBefore: at(-5), notAfter: at(-0.25) },
      'expired',
      'expired on 2026-05-31 18:00Z;',
    ],
    [
      'not yet valid → minute',
      { subject: 'CN=future', notBefore: at(2.5), notAfter: at(30) },
      'not_yet_valid',
      'not valid before 2026-06-03 12:00Z;',
    ],
    [
      'CA expiring → day',
      { subject: 'CN=I20', isCA: true, notBefore: at(-300), notAfter: at(20) },
      'expiring_soon',
      'expires on 2026-06-21 (',
    ],
    [
      'leaf expiring within a day → minute',
      { subject: 'CN=dying', notBefore: at(-9.5), notAfter: at(0.5) },
      'expiring_soon',
      'expires on 2026-06-01 12:00Z (',
    ],
    [
      'workload expiring → minute',
      { subject: '', uris: ['spiffe://td/ns/a/sa/b'], notBefore: at(-38), notAfter: at(2) },
      'expiring_soon',
      'expires on 2026-06-03 00:00Z (',
    ],
    [
      'overdue rotation time → minute',
      { subject: 'CN=late', notBefore: at(-2.4), notAfter: at(0.6) },
      'expiring_soon',
      'lifetime (2026-05-31 14:24Z)',
    ],
    [
      'leaf outliving its root → days',
      { subject: 'CN=long', notBefore: at(-1), notAfter: at(3100) },
      'outlives_issuer',
      'valid until 2034-11-26, but its issuer',
    ],
  ])('%s', async (_name, cert, rule, text) => {
    const messages = await messagesOf(cert, rule);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(text);
    expect(messages[0]).not.toMatch(RAW_ISO);
  });

  it('the outlived issuer date in the message and the remediation is a day', async () => {
    const [text] = await messagesOf(
      { subject: 'CN=long', notBefore: at(-1), notAfter: at(3100) },
      'outlives_issuer',
    );
    expect(text).toContain('expires on 2034-08-18;');
    expect(text).toContain("issuer's date (2034-08-18)");
  });

  it('cert_manager_not_ready prints the expiry of its certificate to the minute', async () => {
    const findings = evaluateCrossSource({
      assessment: await assess([], { now: NOW }),
      signals: [
        {
          type: 'cert-manager-certificate',
          source: { kind: 'Certificate', namespace: 'apps', name: 'web' },
          secretName: 'web-tls',
          ready: false,
          notAfter: '2026-05-31T06:30:15Z',
        },
      ],
      failures: [],
      now: NOW,
      policy: DEFAULT_POLICY,
    });
    const notReady = findings.find((f) => f.rule === 'cert_manager_not_ready');
    expect(notReady?.message).toContain('its certificate expired 2026-05-31 06:30Z');
    expect(notReady?.message).not.toMatch(RAW_ISO);
  });
});
