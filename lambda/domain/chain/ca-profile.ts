/**
 * May a certificate sign others? RFC 5280 §6.1.4 (k)/(n) as openssl's `check_ca` applies them:
 * keyUsage, when present, must allow keyCertSign; basicConstraints must say CA:TRUE. Without
 * basicConstraints, only an anchor may still act as a CA (a v1 self-signed root, or a certificate
 * whose keyUsage allows keyCertSign): intermediates need the extension.
 */
import type { CertificateFacts } from '../model';
import { decodeOid, readChildren, readTlv } from '../parse/der-reader';

/** How far a certificate may act as a CA. */
export type CaProfile =
  | { readonly kind: 'ca' }
  | { readonly kind: 'anchor-only'; readonly why: string }
  | { readonly kind: 'not-ca'; readonly why: string };

const BASIC_CONSTRAINTS = '2.5.29.19';
const KEY_USAGE = '2.5.29.15';

/** The CA profile of `facts`; `selfSigned` says whether it verified with its own key. */
export function caProfile(facts: CertificateFacts, selfSigned: boolean): CaProfile {
  const layout = tbsLayout(facts.der);
  const hasKeyUsage = layout.extensions.has(KEY_USAGE) || facts.keyUsage.length > 0;
  if (hasKeyUsage && !facts.keyUsage.includes('keyCertSign'))
    return { kind: 'not-ca', why: 'its keyUsage does not include keyCertSign' };
  if (layout.extensions.has(BASIC_CONSTRAINTS) || facts.isCA)
    return facts.isCA ? { kind: 'ca' } : { kind: 'not-ca', why: 'its basicConstraints say CA:FALSE' };
  if (layout.version === 1 && selfSigned) return { kind: 'anchor-only', why: 'it is a v1 certificate' };
  if (hasKeyUsage) return { kind: 'anchor-only', why: 'it has no basicConstraints' };
  return { kind: 'not-ca', why: 'it has no basicConstraints extension (not a CA)' };
}

/** X.509 version (1–3) and the extension OIDs present, read from the DER. */
function tbsLayout(der: Uint8Array): { version: number; extensions: Set<string> } {
  const extensions = new Set<string>();
  const outer = readTlv(der, 0);
  const tbs = outer && readChildren(der, outer)?.[0];
  const fields = tbs && readChildren(der, tbs);
  if (!fields) return { version: 1, extensions };
  const versionTlv = fields[0]?.tag === 0xa0 ? readTlv(der, fields[0].valueStart) : undefined;
  const version = versionTlv ? (der[versionTlv.end - 1] ?? 0) + 1 : 1;
  const wrapper = fields.find((f) => f.tag === 0xa3);
  const list = wrapper && readTlv(der, wrapper.valueStart);
  for (const ext of (list && readChildren(der, list)) ?? []) {
    const oid = readTlv(der, ext.valueStart, ext.end);
    const text = oid?.tag === 0x06 ? decodeOid(der, oid.valueStart, oid.end) : undefined;
    if (text) extensions.add(text);
  }
  return { version, extensions };
}
