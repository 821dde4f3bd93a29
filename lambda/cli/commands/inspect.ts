/** `certwatch inspect FILE...`: offline analysis of PEM/DER/JWK files, reported as cluster `local`. */
import { LocalFiles } from '../../adapters/local-files';
import { assess } from '../../domain/assess';
import { blindSpot } from '../../domain/cross-source';
import type { CertificateMaterial, Finding } from '../../domain/model';
import { buildJsonReport, exitCodeFor } from '../../domain/report';
import type { SourceFailure } from '../../ports/certificate-source';
import { parseChoice, parseFailOn, parseFlags, parseNow } from '../args';
import { type CliIo, type Command, UsageError } from '../command';
import { optionsBlock } from '../usage';
import { writeReport } from '../write-report';

const usage = `Usage: certwatch inspect FILE... [options]

Reads PEM bundles, DER certificates or SPIFFE JWK sets, builds the chains and judges the risk.

${optionsBlock([
  ['--format table|json', 'output format (default: table)'],
  ['--now ISO8601', 'evaluate as of this instant, e.g. 2026-05-01T00:00:00Z (default: now)'],
  ['--fail-on warning|critical', 'exit 1 when anything reaches this severity (default: critical)'],
  ['--trust-bundle FILE', 'extra trust anchors (PEM) besides the roots in FILEs (default: none)'],
])}

Exit codes: 0 nothing at or above --fail-on, 1 something is (an unreadable FILE is a finding too),
2 usage error or no FILE could be read.
`;

const options = {
  format: { type: 'string' },
  now: { type: 'string' },
  'fail-on': { type: 'string' },
  'trust-bundle': { type: 'string' },
} as const;

/** The `inspect` command. */
export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'analyse certificate files offline (PEM, DER, SPIFFE bundles)',
  usage,
  flags: options,
  run: runInspect,
};

async function runInspect(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, options, usage, true);
  const format = parseChoice('format', values.format, ['table', 'json'] as const, 'table');
  const now = parseNow(values.now, () => new Date());
  const failOn = parseFailOn(values['fail-on']);
  if (positionals.length === 0) throw new UsageError('inspect needs at least one FILE', usage);
  const trustBundle = values['trust-bundle'] ? await readTrustBundle(values['trust-bundle'], io) : undefined;
  const { materials, failures } = await new LocalFiles(positionals, io.cwd).collect(
    AbortSignal.timeout(60_000),
  );
  for (const failure of failures) io.stderr.write(`certwatch: cannot read ${failure.detail}\n`);
  if (materials.length === 0) {
    io.stderr.write('certwatch: none of the files could be read\n');
    return 2;
  }
  const assessment = await assess(materials, { now, ...(trustBundle ? { trustBundle } : {}) });
  reportParseErrors(materials, assessment.errors, io);
  const status = failures.length > 0 ? 'partial' : 'ok';
  const report = buildJsonReport(now, [
    { name: 'local', status, assessment, extraFindings: failures.map(unreadableFinding) },
  ]);
  writeReport(report, format, io);
  return exitCodeFor(report, failOn);
}

/** The trust bundle is configuration: if it cannot be read, stop with exit 2 rather than guess. */
async function readTrustBundle(path: string, io: CliIo): Promise<CertificateMaterial[]> {
  const { materials, failures } = await new LocalFiles([path], io.cwd).collect(AbortSignal.timeout(60_000));
  const material = materials[0];
  if (!material) throw new UsageError(`invalid --trust-bundle: cannot read ${failures[0]?.detail ?? path}`);
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
      io.stderr.write(`certwatch: ${material.source.name}: ${error.detail} (${error.reason})\n`);
  }
}

/** A file that could not be read is a blind spot (the same rule `scan` uses), with a file-specific next step. */
function unreadableFinding(failure: SourceFailure): Finding {
  return {
    ...blindSpot(failure),
    remediation: 'Check the path and the file permissions, then run inspect again.',
  };
}
