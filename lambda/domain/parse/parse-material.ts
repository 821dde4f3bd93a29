/**
 * Material (any supported format) → certificate facts plus parse errors. Splits first, hashes each
 * DER, and parses only fingerprints not seen before (in this call or in the caller's cache): one
 * root copied into thousands of ConfigMaps is parsed once.
 */
import type { X509Certificate } from 'node:crypto';
import type { CertificateFacts, ParseError } from '../model';
import { parseDerWithFingerprint, sha256Hex } from './parse-certificate-der';
import { splitMaterial } from './split-material';

/** A parsed certificate and where it sat in the material (block index or byte offset). */
export interface ParsedCertificate {
  readonly facts: CertificateFacts;
  readonly position: number;
}

/** Everything one piece of material yielded. */
export interface ParseMaterialResult {
  readonly certificates: ParsedCertificate[];
  readonly errors: ParseError[];
}

/**
 * Parses PEM bundles, DER, base64 of either, or JWK sets; never throws. `cache` maps fingerprints
 * to facts across calls and is filled with every newly parsed certificate; `natives`, when given,
 * receives the native X509Certificate of each one OpenSSL read (signature checks reuse it).
 */
export function parseMaterial(
  data: string | Uint8Array,
  cache: Map<string, CertificateFacts> = new Map(),
  natives?: Map<string, X509Certificate>,
): ParseMaterialResult {
  const certificates: ParsedCertificate[] = [];
  const errors: ParseError[] = [];
  let split: ReturnType<typeof splitMaterial>;
  try {
    split = splitMaterial(data);
  } catch {
    // Defensive: splitting is written not to throw; a bug must still not stop the other materials.
    return {
      certificates,
      errors: [{ reason: 'bad_der', position: 0, detail: 'material could not be read' }],
    };
  }
  errors.push(...split.errors);
  for (const { der, position } of split.blocks) {
    const fingerprint = sha256Hex(der);
    const cached = cache.get(fingerprint);
    if (cached) {
      certificates.push({ facts: cached, position });
      continue;
    }
    // Copy only what gets parsed and kept: blocks are views into the (possibly 4 MiB) input.
    const parsed = parseDerWithFingerprint(new Uint8Array(der), fingerprint, 'auto', natives);
    if ('reason' in parsed) errors.push({ ...parsed, position });
    else {
      cache.set(fingerprint, parsed);
      certificates.push({ facts: parsed, position });
    }
  }
  if (certificates.length === 0 && errors.length === 0) {
    errors.push({ reason: 'no_certificate', position: 0, detail: 'no certificate found in the material' });
  }
  return { certificates, errors };
}
