/** `certwatch inspect FILE...`: offline analysis of PEM/DER/JWK files, reported as cluster `local`. */
import { assess } from '../../domain/assess';
import type { CertificateMaterial } from '../../domain/model';
import { parseMaterial } from '../../domain/parse';
import { printable } from '../../domain/printable';
import { buildJsonReport, exitCodeFor } from '../../domain/report';
import { inputsWithoutCertificates, unreadableInput } from '../../domain/unusable-input';
import type { CertificateSource } from '../../ports/certificate-source';
import { parseChoice, parseFailOn, parseFlags, parseNow, parsePositiveNumber } from '../args';
import { type CliIo, type Command, UsageError } from '../command';
import { CONFIG_FLAG, CONFIG_HELP, composeFromFlags, DEFAULT_READ_TIMEOUT_MS } from '../settings-flags';
import { optionsBlock } from '../usage';
import { writeReport } from '../write-report';

const DEFAULT_READ_TIMEOUT_S = DEFAULT_READ_TIMEOUT_MS / 1000;

const usage = `Usage: certwatch inspect FILE... [options]

Reads PEM bundles, DER certificates or SPIFFE JWK sets, builds the chains and judges the risk.

${optionsBlock([
  ['--format table|json', 'output format (default: table)'],
  ['--now ISO8601', 'evaluate as of this instant, e.g. 2026-05-01T00:00:00Z (default: now)'],
  ['--fail-on warning|critical', 'exit 1 when anything reaches this severity (default: critical)'],
  ['--trust-bundle FILE', 'extra trust anchors (PEM) besides the roots in FILEs (default: none)'],
  [
    '--read-timeout SECONDS',
    `give up on a FILE that is still sending after this long (default: ${DEFAULT_READ_TIMEOUT_S})`,
  ],
  CONFIG_HELP,
])}

Exit codes: 0 nothing at or above --fail-on, 1 something is (a FILE without a certificate is a
critical finding), 2 usage error or no FILE yields a certificate.
`;

const options = {
  format: { type: 'string' },
  now: { type: 'string' },
  'fail-on': { type: 'string' },
  'trust-bundle': { type: 'string' },
  'read-timeout': { type: 'string' },
  ...CONFIG_FLAG,
} as const;

/** The `inspect` command. */
export const inspectCommand: Command = {
  name: 'inspect',
  usage,
  flags: options,
  run: runInspect,
};

async function runInspect(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, options, usage, true);
  const format = parseChoice('format', values.format, ['table', 'json'] as const, 'table');
  const now = parseNow(values.now, () => new Date());
  const failOn = parseFailOn(values['fail-on']);
  const readTimeoutSeconds = parsePositiveNumber(
    'read-timeout',
    values['read-timeout'],
    DEFAULT_READ_TIMEOUT_S,
  );
  if (positionals.length === 0) throw new UsageError('inspect needs at least one FILE', usage);
  const root = composeFromFlags(values, io, usage, { now, readTimeoutMs: readTimeoutSeconds * 1000 });
  const files = (paths: string[]) => root.fileSource(paths, io.cwd);
  const trustBundle = values['trust-bundle']
    ? await readTrustBundle(files([values['trust-bundle']]))
    : undefined;
  const { materials, failures } = await files(positionals).collect(AbortSignal.timeout(600_000));
  for (const failure of failures) io.stderr.write(`certwatch: cannot read ${printable(failure.detail)}\n`);
  const assessment = await assess(materials, {
    now,
    policy: root.policy,
    ...(trustBundle ? { trustBundle } : {}),
  });
  reportParseErrors(materials, assessment.errors, io);
  if (assessment.certificates.length === 0) {
    io.stderr.write('certwatch: none of the files yields a certificate\n');
    return 2;
  }
  const unusable = [...failures.map(unreadableInput), ...inputsWithoutCertificates(materials, assessment)];
  const status = unusable.length > 0 ? 'partial' : 'ok';
  const report = buildJsonReport(now, [{ name: 'local', status, assessment, extraFindings: unusable }]);
  writeReport(report, format, io);
  return exitCodeFor(report, failOn);
}

/** The trust bundle is configuration: if it cannot be read or holds no certificate, stop with exit 2. */
async function readTrustBundle(source: CertificateSource): Promise<CertificateMaterial[]> {
  const { materials, failures } = await source.collect(AbortSignal.timeout(600_000));
  const material = materials[0];
  if (!material)
    throw new UsageError(`invalid --trust-bundle: cannot read ${printable(failures[0]?.detail ?? '')}`);
  const parsed = parseMaterial(material.data);
  if (parsed.certificates.length === 0) {
    const why = parsed.errors.map((e) => `${e.reason}: ${e.detail}`).join('; ') || 'no certificate found';
    throw new UsageError(
      `invalid --trust-bundle: ${printable(material.source.name)} yields no certificate (${printable(why)})`,
    );
  }
  return [{ ...material, trustBundle: true }];
}

/** Names on stderr each file the parser rejected (wholly or in part), with its reasons. */
function reportParseErrors(
  materials: readonly CertificateMaterial[],
  errors: readonly { reason: string; detail: string; source?: { name: string } }[],
  io: CliIo,
): void {
  for (const material of materials) {
    const own = errors.filter((e) => e.source?.name === material.source.name);
    for (const error of own)
      io.stderr.write(
        `certwatch: ${printable(`${material.source.name}: ${error.detail}`)} (${error.reason})\n`,
      );
  }
}
