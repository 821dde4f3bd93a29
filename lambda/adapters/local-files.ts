/**
 * Reads certificate files from the local disk for `certwatch inspect`: one material per file, source
 * `{ kind: 'File', name: path }`. A file that cannot be read becomes a failure; the others still count.
 * Reads are bounded by the bytes actually read (a stat size of 0 says nothing about /dev/zero or a
 * FIFO) and by a per-file deadline that also covers reads that would block (FIFOs, terminals).
 */
import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CertificateMaterial } from '../domain/model';
import type { CertificateSource, CollectResult, SourceFailure } from '../ports/certificate-source';

/** Files larger than this are refused: certificate bundles are kilobytes, not megabytes. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Per-file read deadline unless the caller gives one. */
export const DEFAULT_READ_TIMEOUT_MS = 10_000;

/** Limits of {@link LocalFiles}. */
export interface LocalFilesOptions {
  /** @default MAX_FILE_BYTES */
  readonly maxBytes?: number;
  /** @default DEFAULT_READ_TIMEOUT_MS */
  readonly timeoutMs?: number;
}

const CHUNK = 64 * 1024;
const POLL_MS = 20;

/** A `CertificateSource` over local PEM/DER files; paths are reported as given, read relative to `cwd`. */
export class LocalFiles implements CertificateSource {
  readonly name = 'local-files';

  constructor(
    private readonly paths: readonly string[],
    private readonly cwd: string,
    private readonly options: LocalFilesOptions = {},
  ) {}

  /** Reads every file; never rejects (each unreadable file is one failure). */
  async collect(signal: AbortSignal): Promise<CollectResult> {
    const materials: CertificateMaterial[] = [];
    const failures: SourceFailure[] = [];
    const limits = {
      maxBytes: this.options.maxBytes ?? MAX_FILE_BYTES,
      timeoutMs: this.options.timeoutMs ?? DEFAULT_READ_TIMEOUT_MS,
    };
    for (const path of this.paths) {
      signal.throwIfAborted();
      const result = await readOne(resolve(this.cwd, path), path, limits);
      if ('material' in result) materials.push(result.material);
      else failures.push(result.failure);
    }
    return { materials, signals: [], failures };
  }
}

type Outcome = { material: CertificateMaterial } | { failure: SourceFailure };

async function readOne(
  absolute: string,
  path: string,
  limits: Required<LocalFilesOptions>,
): Promise<Outcome> {
  const location = { kind: 'File', name: path };
  const fail = (reason: SourceFailure['reason'], detail: string): Outcome => ({
    failure: { source: 'local-files', location, reason, detail },
  });
  let handle: FileHandle | undefined;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer, and its reads must not block forever.
    handle = await open(absolute, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = await handle.stat();
    if (info.isDirectory()) return fail('bad_data', `${path}: a directory, not a certificate file`);
    const tooLarge = fail('bad_data', `${path}: larger than ${limits.maxBytes} bytes`);
    if (info.isFile() && info.size > limits.maxBytes) return tooLarge;
    const read = await readBounded(handle, limits);
    if (read === 'too_large') return tooLarge;
    if (read === 'timeout')
      return fail(
        'timeout',
        `${path}: no end of data after ${limits.timeoutMs / 1000} s (a pipe or device?)`,
      );
    return { material: { source: location, data: asTextOrBytes(read) } };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail('not_found', `${path}: no such file`);
    if (code === 'EACCES' || code === 'EPERM') return fail('permission_denied', `${path}: permission denied`);
    if (code === 'EISDIR') return fail('bad_data', `${path}: a directory, not a certificate file`);
    return fail('bad_data', `${path}: ${(error as Error).message}`);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Reads to end of file, stopping past `maxBytes` or at the deadline (polling while a read would block). */
async function readBounded(
  handle: FileHandle,
  limits: Required<LocalFilesOptions>,
): Promise<Buffer | 'too_large' | 'timeout'> {
  const deadline = Date.now() + limits.timeoutMs;
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return 'timeout';
    const buffer = Buffer.allocUnsafe(CHUNK);
    let bytesRead: number;
    try {
      ({ bytesRead } = await handle.read(buffer, 0, CHUNK, null));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK') throw error;
      await sleep(Math.min(POLL_MS, remaining));
      continue;
    }
    if (bytesRead === 0) return Buffer.concat(chunks, total);
    total += bytesRead;
    if (total > limits.maxBytes) return 'too_large';
    chunks.push(buffer.subarray(0, bytesRead));
  }
}

/** DER always opens with a SEQUENCE tag (0x30); anything else (PEM, base64, a JWK set) is text. */
function asTextOrBytes(bytes: Buffer): string | Uint8Array {
  return bytes[0] === 0x30 ? new Uint8Array(bytes) : bytes.toString('utf8');
}
