/**
 * The certificate parser: PEM / DER / base64 / JWK-set material → CertificateFacts and ParseErrors.
 * Pure domain code: may import pkijs, asn1js, node:crypto (hashing and the native X509Certificate
 * fast path), ../model and its own files.
 */

export { MAX_BLOCKS } from './der-blocks';
export { type ParsePath, parseCertificateDer, sha256Hex } from './parse-certificate-der';
export type { ParsedCertificate, ParseMaterialResult } from './parse-material';
export { parseMaterial } from './parse-material';
export { MAX_INPUT_BYTES } from './split-material';
