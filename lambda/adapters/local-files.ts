/**
 * Reads certificate files from the local disk for `certwatch inspect`: one material per file, source
 * `{ kind: 'File', name: path }`. A file that cannot be read becomes a failure; the others still count.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CertificateMaterial } from '../domain/model';
import type { CertificateSource, CollectResult, SourceFailure } from '../ports/certificate-source';

/** Files larger than this are refused: certificate bundles are kilobytes, not megabytes. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** A `CertificateSource` over local PEM/DER files; paths are reported as given, read relative to `cwd`. */
export class LocalFiles implements CertificateSource {
  readonly name = 'local-files';

  constructor(
    private readonly paths: readonly string[],
    private readonly cwd: string,
  ) {}

  /** Reads every file; never rejects (each unreadable file is one failure). */
  async collect(signal: AbortSignal): Promise<CollectResult> {
    const materials: CertificateMaterial[] = [];
    const failures: SourceFailure[] = [];
    for (const path of this.paths) {
      signal.throwIfAborted();
      const result = await readOne(resolve(this.cwd, path), path);
      if ('material' in result) materials.push(result.material);
      else failures.push(result.failure);
    }
    return { materials, signals: [], failures };
  }
}

async function readOne(
  absolute: string,
  path: string,
): Promise<{ material: CertificateMaterial } | { failure: SourceFailure }> {
  const location = { kind: 'File', name: path };
  const fail = (reason: SourceFailure['reason'], detail: string) => ({
    failure: { source: 'local-files', location, reason, detail },
  });
  try {
    const info = await stat(absolute);
    if (info.isDirectory()) return fail('bad_data', `${path} is a directory, not a certificate file`);
    if (info.size > MAX_FILE_BYTES) return fail('bad_data', `${path} is larger than ${MAX_FILE_BYTES} bytes`);
    const bytes = await readFile(absolute);
    return { material: { source: location, data: asTextOrBytes(bytes) } };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail('not_found', `${path}: no such file`);
    if (code === 'EACCES' || code === 'EPERM') return fail('permission_denied', `${path}: permission denied`);
    return fail('bad_data', `${path}: ${(error as Error).message}`);
  }
}

/** DER always opens with a SEQUENCE tag (0x30); anything else (PEM, base64, a JWK set) is text. */
function asTextOrBytes(bytes: Buffer): string | Uint8Array {
  return bytes[0] === 0x30 ? new Uint8Array(bytes) : bytes.toString('utf8');
}
